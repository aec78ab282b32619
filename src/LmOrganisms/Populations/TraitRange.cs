using LmOrganisms.Evolution;
namespace LmOrganisms.Populations;

/// <summary>
/// The closed interval a recipe trait α is kept in: after trait mutation α' = clamp(α + N(0, σ²), Min, Max).
/// The task-ecology paper's injection weight lives in [0, 1] (spec <c>task-ecologies.md</c> §1.13).
/// </summary>
/// <param name="Min">Lower end (inclusive).</param>
/// <param name="Max">Upper end (inclusive), at least <paramref name="Min"/>.</param>
public sealed record TraitRange(double Min, double Max)
{
    /// <summary>The unit interval [0, 1] (an injection weight).</summary>
    public static TraitRange Unit { get; } = new(0, 1);

    /// <summary>The value nearest to <paramref name="trait"/> inside [Min, Max].</summary>
    public double Clamp(double trait) => Math.Clamp(trait, Min, Max);

    /// <summary>True when Min ≤ <paramref name="trait"/> ≤ Max.</summary>
    public bool Contains(double trait) => trait >= Min && trait <= Max;
}
