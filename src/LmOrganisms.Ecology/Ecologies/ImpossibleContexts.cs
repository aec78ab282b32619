namespace LmOrganisms.Ecology;

/// <summary>
/// What <see cref="FiniteEcology.FromProcesses"/> does with a context that has probability 0 in some world (its
/// next-token law in that world is undefined).
/// </summary>
public enum ImpossibleContexts
{
    /// <summary>Leave the context out of the ecology (default).</summary>
    Exclude,

    /// <summary>Throw an <see cref="ArgumentException"/> naming the context and the world.</summary>
    Throw,
}
