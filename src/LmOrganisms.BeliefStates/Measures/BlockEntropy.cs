using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Block entropies H(L) of the stationary process, in nats, computed two independent ways: through the mixed-state
/// dynamics (no word enumeration: cost ∝ MSP states × L) and by plain enumeration of all words (reference).
/// Belief-geometry spec checklist item 11.
/// </summary>
internal static class BlockEntropy
{
    /// <summary>
    /// H(L), h(L) and belief entropies for L = 0..<paramref name="maxLength"/> through the MSP dynamics:
    /// h(L) = Σ_s μ_{L−1}(s) H(Pr(· | η_s)) with μ_L the law of the mixed state after L symbols, and H(L) = Σ h. If the MSP
    /// closes (finite, e.g. RRXOR) any L is cheap; otherwise the MSP is built to depth <paramref name="maxLength"/> (cost grows
    /// like the number of distinct beliefs, e.g. 3^L for Mess3). Exact up to the merge tolerance.
    /// </summary>
    public static EntropyCurves Curves(HiddenMarkovProcess process, int maxLength, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var msp = MixedStatePresentation.TryClose(process, maxDepth: Math.Max(1, maxLength), maxStates: 50_000, tolerance, cancellationToken);
        if (!msp.IsClosed && msp.MaxDepth < maxLength)
            msp = MixedStatePresentation.Build(process, maxLength, tolerance, null, cancellationToken);
        return Curves(msp, maxLength);
    }

    /// <summary>
    /// H(L), h(L) and belief entropies for L = 0..<paramref name="maxLength"/> from a mixed-state presentation (closed, or built
    /// to depth ≥ <paramref name="maxLength"/>), for words from the MSP's initial belief.
    /// </summary>
    public static EntropyCurves Curves(MixedStatePresentation msp, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(msp);
        var block = new double[maxLength + 1];
        var myopic = new double[maxLength];
        var belief = new double[maxLength + 1];
        var nextEntropy = NextSymbolEntropies(msp);
        var beliefEntropy = BeliefEntropies(msp);
        int l = 0;
        foreach (var mu in msp.StateDistributions(maxLength))
        {
            double hb = 0, hn = 0;
            for (int s = 0; s < mu.Length; s++)
            {
                if (mu[s] == 0) continue;
                hb += mu[s] * beliefEntropy[s];
                if (l < maxLength) hn += mu[s] * nextEntropy[s];
            }
            belief[l] = hb;
            if (l < maxLength)
            {
                myopic[l] = hn;
                block[l + 1] = block[l] + hn;
            }
            l++;
        }
        return new EntropyCurves(block, myopic, belief);
    }

    /// <summary>H(L) in nats by enumerating every positive-probability word of length L (cost ∝ number of words; reference implementation).</summary>
    public static double ByEnumeration(HiddenMarkovProcess process, int length)
    {
        ArgumentNullException.ThrowIfNull(process);
        double h = 0;
        foreach (var p in process.Words(length).Probabilities) h += Shannon.Term(p);
        return h;
    }

    internal static double[] NextSymbolEntropies(MixedStatePresentation msp)
    {
        var process = msp.Process;
        var h = new double[msp.Count];
        var p = new double[process.AlphabetSize];
        for (int s = 0; s < msp.Count; s++)
        {
            process.NextTokenLaw(msp.Belief(s), p);
            h[s] = Shannon.Nats(p);
        }
        return h;
    }

    internal static double[] BeliefEntropies(MixedStatePresentation msp)
    {
        var h = new double[msp.Count];
        for (int s = 0; s < msp.Count; s++) h[s] = Shannon.Nats(msp.Belief(s));
        return h;
    }
}
