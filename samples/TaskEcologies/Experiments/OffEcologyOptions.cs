namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Settings of <see cref="OffEcologyExperiment"/> (the paper's Exp4, task-ecology spec §3.7): how many organisms, how
/// long they train, and the context lengths of the exact training and deployment ecologies.
/// </summary>
internal sealed record OffEcologyOptions : ExperimentOptions
{
    /// <summary>Organisms trained on the on-ecology worlds (the paper: 10).</summary>
    public int Models { get; init; } = 3;

    /// <summary>Adam steps per organism (the paper: 15,000).</summary>
    public int Steps { get; init; } = 1500;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (linear decay to 0, the paper's exp4 schedule).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The organism's context n: it is trained on sequences of n + 1 tokens and evaluated exactly at positions
    /// 1..n (all 3^(n+1) words of every world are enumerated, so n ≤ 12).</summary>
    public int Context { get; init; } = 8;

    /// <summary>Longest context of the exact training ecology μ1 (contexts of length 1..L1): short enough that the
    /// Mess3 twins are not separated (L1 = 1).</summary>
    public int TrainingContextLength { get; init; } = 1;

    /// <summary>Base seed: organism i has model seed 100·(Seed + i) and data seed Seed·1000 + i.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seconds-scale defaults for the 15-minute quick run of samples/TaskEcologies: 3 organisms × 1,500 steps.</summary>
    public static OffEcologyOptions Quick { get; } = new();

    /// <summary>The paper's scale: 10 organisms × 15,000 steps.</summary>
    public static OffEcologyOptions Full { get; } = new() { Models = 10, Steps = 15_000 };

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        Require(Models >= 2, Models, "must be at least 2 (inter-model JS needs two organisms)");
        AtLeast(Steps, 1);
        AtLeast(BatchSize, 1);
        LearningRateOf(LearningRate);
        Between(Context, 2, 12, "exact enumeration of 3^(n+1) words");
        Between(TrainingContextLength, 1, Context - 1, "shorter than the deployment contexts");
    }
}
