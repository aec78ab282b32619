namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Result of <see cref="DecompositionExperiment"/> (spec §3.3 Exp0, §3.5 on processes); all values in nats.</summary>
/// <param name="Options">The options run.</param>
/// <param name="Points">Every (ecology, partition) pair: excess and JS excess (Fig 1's diagonal).</param>
/// <param name="MaxDecompositionGap">max |excess − JS excess| over <paramref name="Points"/> (paper: 3.82e-16).</param>
/// <param name="SplitChecks">Number of (ecology, partition, one-cell split, β) split-identity checks.</param>
/// <param name="MaxSplitIdentityGap">max |J(p) − J(p^{A|B}) − π_S(Δ_pred − β h(λ))| (paper: 7.13e-16).</param>
/// <param name="ZeroExcessFailures">Partitions where "excess = 0" (to 1e-12) disagrees with "merges no separated pair" (paper: 0).</param>
/// <param name="MinimumComplexityFailures">Ecologies whose least complex zero-excess partition is not the quotient, or whose
/// complexity is not H(W/~) (paper: 0).</param>
/// <param name="Illustrative">The illustrative ecology (threshold crossing and optimum against β).</param>
/// <param name="Processes">The exact split–merge path of an ecology of processes.</param>
/// <param name="Seconds">Wall-clock run time.</param>
internal sealed record DecompositionResult(DecompositionOptions Options, IReadOnlyList<DecompositionPoint> Points, double MaxDecompositionGap,
    int SplitChecks, double MaxSplitIdentityGap, int ZeroExcessFailures, int MinimumComplexityFailures,
    IllustrativeEcology Illustrative, ProcessSplitMergePath Processes, double Seconds);
