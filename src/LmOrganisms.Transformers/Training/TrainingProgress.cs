using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>Reported after every step.</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="Steps">Steps in the run.</param>
/// <param name="Loss">Training loss of the step's batch (mean cross-entropy over sequences and positions, nats).</param>
/// <param name="LearningRate">Learning rate used at the step.</param>
/// <param name="TokensPerSecond">Predicted tokens (batch × positions) per second of wall time since this run started.</param>
/// <param name="Evaluation">The evaluation made at this step, if any.</param>
public sealed record TrainingProgress(int Step, int Steps, double Loss, double LearningRate, double TokensPerSecond, LossEvaluation? Evaluation);
