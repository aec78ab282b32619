using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Exact information surplus of a hidden-Markov source (Markov-categorical spec §1.4, "exact computation for a known
/// HMM"): contexts are all words of length L from the stationary start, grouped by their belief through the MSP (merge
/// tolerance), futures are all |X|^k words, and I(B; F) = H(F) − Σ_b Pr(b) H(F | b). Zero for i.i.d. sources and for
/// directly observed order-1 Markov chains; positive when the belief is not screened off by the next token.
/// </summary>
internal static class InformationSurplus
{
    /// <summary>
    /// Computes I(B; X_{t+1..t+j}) for j = 1..<paramref name="horizon"/>, S^cond_k and S^DPI_k (k = horizon), in nats.
    /// Cost: distinct beliefs at depth L × |X|^k.
    /// </summary>
    public static Surplus Compute(HiddenMarkovProcess process, int contextLength, int horizon, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int nx = process.AlphabetSize, s = process.StateCount;
        int nf = FutureLaws.Count(process, horizon), tailCount = nf / nx;
        var msp = MixedStatePresentation.Build(process, contextLength, tolerance, null, cancellationToken);
        var mu = msp.StateDistributions(contextLength).Last();
        var joint = new double[nf];        // Σ_b μ(b) P(f | b)
        var condH = new double[horizon];   // Σ_b μ(b) H(X_{1..j} | b)
        double condTailH = 0;              // Σ_b μ(b) H(X_{2..k} | b)
        var tailByNext = new BeliefIndex(nx, tolerance);
        var tailGroup = new List<double[]>();
        var pf = new double[nf];
        var scratch = new double[(horizon + 1) * s];
        var marginal = new double[nf];
        var next = new double[nx];
        for (int b = 0; b < mu.Length; b++)
        {
            if (mu[b] == 0) continue;
            if ((b & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            FutureLaws.Into(process, msp.Belief(b), horizon, pf, scratch);
            double w = mu[b];
            for (int f = 0; f < nf; f++) joint[f] += w * pf[f];
            for (int j = 1; j <= horizon; j++) condH[j - 1] += w * Shannon.Nats(Marginal(pf, nx, horizon, j, marginal));
            var tail = TailMarginal(pf, nx, tailCount);
            condTailH += w * Shannon.Nats(tail);
            for (int x = 0; x < nx; x++) { double t = 0; for (int r = 0; r < tailCount; r++) t += pf[x * tailCount + r]; next[x] = t; }
            int g = tailByNext.FindOrAdd(next, out bool added);
            if (added) tailGroup.Add(new double[tailCount]);
            var acc = tailGroup[g];
            for (int r = 0; r < tailCount; r++) acc[r] += w * tail[r];
        }
        var info = new double[horizon];
        for (int j = 1; j <= horizon; j++) info[j - 1] = Shannon.Nats(Marginal(joint, nx, horizon, j, marginal)) - condH[j - 1];
        var jointTail = TailMarginal(joint, nx, tailCount);
        double hTail = Shannon.Nats(jointTail);
        double iBTail = hTail - condTailH;
        double condTailGivenP = 0;
        foreach (var acc in tailGroup)
        {
            double m = acc.Sum();
            if (m > 0) condTailGivenP += m * Shannon.Nats(acc.Select(v => v / m).ToArray());
        }
        double iPTail = hTail - condTailGivenP;
        double nextEntropy = condH[0];
        double conditional = horizon == 1 ? 0 : info[horizon - 1] - info[0];
        double dpi = horizon == 1 ? 0 : iBTail - iPTail;
        return new Surplus(contextLength, horizon, info, conditional, dpi, nextEntropy);
    }

    // Law of the first j symbols: sums over the last k − j symbols (contiguous blocks).
    private static ReadOnlySpan<double> Marginal(double[] pf, int nx, int k, int j, double[] into)
    {
        int block = (int)Math.Pow(nx, k - j), n = pf.Length / block;
        for (int i = 0; i < n; i++)
        {
            double t = 0;
            for (int r = 0; r < block; r++) t += pf[i * block + r];
            into[i] = t;
        }
        return into.AsSpan(0, n);
    }

    // Law of symbols 2..k: sums over the first symbol.
    private static double[] TailMarginal(double[] pf, int nx, int tailCount)
    {
        var t = new double[tailCount];
        for (int x = 0; x < nx; x++)
            for (int r = 0; r < tailCount; r++) t[r] += pf[x * tailCount + r];
        return t;
    }
}
