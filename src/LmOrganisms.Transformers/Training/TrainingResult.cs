using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>The outcome of <see cref="Trainer.Run(IProgress{TrainingProgress}?, CancellationToken)"/>.</summary>
/// <param name="Losses">Training loss of every step so far (index = step − 1), nats.</param>
/// <param name="Evaluations">Every evaluation so far, in step order.</param>
/// <param name="TokensPerSecond">Predicted tokens per second of wall time in this call (batch × positions × steps / seconds).</param>
/// <param name="Seconds">Wall time of this call.</param>
public sealed record TrainingResult(IReadOnlyList<double> Losses, IReadOnlyList<LossEvaluation> Evaluations, double TokensPerSecond, double Seconds)
{
    /// <summary>The last evaluation (made after the final step).</summary>
    public LossEvaluation? FinalEvaluation => Evaluations.Count > 0 ? Evaluations[^1] : null;
}
