namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Exp0's illustrative ecology (spec §3.3): a fully separated random ecology whose closest pair (smallest σ²) has
/// β* in [1e-3, 0.5]; the split–merge threshold of that pair and the global optimum against β.
/// </summary>
/// <param name="Seed">The seed that generated it.</param>
/// <param name="World1">First world of the closest pair (0-based).</param>
/// <param name="World2">Second world of the pair.</param>
/// <param name="Separation">σ²_D of the pair (Hellinger, spec §1.5).</param>
/// <param name="PredictiveGain">Δ_pred of the pair (nats).</param>
/// <param name="BetaStar">β* = Δ_pred / h(λ).</param>
/// <param name="Merged">The identity partition with the pair merged.</param>
/// <param name="Threshold">J(merge) − J(split) at 0.5β*, β*, 1.5β* (and the theorem's right-hand side).</param>
/// <param name="Curve">The same difference on a grid of β from 0 to 2β* (for the figure).</param>
/// <param name="Optima">Global optima at <see cref="DecompositionOptions.OptimumBetas"/>.</param>
internal sealed record IllustrativeEcology(int Seed, int World1, int World2, double Separation, double PredictiveGain, double BetaStar,
    int[] Merged, IReadOnlyList<ThresholdPoint> Threshold, IReadOnlyList<ThresholdPoint> Curve, IReadOnlyList<OptimumPoint> Optima);
