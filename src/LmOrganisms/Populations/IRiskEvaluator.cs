using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// The risk R of a trained organism: a held-out loss on the evaluation ecology, in nats, smaller is better. Fitness is a
/// strictly decreasing transform of it (Prop 44 (b); default w = exp(−R), spec <c>task-ecologies.md</c> §3.6).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe (members are evaluated concurrently) and deterministic: the same weights must give
/// the same risk bit for bit on every call, so that runs are reproducible and independent of the degree of parallelism.
/// A fixed held-out set (as in <see cref="HeldOutCrossEntropy"/>) also gives common random numbers across members.
/// </remarks>
public interface IRiskEvaluator
{
    /// <summary>The risk of <paramref name="model"/> in nats (no gradients are recorded; the weights are not changed).</summary>
    double Risk(Transformer model, CancellationToken cancellationToken = default);
}
