using System.Numerics.Tensors;

using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// Linear-softmax (multinomial logistic) probes fitted by L-BFGS to weighted rows with soft targets (spec
/// markov-categories §1.4, "for a trained model": the probe family V of the usable-information bound). Minimises the
/// mean cross-entropy Σ_r w_r Σ_k t_rk (−log softmax(W x_r + b)_k) / Σ w + (λ/2)‖Θ‖² on standardised features. The
/// fit starts from the best constant law (W = 0, b = log of the target marginal) and every accepted step decreases
/// the objective, so the fitted probe is never worse than the constant one on its training rows. Deterministic. The
/// estimator's properties are its hyper-parameters; <see cref="Fit(ProbeBatch, CancellationToken)"/> returns the model.
/// </summary>
public sealed record SoftmaxProbe
{
    /// <summary>The defaults.</summary>
    public static SoftmaxProbe Default { get; } = new();

    /// <summary>λ ≥ 0 of the penalty (λ/2)‖Θ‖² on the coefficients of the standardised features (never on the bias):
    /// it makes the fit strictly convex for collinear features (a belief's coordinates sum to 1) and only raises the
    /// probe's cross-entropy, so the usable-information bound stays a lower bound. Default 1e-8.</summary>
    public double Ridge { get; init; } = 1e-8;

    /// <summary>L-BFGS iterations at most (default 500).</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Stops when the largest gradient entry of the penalised mean cross-entropy is below this (default 1e-7).</summary>
    public double GradientTolerance { get; init; } = 1e-7;

    /// <summary>L-BFGS correction pairs kept (default 10).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Also stops when three successive iterations each lower the objective by less than this fraction of
    /// max(1, |objective|) (default 1e-11).</summary>
    public double FunctionTolerance { get; init; } = 1e-11;

    /// <summary>Fits the probe to <paramref name="data"/>: features rows, targets laws over the classes (one-hot labels or
    /// exact conditional laws), optional row weights (1 when absent).</summary>
    /// <exception cref="ArgumentException">A target row is not a law, a weight is negative, or a feature is not finite.</exception>
    public SoftmaxProbeModel Fit(ProbeBatch data, CancellationToken cancellationToken = default) =>
        Fit(SoftTargets.From(data, nameof(data)), this, null, cancellationToken, 0);

    /// <summary>
    /// Fits the probe starting from the raw-coordinate probe <paramref name="start"/> (W, b) instead of the constant law,
    /// e.g. the exact table of a one-hot conditioning block, so that the fit is never worse than that start. The first
    /// <paramref name="unpenalised"/> feature columns (such a block, which acts as a per-value bias) carry no L2 penalty.
    /// </summary>
    internal static SoftmaxProbeModel Fit(SoftTargets data, SoftmaxProbe? options, (double[] Weights, double[] Bias)? start,
        CancellationToken cancellationToken, int unpenalised = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= Default;
        if (!(options.Ridge >= 0) || !double.IsFinite(options.Ridge)) throw new ArgumentException($"SoftmaxProbe.Ridge is {options.Ridge}; expected a finite value ≥ 0.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Memory, 1, nameof(options));
        int n = data.RowCount, p = data.Width, kc = data.Classes;
        // Standardise: x' = (x − mean) / sd (sd 1 for constant columns, which are then all zero).
        var mean = new double[p];
        var sd = new double[p];
        for (int r = 0; r < n; r++)
            TensorPrimitives.MultiplyAdd(data.Features.AsSpan(r * p, p), data.Weights[r] / data.WeightSum, mean, mean);
        for (int r = 0; r < n; r++)
            for (int j = 0; j < p; j++) { double d = data.Features[r * p + j] - mean[j]; sd[j] += data.Weights[r] * d * d / data.WeightSum; }
        for (int j = 0; j < p; j++) sd[j] = sd[j] > 1e-300 ? Math.Sqrt(sd[j]) : 1;
        var x = new double[(long)n * p];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < p; j++) x[r * p + j] = (data.Features[r * p + j] - mean[j]) / sd[j];

        var objective = new Objective(x, p, data, options.Ridge, unpenalised);
        var theta = new double[kc * p + kc];
        var marginal = data.Marginal();
        for (int k = 0; k < kc; k++) theta[kc * p + k] = marginal[k] > 0 ? Math.Log(marginal[k]) : -700;
        if (start is { } s0)
        {
            // Raw (W, b) → standardised: θ_kj = W_kj sd_j, b'_k = b_k + Σ_j W_kj mean_j.
            for (int k = 0; k < kc; k++)
            {
                double bias = s0.Bias[k];
                for (int j = 0; j < p; j++) { theta[k * p + j] = s0.Weights[k * p + j] * sd[j]; bias += s0.Weights[k * p + j] * mean[j]; }
                theta[kc * p + k] = bias;
            }
        }
        var (iterations, converged) = Lbfgs(objective, theta, options, cancellationToken);

        var w = new double[kc * p];
        var b = new double[kc];
        for (int k = 0; k < kc; k++)
        {
            double bias = theta[kc * p + k];
            for (int j = 0; j < p; j++)
            {
                w[k * p + j] = theta[k * p + j] / sd[j];
                bias -= theta[k * p + j] * mean[j] / sd[j];
            }
            b[k] = bias;
        }
        var model = new SoftmaxProbeModel(w, b, p, iterations, converged, 0);
        return model with { TrainingCrossEntropy = model.CrossEntropy(data) };
    }

    private static double MaxAbs(ReadOnlySpan<double> g) => Math.Abs(TensorPrimitives.MaxMagnitude(g));

