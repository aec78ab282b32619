namespace LmOrganisms.BeliefStates;

/// <summary>How the rows of a <see cref="ProbeSet"/> are weighted in a regression (belief-geometry spec §2.4, §9).</summary>
public enum ProbeWeighting
{
    /// <summary>Every row counts once (the paper's protocol: all positive-probability sequences, unweighted).</summary>
    Unweighted,

    /// <summary>Each row is weighted by the probability of its sequence (the expectation under the process).</summary>
    Probability,
}
