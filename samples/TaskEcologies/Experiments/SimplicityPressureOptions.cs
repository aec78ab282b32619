namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Options of <see cref="SimplicityPressureExperiment"/> (task-ecology spec §1.10 on trained organisms). The conditions are
/// the <see cref="Capacities"/>; run (capacity c, seed i) initialises with Seed·1000 + 10·c + i.
/// </summary>
internal sealed record SimplicityPressureOptions : OrganismEcologyOptions
{
    /// <summary>The organisms are trained on the first <see cref="WorldCount"/> worlds of <see cref="OrganismWorlds.All"/>.</summary>
    public int WorldCount { get; init; } = 5;

    /// <summary>Capacity settings (width, weight decay) to train at.</summary>
    public IReadOnlyList<OrganismCapacity> Capacities { get; init; } =
        [new(2, 0), new(4, 0), new(16, 0), new(16, 1), new(16, 3), new(16, 10), new(2, 1), new(4, 3)];

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

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        base.CheckOptions();
        Between(WorldCount, 2, OrganismWorlds.All.Count);
        Require(Capacities is { Count: > 0 } && Capacities.All(c => c is not null && c.DModel >= 1 && c.WeightDecay >= 0 && double.IsFinite(c.WeightDecay)),
            string.Join("; ", Capacities ?? []), "must be widths ≥ 1 with finite weight decays ≥ 0", nameof(Capacities));
        AtLeast(ContextLength, 1);
    }
}
