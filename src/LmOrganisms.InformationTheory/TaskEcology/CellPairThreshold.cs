using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>One row of the split–merge threshold table: merging cells <paramref name="CellA"/> and <paramref name="CellB"/> (spec §4.5).</summary>
/// <param name="CellA">Canonical label of the first cell.</param>
/// <param name="CellB">Canonical label of the second cell.</param>
/// <param name="Gain">Δ_pred, λ, h(λ) and β* of the pair.</param>
/// <param name="Merged">The partition with both cells merged (canonical labels).</param>
public sealed record CellPairThreshold(int CellA, int CellB, SplitGain Gain, int[] Merged);
