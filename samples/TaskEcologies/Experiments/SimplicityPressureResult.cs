namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Result of <see cref="SimplicityPressureExperiment"/>.</summary>
/// <param name="Options">The options run.</param>
/// <param name="Worlds">World names.</param>
/// <param name="Floor">Exact floor of the ecology (nats).</param>
/// <param name="PairThresholds">Exact β* of every pair of single worlds (the quotient is the identity), ascending.</param>
/// <param name="Path">The exact global split–merge path of the ecology.</param>
/// <param name="Ideal">The ideal organism (exact Bayes predictor of the mixture, <c>MixturePredictor</c>) measured the same way:
/// what the measurement resolves without any capacity limit.</param>
/// <param name="Runs">Every organism.</param>
/// <param name="MergeFrequency">For each pair of <paramref name="PairThresholds"/> (same order), the fraction of organisms that merge it.</param>
/// <param name="MergeFrequencyBetaStarCorrelation">Spearman ρ between merge frequency and β* over pairs (negative when the pairs
/// with small β* are merged most often); null when undefined (no pair, or every frequency equal).</param>
/// <param name="Seconds">Wall-clock run time.</param>
internal sealed record SimplicityPressureResult(SimplicityPressureOptions Options, IReadOnlyList<string> Worlds, double Floor,
    IReadOnlyList<PairThreshold> PairThresholds, ProcessSplitMergePath Path, SimplicityPressureRun Ideal, IReadOnlyList<SimplicityPressureRun> Runs,
    IReadOnlyList<double> MergeFrequency, double? MergeFrequencyBetaStarCorrelation, double Seconds);
