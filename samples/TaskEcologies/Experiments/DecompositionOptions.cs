namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Options of <see cref="DecompositionExperiment"/> (task-ecology spec §3.3 Exp0 and §3.5 on an ecology of processes).</summary>
internal sealed record DecompositionOptions : ExperimentOptions
{
    /// <summary>Random ecologies (paper: 24).</summary>
    public int EcologyCount { get; init; } = 24;

    /// <summary>|W| of every random ecology (paper: 4; all Bell(|W|) partitions are checked).</summary>
    public int Worlds { get; init; } = 4;

    /// <summary>|C| (paper: 3).</summary>
    public int Contexts { get; init; } = 3;

    /// <summary>|V| (paper: 3).</summary>
    public int Vocabulary { get; init; } = 3;

    /// <summary>β values of the split identity (paper: 0, 0.05, 0.1, 0.2, 0.4).</summary>
    public IReadOnlyList<double> SplitBetas { get; init; } = [0, 0.05, 0.1, 0.2, 0.4];

    /// <summary>β values at which the global optimum of the illustrative ecology is reported (paper: 0, 0.02, 0.05, 0.1, …).</summary>
    public IReadOnlyList<double> OptimumBetas { get; init; } = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4];

    /// <summary>Seed of the random ecologies (ecology i uses seed + i) and of the illustrative search (paper: 2026).</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>How many worlds of <see cref="OrganismWorlds.All"/> form the ecology of processes whose split–merge path is computed.</summary>
    public int ProcessWorlds { get; init; } = 6;

    /// <summary>Longest context of that ecology (contexts are all words of length 0..L).</summary>
    public int ProcessContextLength { get; init; } = 2;

    /// <summary>Quick defaults: the paper's Exp0 sizes, and 6 process worlds with contexts up to length 2 (all exact, about a second).</summary>
    public static DecompositionOptions Quick { get; } = new();

    /// <summary>Full scale: the paper's Exp0 sizes, and all 8 process worlds with contexts up to length 3.</summary>
    public static DecompositionOptions Full { get; } = new() { ProcessWorlds = 8, ProcessContextLength = 3 };

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        AtLeast(EcologyCount, 1);
        Between(Worlds, 2, 8, "all partitions are enumerated");
        AtLeast(Contexts, 1);
        AtLeast(Vocabulary, 2);
        Require(SplitBetas is { Count: > 0 } && SplitBetas.All(b => b >= 0 && double.IsFinite(b)), SplitBetas, "must be finite non-negative values");
        Require(OptimumBetas is { Count: > 0 } && OptimumBetas.All(b => b >= 0 && double.IsFinite(b)), OptimumBetas, "must be finite non-negative values");
        Between(ProcessWorlds, 2, OrganismWorlds.All.Count);
        Between(ProcessContextLength, 1, 6);
    }
}
