using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// Spectral alignment of a model's hidden states with the predictive-similarity operators of its world (Markov-categorical
/// spec §4 item 17, claims C3–C6), an estimator: the NLL decomposition, pullback Fisher–Rao statistics, canonical
/// correlations and alignment efficiency, principal angles to the operators' top eigenspaces, and the Dirichlet energy on
/// the predictive-similarity graph. Contexts are the distinct beliefs of the probe-set rows; their law π is the weighted
/// frequency of those rows and their next-token laws Q are exact.
/// <c>new SpectralAlignment { MaxContextLength = 3 }.Fit(activations, probeSet)</c>.
/// </summary>
/// <remarks>
/// <para>The analysis needs the π-covariance of the per-context mean states to be invertible: fewer directions than
/// contexts and no dead direction. A final LayerNorm's output lies in an affine hyperplane, so the states are projected
/// onto their top r principal components (weighted mean μ and covariance; by default r = the numerical rank, eigenvalues
/// above 1e-8 × the largest, capped at contexts − 1), and the head on the projected coordinates a is W' = W P,
/// b' = b + W μ, exact for the part of each h − μ inside the retained span
/// (<see cref="SpectralAlignmentResult.RetainedVariance"/> says how much that is).</para>
/// <para>Keep the contexts few: their number (distinct beliefs at depths 1..L, e.g. Mess3: at most 3 + 9 + … + 3^L) sets
/// the N × N operators' size. <see cref="MaxContextLength"/> limits the depth.</para>
/// </remarks>
public sealed record SpectralAlignment
{
    /// <summary>The hook to analyse; null for the hook the model's head reads (<see cref="Activations.HeadHook"/>).</summary>
    public string? Hook { get; init; }

    /// <summary>L: only rows whose prefix has at most L tokens are used; null for every row whose next token is known
    /// (all positions of a sampled set, all but the last of an all-words set).</summary>
    public int? MaxContextLength { get; init; }

    /// <summary>r, the principal components kept; null for the numerical rank capped at contexts − 1.</summary>
    public int? Components { get; init; }

    /// <summary>
    /// The alignment of <paramref name="activations"/> (with the model's head) on <paramref name="probeSet"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No head was captured, the rows do not match, or the states cannot be analysed
    /// (e.g. more retained directions than contexts).</exception>
    public SpectralAlignmentResult Fit(Activations activations, ProbeSet probeSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(probeSet);
        if (activations.RowCount != probeSet.RowCount)
            throw new ArgumentException($"The activations have {activations.RowCount} rows; the probe set has {probeSet.RowCount}.", nameof(activations));
        var head = activations.Head ?? throw new ArgumentException(
            "The activations carry no head (W, b); capture them from a model (model.Capture) or give Activations.FromArrays a head.", nameof(activations));
        string hook = Hook ?? activations.HeadHook!;
        if (Hook is not null && Hook != activations.HeadHook)
            throw new ArgumentException($"The head reads '{activations.HeadHook}', not '{Hook}'; alignment needs the states the head reads.", nameof(activations));
        var raw = activations[hook];
        int maxLength = MaxContextLength ?? probeSet.Length;
        if (maxLength < 1 || maxLength > probeSet.Length)
            throw new ArgumentException($"SpectralAlignment.MaxContextLength is {maxLength}; the probe set's prefixes have 1 to {probeSet.Length} tokens.", nameof(probeSet));

        // Rows with a known next token and a short enough prefix; contexts numbered by first occurrence of their belief.
        var rows = new List<int>();
        for (int r = 0; r < probeSet.RowCount; r++)
            if (r % probeSet.Length < maxLength && probeSet.NextToken(r) >= 0) rows.Add(r);
        if (rows.Count == 0) throw new ArgumentException("No probe-set row has a known next token within MaxContextLength.", nameof(probeSet));
        var idOf = new Dictionary<int, int>();
        var contexts = new int[rows.Count];
        var firstRow = new List<int>();
        var nextTokens = new int[rows.Count];
        var weights = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            if (!idOf.TryGetValue(probeSet.BeliefIds[r], out int c)) { idOf[probeSet.BeliefIds[r]] = c = idOf.Count; firstRow.Add(r); }
            contexts[i] = c;
            nextTokens[i] = probeSet.NextToken(r);
            weights[i] = probeSet.RowWeight(r);
        }
        int n = rows.Count, width = raw.Width, nc = idOf.Count, v = probeSet.Process.AlphabetSize;
        double total = weights.Sum();
        var law = new double[nc];
        for (int i = 0; i < n; i++) law[contexts[i]] += weights[i];
        for (int c = 0; c < nc; c++) law[c] /= total;
        var laws = firstRow.Select(r => probeSet.NextTokenLaws.AsSpan(r * v, v).ToArray()).ToArray();

