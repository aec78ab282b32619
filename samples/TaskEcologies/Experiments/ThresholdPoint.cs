namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>J(merged) − J(split) of one pair at one β, next to Thm 55's right-hand side π_S(Δ_pred − β h(λ)), nats.</summary>
/// <param name="Beta">The simplicity weight β.</param>
/// <param name="MergeMinusSplit">J_{D,β}(merged) − J_{D,β}(split), computed from the two partitions' Bayes losses and complexities.</param>
/// <param name="TheoremRhs">π_S(Δ_pred − β h(λ)).</param>
internal sealed record ThresholdPoint(double Beta, double MergeMinusSplit, double TheoremRhs);
