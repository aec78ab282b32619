namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Settings of <see cref="SelectionExperiment"/> (the paper's Exp3, task-ecology spec §3.6): population size and
/// generations, runs, initial training, development, weight noise, the held-out risk and the cheap induced-partition
/// measurement of every member.
/// </summary>
internal sealed record SelectionOptions : ExperimentOptions
{
    /// <summary>Worlds (names in <see cref="OrganismWorlds"/>; at least 5 in the paper's spirit).</summary>
    public IReadOnlyList<string> Worlds { get; init; } = ["mess3", "alternating", "iid", "crisp", "drift"];

    /// <summary>Population size K (the paper: 20).</summary>
    public int Size { get; init; } = 8;

    /// <summary>Generations G per run (the paper: 50).</summary>
    public int Generations { get; init; } = 10;

    /// <summary>Seeds of the independent runs (the paper: 42, 84, 126).</summary>
    public IReadOnlyList<int> RunSeeds { get; init; } = [42, 84, 126];

    /// <summary>Context n of the organisms (held-out sequences have n + 1 tokens).</summary>
    public int Context { get; init; } = 8;

    /// <summary>Initial training steps of every member on its one random world (the paper: 100, lr 0.008 linear decay).</summary>
    public int InitialSteps { get; init; } = 100;

    /// <summary>Development steps of every offspring on the world-balanced mixture (the paper: 20 at constant lr 0.005).</summary>
    public int DevelopmentSteps { get; init; } = 20;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Weight-noise sd σ added to every weight of every offspring (the paper: 0.001).</summary>
    public double WeightNoise { get; init; } = 0.001;

    /// <summary>Held-out sequences per world for the risk R (world-balanced CE).</summary>
    public int HeldOutSequences { get; init; } = 256;

    /// <summary>Warm-up length m of the induced-partition measurement (m + <see cref="PartitionContextLength"/> ≤ n).</summary>
    public int WarmupLength { get; init; } = 6;

    /// <summary>Warm-ups per world of the induced-partition measurement (cheap: the paper used 160 prefixes per length).</summary>
    public int Warmups { get; init; } = 32;

    /// <summary>Longest context of the exact ecology the induced partition is measured on.</summary>
    public int PartitionContextLength { get; init; } = 2;

    /// <summary>Members trained at once (results do not depend on it); default the number of cores. An early version failed
    /// once inside libtorch with 2 concurrent members (a TorchSharp scalar freed mid-call); the Transformers layer now keeps
    /// every scalar alive and populations hold the finalizer while members run (docs/development.md).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Quick defaults: K = 8, G = 10, three runs (seeds 42, 84, 126): 30 generation records.</summary>
    public static SelectionOptions Quick { get; } = new();

    /// <summary>The paper's scale: K = 20, G = 50, runs with seeds 42, 84, 126.</summary>
    public static SelectionOptions Full { get; } = new() { Size = 20, Generations = 50, RunSeeds = [42, 84, 126], Warmups = 64 };

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        Require(Worlds is { Count: >= 2 }, Worlds, "needs at least 2 worlds");
        foreach (var w in Worlds) _ = OrganismWorlds.Parameters(w);
        AtLeast(Size, 2);
        AtLeast(Generations, 1);
        Require(RunSeeds is { Count: > 0 }, RunSeeds, "must hold at least one run seed");
        AtLeast(Context, 2);
        AtLeast(InitialSteps, 1);
        AtLeast(DevelopmentSteps, 1);
        AtLeast(BatchSize, 1);
        AtLeast(HeldOutSequences, 1);
        WarmupsOf(WarmupLength, Warmups);
        AtLeast(PartitionContextLength, 0);
        FitsWarmup(Context, WarmupLength, PartitionContextLength);
    }
}
