using LmOrganisms.Populations;
using LmOrganisms.Evolution;
namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Options of <see cref="StaticOptimalityExperiment"/> (task-ecology spec §3.4 Exp1 on hidden-Markov worlds, and on text).</summary>
public sealed record StaticOptimalityOptions
{
    /// <summary>The conditions: organisms are trained on the first T worlds of <see cref="OrganismWorlds.All"/> (paper: 1, 2, 3, 5).</summary>
    public IReadOnlyList<int> WorldCounts { get; init; } = [1, 2, 3, 5];

    /// <summary>Seeds per condition (paper: 5).</summary>
    public int Seeds { get; init; } = 2;

    /// <summary>Base seed: run (T, i) initialises with seed·100 + 10·i + T and samples data with seed·100 + 10·i + T + 50000.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training steps per organism (paper: 15,000 at batch 1).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (linear decay; paper 0.008).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Organism width (see <see cref="OrganismPresets.Tiny"/>).</summary>
    public int DModel { get; init; } = 16;

    /// <summary>Organism context (block size); warm-up plus the longest task context must fit.</summary>
    public int ModelContext { get; init; } = 16;

    /// <summary>Longest task context L of the exact ecology <c>FiniteEcology.FromProcesses(worlds, L)</c>.</summary>
    public int ContextLength { get; init; } = 2;

    /// <summary>m, tokens of the world-revealing warm-up obs(w).</summary>
    public int WarmupLength { get; init; } = 10;

    /// <summary>N, warm-ups per world.</summary>
    public int Warmups { get; init; } = 256;

    /// <summary>τ in nats; null calibrates it by split halves of the warm-ups (spec §3.2: 30 splits, 95th percentile).</summary>
    public double? Threshold { get; init; }

    /// <summary>Optional text worlds (one text per world): the same conditions T are run on the first T texts, measured
    /// with the empirical prefix ecology (spec §3.2); null or empty = process worlds only.</summary>
    public IReadOnlyList<TextWorld>? TextWorlds { get; init; }

    /// <summary>Prefix lengths r of the text measurement (paper: 3, 5, 8).</summary>
    public IReadOnlyList<int> PrefixLengths { get; init; } = [3, 5, 8];

    /// <summary>Characters per text chunk before spaces are dropped (paper: ~30).</summary>
    public int ChunkLength { get; init; } = 30;

    /// <summary>Fraction of each text's chunks held out for measurement (paper: 0.2).</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Quick defaults: 2 seeds, 1,000 steps of 16 sequences, width 16, 256 warm-ups of 10 tokens, contexts up to length 2.</summary>
    public static StaticOptimalityOptions Quick { get; } = new();

    /// <summary>Full scale: 5 seeds (as the paper), 6,000 steps of 32 sequences, 1,024 warm-ups.</summary>
    public static StaticOptimalityOptions Full { get; } = new() { Seeds = 5, Steps = 6000, BatchSize = 32, Warmups = 1024 };

    internal void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"StaticOptimalityOptions.{name} {rule}; got {value}.", name);
        }
        Check(WorldCounts is { Count: > 0 } && WorldCounts.All(t => t >= 1 && t <= OrganismWorlds.All.Count), nameof(WorldCounts),
            string.Join(", ", WorldCounts ?? []), $"must be world counts between 1 and {OrganismWorlds.All.Count}");
        Check(Seeds >= 1, nameof(Seeds), Seeds, "must be at least 1");
        Check(Steps >= 1, nameof(Steps), Steps, "must be at least 1");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive");
        Check(DModel >= 1, nameof(DModel), DModel, "must be at least 1");
        Check(ContextLength >= 0, nameof(ContextLength), ContextLength, "must be non-negative");
        Check(WarmupLength >= 1, nameof(WarmupLength), WarmupLength, "must be at least 1");
        Check(Warmups >= 2, nameof(Warmups), Warmups, "must be at least 2 (split halves)");
        Check(WarmupLength + ContextLength <= ModelContext, nameof(ModelContext), ModelContext,
            $"must hold the warm-up plus the longest context ({WarmupLength} + {ContextLength})");
        Check(Threshold is null || (Threshold >= 0 && double.IsFinite(Threshold.Value)), nameof(Threshold), Threshold!, "must be a finite τ ≥ 0 or null");
        Check(PrefixLengths is { Count: > 0 } && PrefixLengths.All(r => r >= 1 && r < ModelContext), nameof(PrefixLengths),
            string.Join(", ", PrefixLengths ?? []), "must be prefix lengths between 1 and the model context − 1");
        Check(ChunkLength >= 4, nameof(ChunkLength), ChunkLength, "must be at least 4");
        Check(HeldOutFraction > 0 && HeldOutFraction < 1, nameof(HeldOutFraction), HeldOutFraction, "must lie in (0, 1)");
    }
}
