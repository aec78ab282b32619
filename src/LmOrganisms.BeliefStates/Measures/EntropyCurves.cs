namespace LmOrganisms.BeliefStates;

/// <summary>
/// Block, myopic and belief entropies of a process for word lengths L = 0..<see cref="MaxLength"/>, in nats
/// (Crutchfield &amp; Feldman 2003; belief-geometry spec §3.3 and checklist items 11–12).
/// </summary>
/// <param name="BlockEntropies">H(L) = −Σ_{|w|=L} Pr(w) ln Pr(w), index L = 0..MaxLength (H(0) = 0).</param>
/// <param name="MyopicEntropies">h(L) = H(L) − H(L−1) = H[X_L | X_1..X_{L−1}], stored at index L − 1 for L = 1..MaxLength.</param>
/// <param name="BeliefEntropies">Synchronisation curve: expected entropy of the belief over hidden states after L symbols, E_w H(η^w), index L = 0..MaxLength.</param>
public sealed record EntropyCurves(double[] BlockEntropies, double[] MyopicEntropies, double[] BeliefEntropies)
{
    /// <summary>Largest word length L covered.</summary>
    public int MaxLength => BlockEntropies.Length - 1;

    /// <summary>H(L) in nats.</summary>
    public double Block(int length) => BlockEntropies[length];

    /// <summary>h(L) = H(L) − H(L−1) in nats, L ≥ 1.</summary>
    public double Myopic(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return MyopicEntropies[length - 1];
    }
}
