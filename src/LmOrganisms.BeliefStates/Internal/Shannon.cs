namespace LmOrganisms.BeliefStates;

/// <summary>
/// Unchecked Shannon-entropy kernels for this layer's inner loops over 2–5 states and unnormalised weight vectors.
/// Public, validated measures are in <c>LmOrganisms.InformationTheory.Entropy</c>; these skip the
/// distribution check on purpose (their inputs are sub-normalised joint weights, not distributions).
/// </summary>
internal static class Shannon
{
    /// <summary>ln 2, to convert nats to bits.</summary>
    public const double Ln2 = 0.69314718055994530942;

    /// <summary>Shannon entropy −Σ p log p in nats of a (not necessarily normalised) non-negative vector, zeros skipped.</summary>
    public static double Nats(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (var v in p)
            if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    /// <summary>−p log p in nats (0 for p ≤ 0).</summary>
    public static double Term(double p) => p > 0 ? -p * Math.Log(p) : 0;

    /// <summary>Converts nats to bits.</summary>
    public static double ToBits(double nats) => nats / Ln2;
}
