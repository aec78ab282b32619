using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// Model-side separation from a frozen model's output table F[c][w] = F_θ(c ⊕ obs(w)) ∈ Δ(V)
/// (task-ecology paper Prop 22, Cor 23, Defs 24–26; spec §4.12). Equality is exact.
/// </summary>
public static class OutputTableSeparation
{
    /// <summary>
    /// The separation set S(θ): pairs (w1 &lt; w2) whose outputs differ on at least one of the given contexts (default:
    /// all contexts, whatever their weight).
    /// </summary>
    public static IReadOnlyList<(int World1, int World2)> SeparationSet(double[][][] outputTable, IEnumerable<int>? contexts = null)
    {
        int n = Check(outputTable);
        var cs = (contexts ?? Enumerable.Range(0, outputTable.Length)).ToArray();
        var pairs = new List<(int, int)>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (cs.Any(c => !outputTable[c][i].AsSpan().SequenceEqual(outputTable[c][j]))) pairs.Add((i, j));
        return pairs;
    }

    /// <summary>
    /// The induced (operational) partition p_{θ,D}: w1 ~ w2 iff their outputs agree on every context of positive weight
    /// (Def 24). Zero-weight contexts do not affect it.
    /// </summary>
    public static int[] InducedPartition(double[][][] outputTable, IReadOnlyList<double> contextWeights)
    {
        int n = Check(outputTable);
        ArgumentNullException.ThrowIfNull(contextWeights);
        if (contextWeights.Count != outputTable.Length)
            throw new ArgumentException($"There are {contextWeights.Count} context weights for {outputTable.Length} contexts.", nameof(contextWeights));
        var live = Enumerable.Range(0, outputTable.Length).Where(c => contextWeights[c] > 0).ToArray();
        return Separation.Components(n, (i, j) => live.All(c => outputTable[c][i].AsSpan().SequenceEqual(outputTable[c][j])));
    }

    private static int Check(double[][][] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Length == 0 || table[0] is null || table[0].Length == 0)
            throw new ArgumentException("The output table needs at least one context and one world.", nameof(table));
        int n = table[0].Length;
        for (int c = 0; c < table.Length; c++)
            if (table[c] is null || table[c].Length != n)
                throw new ArgumentException($"Context {c} of the output table has {table[c]?.Length ?? 0} worlds, expected {n}.", nameof(table));
        return n;
    }
}
