namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The options shared by the experiments that train tiny organisms (<see cref="OrganismPresets.Tiny"/>,
/// <see cref="OrganismPresets.TinyTraining"/>) on a mixture of <see cref="OrganismWorlds"/> and measure each one's induced
/// partition with world-revealing warm-ups on the exact ecology of the worlds (<see cref="OrganismMeasurement"/>):
/// <see cref="StaticOptimalityOptions"/> and <see cref="SimplicityPressureOptions"/>.
/// </summary>
internal abstract record OrganismEcologyOptions : ExperimentOptions
{
    /// <summary>Independently seeded organisms per condition of the experiment.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Base seed: every organism's initialisation, data and measurement seeds are derived from it (the formula is
    /// the experiment's).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training steps per organism (linearly decaying learning rate).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (linear decay).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Organism context (block size): the longest input it reads; the warm-up plus the longest task context must fit.</summary>
    public int ModelContext { get; init; } = 16;

    /// <summary>Longest task context L of the exact ecology <c>FiniteEcology.FromProcesses(worlds, L)</c> (contexts of length 0..L).</summary>
    public int ContextLength { get; init; } = 2;

    /// <summary>m, tokens of the world-revealing warm-up obs(w).</summary>
    public int WarmupLength { get; init; } = 10;

    /// <summary>N, warm-ups per world.</summary>
    public int Warmups { get; init; } = 256;

    /// <summary>τ in nats; null calibrates it by split halves of the warm-ups (spec §3.2: 30 splits, 95th percentile).</summary>
    public double? Threshold { get; init; }

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        AtLeast(Seeds, 1);
        AtLeast(Steps, 1);
        AtLeast(BatchSize, 1);
        LearningRateOf(LearningRate);
        AtLeast(ContextLength, 0);
        WarmupsOf(WarmupLength, Warmups);
        FitsWarmup(ModelContext, WarmupLength, ContextLength);
        Require(Threshold is null || (Threshold >= 0 && double.IsFinite(Threshold.Value)), Threshold, "must be a finite τ ≥ 0 or null");
    }
}