    /// <summary>log Σ exp z, computed stably.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = TensorPrimitives.Max(z), s = 0;
        foreach (var v in z) s += Math.Exp(v - max);
        return max + Math.Log(s);
    }

    /// <summary>z ← softmax(z), computed stably.</summary>
    internal static void SoftmaxInPlace(Span<double> z)
    {
        double max = TensorPrimitives.Max(z), s = 0;
        for (int k = 0; k < z.Length; k++) { z[k] = Math.Exp(z[k] - max); s += z[k]; }
        for (int k = 0; k < z.Length; k++) z[k] /= s;
    }

    /// <summary>The penalised mean cross-entropy and its gradient; θ = [Θ (K × p row-major), b (K)].</summary>
    private sealed class Objective(double[] x, int p, SoftTargets data, double l2, int unpenalised)
    {
        private readonly double[] z = new double[data.Classes];

        public int Dimension => data.Classes * p + data.Classes;

        public double Evaluate(double[] theta, double[] gradient)
        {
            int kc = data.Classes, n = data.RowCount;
            Array.Clear(gradient);
            double loss = 0;
            var biasOffset = kc * p;
            for (int r = 0; r < n; r++)
            {
                double w = data.Weights[r] / data.WeightSum;
                if (w == 0) continue;
                var xr = x.AsSpan(r * p, p);
                for (int k = 0; k < kc; k++) z[k] = theta[biasOffset + k] + TensorPrimitives.Dot(theta.AsSpan(k * p, p), xr);
                double lse = LogSumExp(z), ts = 0, tz = 0;
                for (int k = 0; k < kc; k++) { double t = data.Targets[r * kc + k]; ts += t; tz += t * z[k]; }
                loss += w * (ts * lse - tz);
                for (int k = 0; k < kc; k++)
                {
                    double c = w * (ts * Math.Exp(z[k] - lse) - data.Targets[r * kc + k]);
                    if (c == 0) continue;
                    gradient[biasOffset + k] += c;
                    var g = gradient.AsSpan(k * p, p);
                    TensorPrimitives.MultiplyAdd(xr, c, g, g);
                }
            }
            if (l2 > 0 && unpenalised < p)
            {
                for (int k = 0; k < kc; k++)
                {
                    var coef = theta.AsSpan(k * p + unpenalised, p - unpenalised);
                    loss += 0.5 * l2 * TensorPrimitives.Dot(coef, coef);
                    var g = gradient.AsSpan(k * p + unpenalised, p - unpenalised);
                    TensorPrimitives.MultiplyAdd(coef, l2, g, g);
                }
            }
            return loss;
        }
    }

    // Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search; θ is updated in place.
    private static (int Iterations, bool Converged) Lbfgs(Objective f, double[] theta, SoftmaxProbe options, CancellationToken ct)
    {
        int dim = f.Dimension, m = options.Memory;
        var g = new double[dim];
        double fx = f.Evaluate(theta, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var dir = new double[dim];
        var alpha = new double[m];
        var trial = new double[dim];
        var gTrial = new double[dim];
        int small = 0;
        for (int it = 0; it < options.MaxIterations; it++)
        {
            if (MaxAbs(g) < options.GradientTolerance) return (it, true);
            ct.ThrowIfCancellationRequested();
            // Two-loop recursion: dir = −H g.
            g.CopyTo(dir, 0);
            for (int i = s.Count - 1; i >= 0; i--)
            {
                alpha[i] = rho[i] * TensorPrimitives.Dot(s[i], dir);
                TensorPrimitives.MultiplyAdd(y[i], -alpha[i], dir, dir);
            }
            double gamma = s.Count > 0 ? TensorPrimitives.Dot(s[^1], y[^1]) / TensorPrimitives.Dot(y[^1], y[^1]) : 1.0 / Math.Max(1.0, TensorPrimitives.Norm(g));
            TensorPrimitives.Multiply(dir, gamma, dir);
            for (int i = 0; i < s.Count; i++)
            {
                double beta = rho[i] * TensorPrimitives.Dot(y[i], dir);
                TensorPrimitives.MultiplyAdd(s[i], alpha[i] - beta, dir, dir);
            }
            TensorPrimitives.Negate(dir, dir);
            double slope = TensorPrimitives.Dot(g, dir);
            if (!(slope < 0))
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                TensorPrimitives.Multiply(g, -1.0 / Math.Max(1.0, TensorPrimitives.Norm(g)), dir);
                slope = TensorPrimitives.Dot(g, dir);
            }
            double step = 1, fTrial = double.NaN;
            bool accepted = false;
            for (int ls = 0; ls < 60; ls++)
            {
                TensorPrimitives.MultiplyAdd(dir, step, theta, trial);
                fTrial = f.Evaluate(trial, gTrial);
                if (double.IsFinite(fTrial) && fTrial <= fx + 1e-4 * step * slope) { accepted = true; break; }
                step *= 0.5;
            }
            if (!accepted) return (it, false);
            var sNew = new double[dim];
            var yNew = new double[dim];
            TensorPrimitives.Subtract(trial, theta, sNew);
            TensorPrimitives.Subtract(gTrial, g, yNew);
            double sy = TensorPrimitives.Dot(sNew, yNew);
            trial.CopyTo(theta, 0);
            gTrial.CopyTo(g, 0);
            double previous = fx;
            fx = fTrial;
            if (sy > 1e-16 * TensorPrimitives.Dot(yNew, yNew))
            {
                if (s.Count == m) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sNew); y.Add(yNew); rho.Add(1 / sy);
            }
            small = previous - fx <= options.FunctionTolerance * Math.Max(1, Math.Abs(fx)) ? small + 1 : 0;
            if (small >= 3) return (it + 1, true);
        }
        return (options.MaxIterations, MaxAbs(g) < options.GradientTolerance);
    }
}
