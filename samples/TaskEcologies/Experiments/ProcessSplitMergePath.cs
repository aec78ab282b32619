namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The exact split–merge path of an ecology of hidden-Markov worlds (spec §3.5 applied to
/// <c>FiniteEcology.FromProcesses</c> of <see cref="OrganismWorlds"/>).
/// </summary>
/// <param name="Worlds">World names.</param>
/// <param name="ContextLength">Longest context L.</param>
/// <param name="ContextCount">Number of contexts (all words of length 0..L).</param>
/// <param name="Floor">H(Y|C,W) (nats).</param>
/// <param name="Separations">σ²_D matrix.</param>
/// <param name="Singles">Thresholds of every pair of single worlds, by β* ascending.</param>
/// <param name="Transitions">The global path (from <c>GlobalPathExact</c>).</param>
/// <param name="MatchingTransitions">Transitions equal to the local prediction.</param>
/// <param name="EnumerationAgrees">Whether the enumerating <c>SplitMerge.GlobalPath</c> gives the same βs (to 1e-9) and partitions.</param>
/// <param name="Frontier">The optima along the path (start included).</param>
internal sealed record ProcessSplitMergePath(IReadOnlyList<string> Worlds, int ContextLength, int ContextCount, double Floor,
    double[][] Separations, IReadOnlyList<PairThreshold> Singles, IReadOnlyList<PathTransition> Transitions,
    int MatchingTransitions, bool EnumerationAgrees, IReadOnlyList<FrontierPoint> Frontier);