        // Principal components of the raw states (weighted).
        var mean = Vector<double>.Build.Dense(width);
        for (int i = 0; i < n; i++)
        {
            var x = raw.Row(rows[i]);
            for (int j = 0; j < width; j++) mean[j] += weights[i] * x[j] / total;
        }
        var cov = Matrix<double>.Build.Dense(width, width);
        var centred = new double[width];
        for (int i = 0; i < n; i++)
        {
            if ((i & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
            var x = raw.Row(rows[i]);
            for (int j = 0; j < width; j++) centred[j] = x[j] - mean[j];
            for (int a = 0; a < width; a++)
                for (int b = a; b < width; b++) cov[a, b] += weights[i] * centred[a] * centred[b] / total;
        }
        for (int a = 0; a < width; a++) for (int b = 0; b < a; b++) cov[a, b] = cov[b, a];
        var evd = cov.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, width).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var lambda = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToArray();
        int rank = lambda.Count(x => x > 1e-8 * Math.Max(lambda[0], double.Epsilon));
        int keep = Components ?? Math.Min(rank, nc - 1);
        if (keep < 1 || keep > width)
            throw new ArgumentException($"SpectralAlignment.Components is {keep}; expected 1 to the state width {width} (contexts: {nc}, numerical rank: {rank}).", nameof(activations));
        var p = Matrix<double>.Build.Dense(width, keep, (i, k) => evd.EigenVectors[i, order[k]]);
        double all = lambda.Sum();
        double retained = all > 0 ? Math.Min(1, lambda.Take(keep).Sum() / all) : 1;
        var projected = new double[(long)n * keep];
        for (int i = 0; i < n; i++)
        {
            var x = raw.Row(rows[i]);
            for (int j = 0; j < width; j++)
            {
                double c = x[j] - mean[j];
                if (c == 0) continue;
                for (int k = 0; k < keep; k++) projected[(long)i * keep + k] += p[j, k] * c;
            }
        }
        var projectedHead = new LinearHead(head.Weights * p, head.Bias + head.Weights * mean);
        return Analyse(hook, p, mean, retained, projected, keep, contexts, nextTokens, weights, projectedHead, law, laws, cancellationToken);
    }

    /// <summary>
    /// The alignment of plain arrays: <paramref name="states"/> (samples × <paramref name="width"/>, row-major), each
    /// sample's context id (0 … N − 1, every context at least once) and next token, the head reading the states, and
    /// optionally the context law π and next-token laws Q (else estimated from the samples: weighted context frequencies
    /// and next-token frequencies per context) and sample weights (else 1). No projection is made.
    /// </summary>
    public SpectralAlignmentResult Fit(double[] states, int width, IReadOnlyList<int> contexts, IReadOnlyList<int> nextTokens,
        LinearHead head, IReadOnlyList<double>? contextLaw = null, IReadOnlyList<double[]>? nextTokenLaws = null,
        IReadOnlyList<double>? weights = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(nextTokens);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        int n = contexts.Count;
        if (states.LongLength != (long)n * width)
            throw new ArgumentException($"states has {states.LongLength} values; expected {n} samples × width {width}.", nameof(states));
        if (nextTokens.Count != n) throw new ArgumentException($"{nextTokens.Count} next tokens for {n} samples.", nameof(nextTokens));
        var w = weights?.ToArray() ?? Enumerable.Repeat(1.0, n).ToArray();
        if (w.Length != n) throw new ArgumentException($"{w.Length} weights for {n} samples.", nameof(weights));
        for (int i = 0; i < n; i++)
            if (!(w[i] > 0) || !double.IsFinite(w[i]))
                throw new ArgumentException($"Weight {i} is {w[i]}; expected a finite value > 0.", nameof(weights));
        return Analyse("", Matrix<double>.Build.DenseIdentity(width), Vector<double>.Build.Dense(width), 1, states, width,
            contexts.ToArray(), nextTokens.ToArray(), w, head, contextLaw?.ToArray(), nextTokenLaws?.Select(q => q.ToArray()).ToArray(),
            cancellationToken);
    }

