using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// Spectral-alignment analysis of any model exposed through <see cref="IHiddenStateSource"/> and <see cref="IHead"/>
/// (spec markov-categories §4 item 17; claims C3–C6): NLL decomposition, pullback Fisher–Rao statistics, canonical
/// correlations and alignment efficiency, principal angles to the predictive-similarity operators' top eigenspaces,
/// and the Dirichlet energy on the predictive-similarity graph.
/// </summary>
public static class AlignmentAnalysis
{
    /// <summary>
    /// Reads <paramref name="source"/> once and analyses H (per-context mean hidden states) with the head against the
    /// context law <paramref name="contextLaw"/> and next-token laws <paramref name="nextTokenLaws"/>; either, when null,
    /// is estimated from the samples (context frequencies; next-token frequencies per context). Every context needs at
    /// least one sample, and H's π-covariance must be invertible (d below the number of contexts, no dead directions).
    /// </summary>
    public static AlignmentReport Run(IHiddenStateSource source, IHead head, IReadOnlyList<double[]>? nextTokenLaws = null,
        IReadOnlyList<double>? contextLaw = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(head);
        int n = source.ContextCount, d = source.Width, v = head.Weights.RowCount;
        if (head.Weights.ColumnCount != d)
            throw new ArgumentException($"The head's W is {v}×{head.Weights.ColumnCount} but the hidden states have width {d}.", nameof(head));
        if (head.Bias.Count != v)
            throw new ArgumentException($"The head's b has {head.Bias.Count} entries, expected one per token ({v}).", nameof(head));

        var sums = new double[n * d];
        var counts = new long[n];
        var tokenCounts = new long[n * v];
        var stats = ProbeStatistics.Create(d, v);
        var oneHot = new double[v];
        var recorded = new List<(int Context, double[] Hidden)>();
        int sampleCount = 0;
        foreach (var sample in source.Samples())
        {
            if ((sampleCount & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (sample.Context < 0 || sample.Context >= n)
                throw new ArgumentException($"Sample {sampleCount} has context {sample.Context}, outside [0, {n}).", nameof(source));
            if (sample.NextToken < 0 || sample.NextToken >= v)
                throw new ArgumentException($"Sample {sampleCount} has next token {sample.NextToken}, outside the head's vocabulary [0, {v}).", nameof(source));
            var h = sample.Hidden.Span;
            if (h.Length != d)
                throw new ArgumentException($"Sample {sampleCount} has a hidden state of width {h.Length}, expected {d}.", nameof(source));
            for (int j = 0; j < d; j++) sums[sample.Context * d + j] += h[j];
            counts[sample.Context]++;
            tokenCounts[sample.Context * v + sample.NextToken]++;
            oneHot[sample.NextToken] = 1;
            stats.Add(h, oneHot);
            oneHot[sample.NextToken] = 0;
            recorded.Add((sample.Context, h.ToArray()));
            sampleCount++;
        }
        for (int c = 0; c < n; c++)
            if (counts[c] == 0)
                throw new ArgumentException($"The source yields no hidden state for context {c}.", nameof(source));

        var pi = contextLaw?.ToArray() ?? counts.Select(k => (double)k / sampleCount).ToArray();
        if (pi.Length != n) throw new ArgumentException($"contextLaw has {pi.Length} entries, expected {n} (one per context).", nameof(contextLaw));
        var q = nextTokenLaws?.Select(r => r.ToArray()).ToArray()
            ?? Enumerable.Range(0, n).Select(c => Enumerable.Range(0, v).Select(w => (double)tokenCounts[c * v + w] / counts[c]).ToArray()).ToArray();
        if (q.Length != n) throw new ArgumentException($"nextTokenLaws has {q.Length} rows, expected {n} (one per context).", nameof(nextTokenLaws));
        for (int c = 0; c < n; c++)
            if (q[c].Length != v)
                throw new ArgumentException($"Row {c} of nextTokenLaws has {q[c].Length} entries, expected the head's vocabulary size {v}.", nameof(nextTokenLaws));

        var hm = Matrix<double>.Build.Dense(n, d, (c, j) => sums[c * d + j] / counts[c]);
        double spread = 0;
        foreach (var (c, h) in recorded)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += (h[j] - hm[c, j]) * (h[j] - hm[c, j]);
            spread = Math.Max(spread, Math.Sqrt(s));
        }

        var linear = new LinearHead(head.Weights, head.Bias);
        var model = new double[n][];
        var meanMetric = Matrix<double>.Build.Dense(d, d);
        double maxTrace = 0;
        for (int c = 0; c < n; c++)
        {
            var hc = hm.Row(c);
            model[c] = FisherRao.Softmax(linear.Logits(hc)).ToArray();
            var g = FisherRao.Pullback(head.Weights, head.Bias, hc);
            meanMetric += pi[c] * g;
            maxTrace = Math.Max(maxTrace, g.Trace());
        }
        var metricEigenvalues = meanMetric.Evd(Symmetricity.Symmetric).EigenValues.Real().OrderDescending().ToArray();
        int rank = metricEigenvalues.Count(x => x > 1e-10 * Math.Max(metricEigenvalues[0], double.Epsilon));

        var similarity = new PredictiveSimilarity(pi, q);
        var rho2 = similarity.CanonicalCorrelationsOf(hm);
        var white = similarity.CenterWhiten(hm).Whitened;
        var sampleRho2 = CanonicalCorrelations.Squared(stats);
        return new AlignmentReport(sampleCount, pi, q, hm, spread, NllDecomposition.Of(pi, q, model), metricEigenvalues, rank, maxTrace,
            rho2, sampleRho2, similarity.ChiSquareSpectrum.Take(d).ToArray(), similarity.AlignmentEfficiency(hm),
            Degrees(similarity.PrincipalAngles(hm)), Degrees(similarity.PrincipalAngles(hm, euclideanOperator: true)),
            similarity.DirichletEnergy(hm), similarity.DirichletEnergy(white));
    }

    private static double[] Degrees(double[] radians) => radians.Select(r => r * 180 / Math.PI).ToArray();
}
