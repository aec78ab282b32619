using System.Text.Json;
using System.Text.Json.Serialization;

using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>Everything that defines a training run besides the model and the world. Defaults: 1,000 steps of AdamW
/// (lr 1e-3, β 0.9/0.999, ε 1e-8, weight decay 0.01), batch 64, constant schedule, no clipping, seed 0,
/// evaluation every 100 steps on 1,024 fixed sequences, CPU.</summary>
public sealed record TrainingOptions
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Optimiser steps in the run.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Input positions per sequence (targets are the next tokens, so n+1 tokens are drawn); null = the model's context.</summary>
    public int? SequenceLength { get; init; }

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Weight decay λ (decoupled for AdamW, L2 for Adam and SGD).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Learning-rate schedule.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Warm-up steps of <see cref="LearningRateSchedule.WarmupCosine"/>.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Clip the global gradient norm to this value; null = no clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Seed of the data stream (batch of step s is a pure function of (seed, s)) and of the evaluation set.</summary>
    public int Seed { get; init; }

    /// <summary>Evaluate every this many steps (and after the last step); 0 = only after the last step.</summary>
    public int EvalInterval { get; init; } = 100;

    /// <summary>Fixed evaluation sequences, drawn once from the world.</summary>
    public int EvalSequences { get; init; } = 1024;

    /// <summary>Evaluate by exact enumeration of all words (single-process worlds only; vocabulary^n ≤ 2^21) instead of the sampled set.</summary>
    public bool ExactEvaluation { get; init; }

    /// <summary>The Bayes-optimal loss per position (nats) to report excess against, position k = 1..n; null = not reported.
    /// For a process: h_μ(k+1) (belief-geometry convention A), e.g. from the BeliefStates layer.</summary>
    public IReadOnlyList<double>? OptimalLossPerPosition { get; init; }

    /// <summary>Where the run computes, chosen once: "cpu" (default), "cuda" (needs the CUDA TorchSharp backend and a visible GPU;
    /// the trainer throws when either is missing) or "auto" (CUDA when <c>torch.cuda.is_available()</c>, else the CPU).
    /// The trainer moves the model there and creates every data tensor there.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The learning rate at 0-based <paramref name="step"/>.</summary>
    public double LearningRateAt(int step) => Schedule switch
    {
        LearningRateSchedule.LinearDecay => LearningRate * Math.Max(0, 1.0 - (double)step / Steps),
        LearningRateSchedule.WarmupCosine when step < WarmupSteps => LearningRate * (step + 1) / WarmupSteps,
        LearningRateSchedule.WarmupCosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps))),
        _ => LearningRate,
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option and its value.</summary>
    public void Validate()
    {
        void Check(bool ok, string name, object value, string rule)
        {
            if (!ok) throw new ArgumentException($"TrainingOptions.{name} {rule}; got {value}.", name);
        }
        Check(Steps >= 0, nameof(Steps), Steps, "must be non-negative");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Check(SequenceLength is null or >= 1, nameof(SequenceLength), SequenceLength!, "must be at least 1");
        Check(LearningRate >= 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be finite and non-negative");
        Check(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "must be in [0, 1)");
        Check(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "must be in [0, 1)");
        Check(Epsilon > 0, nameof(Epsilon), Epsilon, "must be positive");
        Check(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be non-negative");
        Check(WarmupSteps >= 0, nameof(WarmupSteps), WarmupSteps, "must be non-negative");
        Check(GradientClipNorm is null or > 0, nameof(GradientClipNorm), GradientClipNorm!, "must be positive");
        Check(EvalInterval >= 0, nameof(EvalInterval), EvalInterval, "must be non-negative");
        Check(EvalSequences >= 1, nameof(EvalSequences), EvalSequences, "must be at least 1");
        Check(Device is "cpu" or "cuda" or "auto", nameof(Device), Device, "must be \"cpu\", \"cuda\" or \"auto\"");
    }

    /// <summary>The options as JSON (enums by name).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads options written by <see cref="ToJson"/>.</summary>
    public static TrainingOptions FromJson(string json)
        => JsonSerializer.Deserialize<TrainingOptions>(json, JsonOptions) ?? throw new ArgumentException("The training options JSON is empty (null).", nameof(json));
}
