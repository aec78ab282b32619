namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Settings of <see cref="RescueExperiment"/> (the paper's Exp6 "balance checking", task-ecology spec §3.8): the body
/// length, base and post-training steps, the α sweep, the recipe-trait population and the threshold ε.
/// </summary>
internal sealed record RescueOptions : ExperimentOptions
{
    /// <summary>Body length B: the organism reads B tokens and then predicts the summary (label) token; its context is B.</summary>
    public int BodyLength { get; init; } = 8;

    /// <summary>Steps of the base organism on token sequences only (the paper: 10,000).</summary>
    public int BaseSteps { get; init; } = 1500;

    /// <summary>Post-training steps of each sweep point (the paper: 4,000).</summary>
    public int PostSteps { get; init; } = 800;

    /// <summary>Injection weights α of the static sweep (each in [0, 1]; 0 and 1 are needed for the normalised signal).</summary>
    public IReadOnlyList<double> Alphas { get; init; } = [0, 0.02, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate of the base run (linear decay).</summary>
    public double BaseLearningRate { get; init; } = 0.01;

    /// <summary>Constant learning rate of post-training (the paper's exp6: 0.005).</summary>
    public double PostLearningRate { get; init; } = 0.005;

    /// <summary>Individuals of the recipe-trait population (the paper: 12).</summary>
    public int PopulationSize { get; init; } = 6;

    /// <summary>Generations of the population (the paper: 20).</summary>
    public int Generations { get; init; } = 5;

    /// <summary>Post-training steps of each individual in each generation (the paper: 1,500).</summary>
    public int PopulationSteps { get; init; } = 200;

    /// <summary>Trait mutation sd: child α = clamp(α_parent + σ N(0, 1), 0, 1) (the paper: 0.1).</summary>
    public double TraitNoise { get; init; } = 0.1;

    /// <summary>The effective separation threshold ε; null = calibrate it as the behavioural threshold τ of the base organism
    /// (split halves of held-out bodies, 95th percentile, spec §3.2).</summary>
    public double? Epsilon { get; init; }

    /// <summary>Held-out bodies of world 1 used to calibrate τ.</summary>
    public int CalibrationSequences { get; init; } = 256;

    /// <summary>The gap pair (default <see cref="RescuePair.NoisyEcho"/>: i.i.d. uniform vs the noisy echo).</summary>
    public RescuePair Pair { get; init; } = RescuePair.NoisyEcho;

    /// <summary>Noise η of the noisy echo world (<see cref="GapWorlds.NoisyEcho"/>; smaller = bodies more revealing), in (0, 1).</summary>
    public double EchoNoise { get; init; } = 0.1;

    /// <summary>Jump probability x' of the twin world of <see cref="RescuePair.Mess3Twin"/> (<see cref="TwinWorlds"/>; larger = better separated by long bodies).</summary>
    public double TwinX { get; init; } = 0.15;

    /// <summary>Base seed of models, data and the population.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Quick defaults (about a minute on the 2-core box): base 1,500 steps, 7 sweep points × 800 steps, a 6 × 5 population × 200 steps.</summary>
    public static RescueOptions Quick { get; } = new();

    /// <summary>The paper's scale: base 10,000 steps, post-training 4,000 steps, population K = 12, G = 20, 1,500 steps each.</summary>
    public static RescueOptions Full { get; } = new()
    {
        BaseSteps = 10_000,
        PostSteps = 4_000,
        Alphas = [0, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 1],
        PopulationSize = 12,
        Generations = 20,
        PopulationSteps = 1_500,
    };

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        Between(BodyLength, 2, 11, "exact enumeration of 3^(B+1) words");
        AtLeast(BaseSteps, 1);
        AtLeast(PostSteps, 1);
        AtLeast(PopulationSteps, 1);
        AtLeast(BatchSize, 1);
        Require(Alphas is { Count: > 0 } && Alphas.All(a => a >= 0 && a <= 1) && Alphas.Contains(0) && Alphas.Contains(1), Alphas,
            "must be weights in [0, 1] including 0 and 1 (the ends of the normalised signal)");
        LearningRateOf(BaseLearningRate);
        LearningRateOf(PostLearningRate);
        AtLeast(PopulationSize, 2);
        AtLeast(Generations, 1);
        Require(TraitNoise >= 0 && double.IsFinite(TraitNoise), TraitNoise, "must be a finite non-negative sd");
        Require(Epsilon is null || (Epsilon > 0 && Epsilon < 1), Epsilon, "must lie in (0, 1) or be null (calibrated)");
        Require(Enum.IsDefined(Pair), Pair, $"must be one of {string.Join(", ", Enum.GetNames<RescuePair>())}");
        OpenUnit(EchoNoise);
        AtLeast(CalibrationSequences, 4);
    }
}
