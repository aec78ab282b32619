namespace LmOrganisms.Probing;

/// <summary>
/// The separation summary of a behavioural distance matrix at threshold τ (task-ecology spec §3.2, §4.15):
/// <paramref name="SeparatedPairs"/> s = number of unordered world pairs with D &gt; τ, and <paramref name="Classes"/>
/// k = number of cells of the single-linkage induced partition.
/// </summary>
/// <param name="SeparatedPairs">s, pairs with distance above the threshold.</param>
/// <param name="Classes">k, cells of the induced partition.</param>
public sealed record SeparationSummary(int SeparatedPairs, int Classes);
