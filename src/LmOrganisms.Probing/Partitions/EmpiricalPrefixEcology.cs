using LmOrganisms.Ecology;

namespace LmOrganisms.Probing;

/// <summary>
/// A model measured on the exact empirical ecology of held-out text (task-ecology spec §3.2, §4.15). The ecology itself
/// (worlds = languages, contexts = prefix lengths r, <c>P_w(v | r)</c> = the empirical frequency of the token after
/// <c>[BOS, t₁, …, t_r]</c>) is <c>FiniteEcology.FromPrefixes</c> / <c>FiniteEcology.FromCorpus</c> in the Ecology layer;
/// its floor, Bayes loss and JS excess are exact on the partition a trained model induces.
/// </summary>
public static class EmpiricalPrefixEcology
{
    /// <summary>
    /// The model's loss on the ecology's own contexts (spec §3.2 <c>model_context_loss</c>):
    /// <c>Σ_w π_w Σ_r d_r CE(P_w(·|r), p̄_w(r))</c> in nats, where <paramref name="meanLaws"/>[w][r] is the model's mean
    /// output law for world w at the ecology's r-th context. +∞ when the model gives probability 0 to a token that
    /// occurs.
    /// </summary>
    public static double ModelContextLoss(FiniteEcology ecology, IReadOnlyList<IReadOnlyList<double[]>> meanLaws)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(meanLaws);
        if (meanLaws.Count != ecology.WorldCount)
            throw new ArgumentException(
                $"meanLaws has {meanLaws.Count} worlds; the ecology has {ecology.WorldCount}.", nameof(meanLaws));
        double loss = 0;
        for (int w = 0; w < ecology.WorldCount; w++)
        {
            if (meanLaws[w].Count != ecology.ContextCount)
                throw new ArgumentException(
                    $"meanLaws[{w}] has {meanLaws[w].Count} contexts; the ecology has {ecology.ContextCount}.", nameof(meanLaws));
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                var q = meanLaws[w][c];
                var p = ecology.Next(w, c);
                if (q.Length != p.Length)
                    throw new ArgumentException(
                        $"meanLaws[{w}][{c}] has {q.Length} probabilities; the vocabulary has {p.Length}.", nameof(meanLaws));
                BehaviouralDistance.CheckLaw(q, $"meanLaws[{w}][{c}]", nameof(meanLaws), BehaviouralDistance.RowSumTolerance);
                double ce = 0;
                for (int t = 0; t < p.Length; t++)
                    if (p[t] > 0) ce -= p[t] * Math.Log(q[t]);
                loss += ecology.Priors[w] * ecology.ContextWeights[c] * ce;
            }
        }
        return loss;
    }
}
