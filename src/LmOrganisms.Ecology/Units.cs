namespace LmOrganisms;

/// <summary>
/// The library's one unit convention: every information quantity is in nats (natural logarithm) and no member returns
/// bits; convert at the edge with <see cref="ToBits(double)"/>.
/// </summary>
public static class Units
{
    /// <summary>ln 2: one bit in nats.</summary>
    public const double Ln2 = 0.69314718055994530942;

    /// <summary>Nats to bits: <c>nats / ln 2</c>.</summary>
    public static double ToBits(double nats) => nats / Ln2;

    /// <summary>Every entry of <paramref name="nats"/> in bits (a new array).</summary>
    public static double[] ToBits(IReadOnlyList<double> nats)
    {
        ArgumentNullException.ThrowIfNull(nats);
        var bits = new double[nats.Count];
        for (int i = 0; i < bits.Length; i++) bits[i] = nats[i] / Ln2;
        return bits;
    }
}
