namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>The merge threshold of two named cells (spec §3.5 "singleton thresholds"), nats.</summary>
/// <param name="A">First cell (world names joined by '+').</param>
/// <param name="B">Second cell.</param>
/// <param name="Separation">σ²_D between the two cells' worlds when both are single worlds; otherwise NaN.</param>
/// <param name="PredictiveGain">Δ_pred(A, B) = E_c JS_λ(P̄_A, P̄_B).</param>
/// <param name="BetaStar">β* = Δ_pred / h(λ).</param>
internal sealed record PairThreshold(string A, string B, double Separation, double PredictiveGain, double BetaStar);