    private static SpectralAlignmentResult Analyse(string hook, Matrix<double> components, Vector<double> rawMean, double retained,
        double[] states, int d, int[] contexts, int[] nextTokens, double[] weights, LinearHead head, double[]? pi, double[][]? q,
        CancellationToken cancellationToken)
    {
        int n = contexts.Length, v = head.Weights.RowCount;
        if (head.Weights.ColumnCount != d)
            throw new ArgumentException($"The head's W is {v}×{head.Weights.ColumnCount} but the hidden states have width {d}.", nameof(head));
        if (head.Bias.Count != v)
            throw new ArgumentException($"The head's b has {head.Bias.Count} entries, expected one per token ({v}).", nameof(head));
        int nc = 0;
        for (int i = 0; i < n; i++)
        {
            if (contexts[i] < 0) throw new ArgumentException($"Sample {i} has context {contexts[i]}; expected ≥ 0.", nameof(contexts));
            nc = Math.Max(nc, contexts[i] + 1);
        }
        bool unit = weights.All(x => x == 1);
        var sums = new double[nc * d];
        var counts = new double[nc];
        var tokenCounts = new double[nc * v];
        var stats = ProbeStatistics.Create(d, v);
        var oneHot = new double[v];
        for (int i = 0; i < n; i++)
        {
            if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            int c = contexts[i], t = nextTokens[i];
            if (t < 0 || t >= v)
                throw new ArgumentException($"Sample {i} has next token {t}, outside the head's vocabulary [0, {v}).", nameof(nextTokens));
            var h = states.AsSpan(i * d, d);
            double wi = weights[i];
            for (int j = 0; j < d; j++) sums[c * d + j] += unit ? h[j] : wi * h[j];
            counts[c] += wi;
            tokenCounts[c * v + t] += wi;
            oneHot[t] = 1;
            if (unit) stats.Add(h, oneHot);
            else stats.Add(h, oneHot, [wi]);
            oneHot[t] = 0;
        }
        for (int c = 0; c < nc; c++)
            if (counts[c] == 0)
                throw new ArgumentException($"No sample has context {c}; every context needs at least one.", nameof(contexts));
        double total = counts.Sum();
        pi ??= counts.Select(k => k / total).ToArray();
        if (pi.Length != nc) throw new ArgumentException($"contextLaw has {pi.Length} entries, expected {nc} (one per context).", nameof(pi));
        q ??= Enumerable.Range(0, nc).Select(c => Enumerable.Range(0, v).Select(x => tokenCounts[c * v + x] / counts[c]).ToArray()).ToArray();
        if (q.Length != nc) throw new ArgumentException($"nextTokenLaws has {q.Length} rows, expected {nc} (one per context).", nameof(q));
        for (int c = 0; c < nc; c++)
            if (q[c].Length != v)
                throw new ArgumentException($"Row {c} of nextTokenLaws has {q[c].Length} entries, expected the head's vocabulary size {v}.", nameof(q));

        var hm = Matrix<double>.Build.Dense(nc, d, (c, j) => sums[c * d + j] / counts[c]);
        double spread = 0;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) { double e = states[(long)i * d + j] - hm[contexts[i], j]; s += e * e; }
            spread = Math.Max(spread, Math.Sqrt(s));
        }

        var model = new double[nc][];
        var meanMetric = Matrix<double>.Build.Dense(d, d);
        double maxTrace = 0;
        for (int c = 0; c < nc; c++)
        {
            var hc = hm.Row(c);
            model[c] = head.Probabilities(hc).ToArray();
            var g = FisherRao.Pullback(head, hc);
            meanMetric += pi[c] * g;
            maxTrace = Math.Max(maxTrace, g.Trace());
        }
        var metricEigenvalues = meanMetric.Evd(Symmetricity.Symmetric).EigenValues.Real().OrderDescending().ToArray();
        int rank = metricEigenvalues.Count(x => x > 1e-10 * Math.Max(metricEigenvalues[0], double.Epsilon));

        var similarity = new PredictiveSimilarity(pi, q);
        var rho2 = similarity.SquaredCanonicalCorrelationsOf(hm);
        var white = similarity.CenterWhiten(hm).Whitened;
        var sampleRho2 = CanonicalCorrelation.Squared(stats.FeatureComoment(), stats.CrossComoment(), stats.TargetComoment());
        return new SpectralAlignmentResult(hook, components, rawMean, retained, n, pi, q, hm, spread, NllDecomposition.Of(pi, q, model),
            metricEigenvalues, rank, maxTrace, rho2, sampleRho2, similarity.ChiSquareSpectrum.Take(d).ToArray(),
            similarity.AlignmentEfficiency(hm), Degrees(similarity.PrincipalAngles(hm)),
            Degrees(similarity.PrincipalAngles(hm, euclideanOperator: true)), similarity.DirichletEnergy(hm), similarity.DirichletEnergy(white));
    }

    private static double[] Degrees(double[] radians) => radians.Select(r => r * 180 / Math.PI).ToArray();
}
