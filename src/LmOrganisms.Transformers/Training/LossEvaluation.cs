namespace LmOrganisms.Transformers;

/// <summary>
/// Loss per context position next to the optimum. Position k (1-based) predicts token k+1 from tokens 1..k.
/// </summary>
/// <param name="Step">Steps completed when evaluated.</param>
/// <param name="LossPerPosition">Mean cross-entropy per position, nats.</param>
/// <param name="OptimalLossPerPosition">Caller-supplied Bayes-optimal loss per position (nats), or null.</param>
public sealed record LossEvaluation(int Step, IReadOnlyList<double> LossPerPosition, IReadOnlyList<double>? OptimalLossPerPosition)
{
    /// <summary>Mean of <see cref="LossPerPosition"/> (the paper's loss).</summary>
    public double Loss => LossPerPosition.Average();

    /// <summary>Relative excess per position, <c>loss_k / optimum_k − 1</c>; null without an optimum.</summary>
    public IReadOnlyList<double>? RelativeExcessPerPosition
        => OptimalLossPerPosition?.Zip(LossPerPosition, (o, l) => l / o - 1).ToArray();

    /// <summary>Mean over positions of the relative excess (belief-geometry "relative loss" − 1); null without an optimum.</summary>
    public double? RelativeExcess => RelativeExcessPerPosition?.Average();
}
