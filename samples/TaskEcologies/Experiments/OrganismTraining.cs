using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Trains one organism of an experiment, reporting progress every 10% of the steps.</summary>
internal static class OrganismTraining
{
    /// <summary>Sequences per forward pass when a tiny organism is scored on the CPU: small batches are fastest
    /// (measured on the 2-core box: 4,096 sequences of 8 tokens ≈ 0.4 ms per sequence, 64 ≈ 0.03 ms).</summary>
    public const int EvaluationBatch = 64;

    /// <summary>A freshly initialised organism (seed <paramref name="initSeed"/>) trained on <paramref name="world"/>; returns it
    /// with its mean training loss over the last 10% of steps.</summary>
    public static (Transformer Model, double Loss) Train(TransformerConfig config, int initSeed, TrainingWorld world, TrainingOptions training,
        string experiment, string stage, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        var model = Transformer.Create(config, initSeed);
        try
        {
            int every = Math.Max(1, training.Steps / 10);
            var result = model.Train(world, training, progress is null ? null : new SyncProgress<TrainingProgress>(p =>
            {
                if (p.Step % every == 0 || p.Step == p.Steps)
                    progress.Report(new ExperimentProgress(experiment, stage, p.Step, p.Steps));
            }), cancellationToken);
            int tail = Math.Max(1, result.Losses.Count / 10);
            return (model, result.Losses.Skip(result.Losses.Count - tail).Average());
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
