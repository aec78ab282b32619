using System.Globalization;
using LmOrganisms.InformationTheory;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The unconstrained-features spectral-alignment experiment (spec markov-categories §3 E2, §4 item 15, claim C5): draw a
/// small-signal world, train a linear-softmax model with free (H, W, b) by plain deterministic full-batch gradient
/// descent on the NLL or on a quadratic surrogate, and measure the principal angles of the learned representation to
/// the top-d eigenspaces of the predictive-similarity operators and the alignment efficiency η. For the surrogates the
/// minimiser is the closed-form reduced-rank optimum (angles → 0); for the NLL the angle is O(s).
/// </summary>
public static class SurrogateAlignmentExperiment
{
    private static readonly double[] Strengths = [3, 2, 1, 0.5];

    /// <summary>
    /// Draws the E2 world: π ∼ Dir(5·𝟙), p₀ ∼ Dir(2·𝟙), U a π-centred π-whitened Gaussian N × 4 matrix, B a column-centred
    /// Gaussian V × 4 matrix and q_c = softmax(log p₀ + s·U diag(3, 2, 1, ½) Bᵀ). Returns (π, Q), reproducible from the seed.
    /// </summary>
    public static (double[] ContextLaw, double[][] NextTokenLaws) World(int contexts, int vocabulary, double signal, int seed)
    {
        if (contexts < 5) throw new ArgumentOutOfRangeException(nameof(contexts), contexts, "Need at least 5 contexts (the signal has rank 4).");
        if (vocabulary < 5) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "Need at least 5 tokens (the signal has rank 4).");
        if (!(signal >= 0) || !double.IsFinite(signal))
            throw new ArgumentOutOfRangeException(nameof(signal), signal, "The signal strength s must be finite and ≥ 0.");
        var rng = new Random(seed);
        var pi = Dirichlet(rng, contexts, 5);
        var p0 = Dirichlet(rng, vocabulary, 2);
        int k = Strengths.Length;
        var u = Matrix<double>.Build.Dense(contexts, k, (_, _) => Normal.Sample(rng, 0, 1));
        var mean = u.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(pi));
        u -= Matrix<double>.Build.Dense(contexts, k, (_, j) => mean[j]);
        var cov = u.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalArray(pi) * u);
        u *= cov.Cholesky().Factor.Transpose().Inverse(); // Uᵀ Π U = I
        var b = Matrix<double>.Build.Dense(vocabulary, k, (_, _) => Normal.Sample(rng, 0, 1));
        for (int j = 0; j < k; j++)
        {
            double m = b.Column(j).Average();
            for (int w = 0; w < vocabulary; w++) b[w, j] -= m;
        }
        var logits = u * Matrix<double>.Build.DenseOfDiagonalArray(Strengths) * b.Transpose() * signal;
        var q = new double[contexts][];
        for (int c = 0; c < contexts; c++)
            q[c] = FisherRao.Softmax(logits.Row(c) + Vector<double>.Build.DenseOfArray(p0).Map(Math.Log)).ToArray();
        return (pi, q);
    }

    /// <summary>
    /// Runs the experiment: draws <see cref="World"/>, initialises S = Π^{1/2}H and W with N(0, 0.1²) entries and b = 0
    /// from the same seed, and takes at most <see cref="SurrogateAlignmentOptions.Steps"/> plain gradient steps in
    /// (S, W, b) on L = Σ_c π(c)ℓ(W h_c + b; q_c), h_c = s_c/√π(c) (gradient descent on H with the fixed preconditioner
    /// Π^{−1}, which balances the per-context curvature π(c) against that of W; the minimiser set is unchanged)
    /// until the gradient norm falls below the tolerance. Reports the step count every 10 000 steps.
    /// </summary>
    public static SurrogateAlignmentResult Run(SurrogateAlignmentOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        int n = options.Contexts, v = options.Vocabulary, d = options.Dimension;
        var (pi, q) = World(n, v, options.Signal, options.Seed);
        var similarity = new PredictiveSimilarity(pi, q);
        var p = similarity.Marginal.ToArray();
        var logP = p.Select(x => Math.Log(x)).ToArray();
        var rng = new Random(unchecked(options.Seed * 31 + 7));
        var h = new double[n * d];
        var w = new double[v * d];
        var bias = new double[v];
        for (int i = 0; i < h.Length; i++) h[i] = 0.1 * Normal.Sample(rng, 0, 1);
        for (int i = 0; i < w.Length; i++) w[i] = 0.1 * Normal.Sample(rng, 0, 1);

        var sqrtPi = pi.Select(x => Math.Sqrt(x)).ToArray();
        var g = new double[n * v];
        var gh = new double[n * d];
        var gw = new double[v * d];
        var gb = new double[v];
        double gradNorm = double.PositiveInfinity;
        int step = 0;
        for (; step < options.Steps; step++)
        {
            if ((step & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (step % 10_000 == 0 && step > 0) progress?.Report(step);
            LogitGradient(options.Objective, pi, q, p, logP, h, w, bias, n, v, d, g);
            gradNorm = ParameterGradient(g, sqrtPi, h, w, n, v, d, gh, gw, gb);
            if (!double.IsFinite(gradNorm))
                throw new InvalidOperationException($"Gradient descent diverged at step {step} (learning rate {options.LearningRate.ToString("R", CultureInfo.InvariantCulture)}); lower the learning rate.");
            if (gradNorm < options.GradientTolerance) break;
            double lr = options.LearningRate;
            for (int i = 0; i < h.Length; i++) h[i] -= lr * gh[i];
            for (int i = 0; i < w.Length; i++) w[i] -= lr * gw[i];
            for (int i = 0; i < v; i++) bias[i] -= lr * gb[i];
        }

        var hm = Matrix<double>.Build.Dense(n, d, (c, j) => h[c * d + j] / Math.Sqrt(pi[c]));
        var head = new LinearHead(Matrix<double>.Build.Dense(v, d, (r, j) => w[r * d + j]), Vector<double>.Build.DenseOfArray(bias));
        var model = Enumerable.Range(0, n).Select(c => FisherRao.Softmax(head.Logits(hm.Row(c))).ToArray()).ToArray();
        var nll = NllDecomposition.Of(pi, q, model);
        double tail = 0.5 * similarity.ChiSquareSpectrum.Skip(d).Sum();
        double loss = options.Objective switch
        {
            SurrogateObjective.Bohning => similarity.BohningSurrogateLoss(hm, head),
            SurrogateObjective.FisherCalibrated => similarity.FisherSurrogateLoss(hm, head),
            _ => nll.CrossEntropy,
        };
        double closedForm;
        if (options.Objective == SurrogateObjective.Nll)
            closedForm = Channel.ConditionalEntropy(pi, q) + tail;
        else
        {
            var (hOpt, headOpt) = ReducedRankSurrogate.Optimum(similarity, pi, d, options.Objective);
            closedForm = options.Objective == SurrogateObjective.Bohning
                ? similarity.BohningSurrogateLoss(hOpt, headOpt)
                : similarity.FisherSurrogateLoss(hOpt, headOpt);
        }
        return new SurrogateAlignmentResult(options, pi, q, hm, head,
            Degrees(similarity.PrincipalAngles(hm)), Degrees(similarity.PrincipalAngles(hm, euclideanOperator: true)),
            similarity.AlignmentEfficiency(hm), loss, closedForm, nll, tail, gradNorm, step);
    }

    // G[c, ·] = √π(c) ∂ℓ/∂z_c at z_c = W s_c/√π(c) + b (h holds S = Π^{1/2}H), so ∂L/∂W = GᵀS, ∂L/∂S = GW, ∂L/∂b = Gᵀ√π.
    private static void LogitGradient(SurrogateObjective objective, double[] pi, double[][] q, double[] p, double[] logP,
        double[] h, double[] w, double[] bias, int n, int v, int d, double[] g)
    {
        Span<double> z = stackalloc double[v];
        for (int c = 0; c < n; c++)
        {
            double scale = Math.Sqrt(pi[c]);
            for (int r = 0; r < v; r++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += w[r * d + j] * h[c * d + j];
                z[r] = bias[r] + s / scale;
            }
            var gc = g.AsSpan(c * v, v);
            switch (objective)
            {
                case SurrogateObjective.Nll:
                {
                    double max = double.NegativeInfinity;
                    for (int r = 0; r < v; r++) max = Math.Max(max, z[r]);
                    double sum = 0;
                    for (int r = 0; r < v; r++) { gc[r] = Math.Exp(z[r] - max); sum += gc[r]; }
                    for (int r = 0; r < v; r++) gc[r] = scale * (gc[r] / sum - q[c][r]);
                    break;
                }
                case SurrogateObjective.Bohning:
                {
                    // ∇ [(u − q)ᵀz + ¼‖P_V z‖²] = u − q + ½ P_V z
                    double mean = 0;
                    for (int r = 0; r < v; r++) mean += z[r];
                    mean /= v;
                    for (int r = 0; r < v; r++) gc[r] = scale * (1.0 / v - q[c][r] + 0.5 * (z[r] - mean));
                    break;
                }
                default:
                {
                    // ∇ [(p − q)ᵀ(z − z₀) + ½(z − z₀)ᵀ(D_p − ppᵀ)(z − z₀)] = p − q + (D_p − ppᵀ)(z − z₀)
                    double pdz = 0;
                    for (int r = 0; r < v; r++) pdz += p[r] * (z[r] - logP[r]);
                    for (int r = 0; r < v; r++) gc[r] = scale * (p[r] - q[c][r] + p[r] * (z[r] - logP[r]) - p[r] * pdz);
                    break;
                }
            }
        }
    }

    private static double ParameterGradient(double[] g, double[] sqrtPi, double[] h, double[] w, int n, int v, int d, double[] gh, double[] gw, double[] gb)
    {
        Array.Clear(gh);
        Array.Clear(gw);
        Array.Clear(gb);
        for (int c = 0; c < n; c++)
            for (int r = 0; r < v; r++)
            {
                double gcr = g[c * v + r];
                gb[r] += gcr * sqrtPi[c];
                for (int j = 0; j < d; j++)
                {
                    gw[r * d + j] += gcr * h[c * d + j];
                    gh[c * d + j] += gcr * w[r * d + j];
                }
            }
        double s = 0;
        foreach (var x in gh) s += x * x;
        foreach (var x in gw) s += x * x;
        foreach (var x in gb) s += x * x;
        return Math.Sqrt(s);
    }

    private static double[] Dirichlet(Random rng, int k, double alpha)
    {
        var x = new double[k];
        for (int i = 0; i < k; i++) x[i] = Gamma.Sample(rng, alpha, 1);
        double s = x.Sum();
        for (int i = 0; i < k; i++) x[i] /= s;
        return x;
    }

    private static double[] Degrees(double[] radians) => radians.Select(r => r * 180 / Math.PI).ToArray();

    private static void Check(SurrogateAlignmentOptions o)
    {
        static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        if (o.Dimension < 1 || o.Dimension >= Strengths.Length)
            throw new ArgumentException($"Dimension is {o.Dimension}; expected 1…{Strengths.Length - 1} (a bottleneck below the signal rank {Strengths.Length}).", nameof(o));
        if (o.Steps < 0) throw new ArgumentException($"Steps is {o.Steps}; expected ≥ 0.", nameof(o));
        if (!(o.LearningRate > 0) || !double.IsFinite(o.LearningRate))
            throw new ArgumentException($"LearningRate is {F(o.LearningRate)}; expected a finite value > 0.", nameof(o));
        if (!(o.GradientTolerance >= 0)) throw new ArgumentException($"GradientTolerance is {F(o.GradientTolerance)}; expected ≥ 0.", nameof(o));
        if (!Enum.IsDefined(o.Objective)) throw new ArgumentException($"Objective is {o.Objective}; not a defined objective.", nameof(o));
    }
}
