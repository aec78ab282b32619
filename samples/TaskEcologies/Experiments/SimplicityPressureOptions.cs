using LmOrganisms.Populations;
using LmOrganisms.Evolution;
namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Options of <see cref="SimplicityPressureExperiment"/> (task-ecology spec §1.10 on trained organisms).</summary>
public sealed record SimplicityPressureOptions
{
    /// <summary>The organisms are trained on the first <see cref="WorldCount"/> worlds of <see cref="OrganismWorlds.All"/>.</summary>
    public int WorldCount { get; init; } = 5;

    /// <summary>Capacity settings (width, weight decay) to train at.</summary>
    public IReadOnlyList<OrganismCapacity> Capacities { get; init; } =
        [new(2, 0), new(4, 0), new(16, 0), new(16, 1), new(16, 3), new(16, 10), new(2, 1), new(4, 3)];

    /// <summary>Seeds per capacity.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Base seed (run (capacity c, seed i) initialises with seed·1000 + 10·c + i).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training steps per organism.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (linear decay).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Organism context (block size).</summary>
    public int ModelContext { get; init; } = 16;

    /// <summary>Longest task context L of the exact ecology.</summary>
    public int ContextLength { get; init; } = 2;

    /// <summary>m, tokens of the world-revealing warm-up.</summary>
    public int WarmupLength { get; init; } = 10;

    /// <summary>N, warm-ups per world.</summary>
    public int Warmups { get; init; } = 256;

    /// <summary>τ in nats; null calibrates it by split halves.</summary>
    public double? Threshold { get; init; }

    /// <summary>Quick defaults: widths 2, 4, 16 without penalty, weight decay 1, 3, 10 at width 16, and the small organisms
    /// 2 (decay 1) and 4 (decay 3); one seed; 1,000 steps.</summary>
    public static SimplicityPressureOptions Quick { get; } = new();

    /// <summary>Full scale: every width 2, 4, 8, 16 × weight decay 0, 0.1, 1, 3, 10; 3 seeds; 4,000 steps of 32 sequences; 1,024 warm-ups.</summary>
    public static SimplicityPressureOptions Full { get; } = new()
    {
        Capacities = [.. from d in new[] { 2, 4, 8, 16 } from wd in new[] { 0, 0.1, 1, 3, 10 } select new OrganismCapacity(d, wd)],
        Seeds = 3,
        Steps = 4000,
        BatchSize = 32,
        Warmups = 1024,
    };

    internal void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"SimplicityPressureOptions.{name} {rule}; got {value}.", name);
        }
        Check(WorldCount >= 2 && WorldCount <= OrganismWorlds.All.Count, nameof(WorldCount), WorldCount, $"must be between 2 and {OrganismWorlds.All.Count}");
        Check(Capacities is { Count: > 0 } && Capacities.All(c => c is not null && c.DModel >= 1 && c.WeightDecay >= 0 && double.IsFinite(c.WeightDecay)),
            nameof(Capacities), string.Join("; ", Capacities ?? []), "must be widths ≥ 1 with finite weight decays ≥ 0");
        Check(Seeds >= 1, nameof(Seeds), Seeds, "must be at least 1");
        Check(Steps >= 1, nameof(Steps), Steps, "must be at least 1");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive");
        Check(ContextLength >= 1, nameof(ContextLength), ContextLength, "must be at least 1");
        Check(WarmupLength >= 1, nameof(WarmupLength), WarmupLength, "must be at least 1");
        Check(Warmups >= 2, nameof(Warmups), Warmups, "must be at least 2 (split halves)");
        Check(WarmupLength + ContextLength <= ModelContext, nameof(ModelContext), ModelContext,
            $"must hold the warm-up plus the longest context ({WarmupLength} + {ContextLength})");
        Check(Threshold is null || (Threshold >= 0 && double.IsFinite(Threshold.Value)), nameof(Threshold), Threshold!, "must be a finite τ ≥ 0 or null");
    }
}
