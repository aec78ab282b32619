namespace LmOrganisms.Evolution;

/// <summary>
/// A population of lineages reduced to frequencies over their distinct (canonical) encodings.
/// </summary>
/// <param name="Encodings">The distinct encodings, each a canonical partition label array over worlds (restricted growth
/// string: labels 0..k−1 in order of first occurrence), in order of first appearance among the lineages.</param>
/// <param name="Frequencies">xⱼ = (number of lineages with encoding j) / (number of lineages).</param>
/// <param name="LineageTypes">For each lineage, the index of its encoding in <paramref name="Encodings"/>.</param>
/// <remarks>Task-ecology paper, Prop 44 (a), (e): only the induced partition matters; spec <c>task-ecologies.md</c> §1.3, §1.12.</remarks>
public sealed record EncodingPopulation(IReadOnlyList<int[]> Encodings, double[] Frequencies, int[] LineageTypes)
{
    /// <summary>Number of distinct encodings.</summary>
    public int TypeCount => Encodings.Count;

    /// <summary>Number of lineages.</summary>
    public int LineageCount => LineageTypes.Length;
}
