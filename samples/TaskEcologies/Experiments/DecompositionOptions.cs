using LmOrganisms.Populations;
using LmOrganisms.Evolution;
namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Options of <see cref="DecompositionExperiment"/> (task-ecology spec §3.3 Exp0 and §3.5 on an ecology of processes).</summary>
public sealed record DecompositionOptions
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

    internal void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"DecompositionOptions.{name} {rule}; got {value}.", name);
        }
        Check(EcologyCount >= 1, nameof(EcologyCount), EcologyCount, "must be at least 1");
        Check(Worlds is >= 2 and <= 8, nameof(Worlds), Worlds, "must be between 2 and 8 (all partitions are enumerated)");
        Check(Contexts >= 1, nameof(Contexts), Contexts, "must be at least 1");
        Check(Vocabulary >= 2, nameof(Vocabulary), Vocabulary, "must be at least 2");
        Check(SplitBetas is { Count: > 0 } && SplitBetas.All(b => b >= 0 && double.IsFinite(b)), nameof(SplitBetas), string.Join(", ", SplitBetas ?? []), "must be finite non-negative values");
        Check(OptimumBetas is { Count: > 0 } && OptimumBetas.All(b => b >= 0 && double.IsFinite(b)), nameof(OptimumBetas), string.Join(", ", OptimumBetas ?? []), "must be finite non-negative values");
        Check(ProcessWorlds >= 2 && ProcessWorlds <= OrganismWorlds.All.Count, nameof(ProcessWorlds), ProcessWorlds, $"must be between 2 and {OrganismWorlds.All.Count}");
        Check(ProcessContextLength is >= 1 and <= 6, nameof(ProcessContextLength), ProcessContextLength, "must be between 1 and 6");
    }
}
