using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Bayes-optimal expected cross-entropy per context position of a causal predictor with context length
/// <see cref="ContextLength"/>: the ideal predictor's loss at a position that has read k tokens is the myopic entropy
/// h(k+1) (belief-geometry spec §2.3, checklist item 15; Mess3 convention A mean 0.802512 nats).
/// </summary>
/// <param name="Convention">Position convention (<see cref="LossConvention"/>).</param>
/// <param name="ContextLength">Context length n.</param>
/// <param name="PerPosition">Optimal loss per position in nats, in position order (A: k = 1..n, B: k = 0..n−1).</param>
public sealed record OptimalLoss(LossConvention Convention, int ContextLength, double[] PerPosition)
{
    /// <summary>Mean over positions in nats: the best loss a model trained with this context length can reach.</summary>
    public double Mean => PerPosition.Average();

    /// <summary>The optimal loss per position from precomputed entropy curves (needs <c>MaxLength ≥ n + 1</c> for A, n for B).</summary>
    internal static OptimalLoss FromCurves(EntropyCurves curves, int contextLength, LossConvention convention = LossConvention.A)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        int offset = convention == LossConvention.A ? 2 : 1;
        if (curves.MaxLength < contextLength - 1 + offset)
            throw new ArgumentException($"The entropy curves reach L = {curves.MaxLength}; convention {convention} with context {contextLength} needs L = {contextLength - 1 + offset}.", nameof(curves));
        var nats = new double[contextLength];
        for (int k = 0; k < contextLength; k++) nats[k] = curves.Myopic(k + offset);
        return new OptimalLoss(convention, contextLength, nats);
    }
}
