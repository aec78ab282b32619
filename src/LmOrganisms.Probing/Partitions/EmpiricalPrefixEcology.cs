using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Probing;

/// <summary>
/// The exact empirical ecology of held-out text (task-ecology spec §3.2 <c>empirical_prefix_ecology</c>, §4.15):
/// worlds = the corpora (languages) with uniform prior, contexts = prefix lengths r with uniform weight (only the
/// lengths every world has data for), <c>P_w(v | r)</c> = the empirical frequency of the token that follows the first
/// r tokens of a held-out chunk (position r + 2 of <c>[BOS, t₁, …]</c>). Its floor, Bayes loss and JS excess can then
/// be evaluated exactly on the partition a trained model induces.
/// </summary>
public static class EmpiricalPrefixEcology
{
    /// <summary>
    /// Builds the ecology from <paramref name="chunksByWorld"/>[w] = the held-out chunks of world w as token indices
    /// into <paramref name="vocabulary"/> (without BOS). Contexts are named <c>r=3</c>, <c>r=5</c>, ….
    /// </summary>
    public static FiniteEcology Create(IReadOnlyList<string> worlds, IReadOnlyList<IReadOnlyList<int[]>> chunksByWorld,
        IReadOnlyList<string> vocabulary, IReadOnlyList<int> prefixLengths)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(chunksByWorld);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(prefixLengths);
        if (chunksByWorld.Count != worlds.Count)
            throw new ArgumentException(
                $"There are {worlds.Count} worlds but {chunksByWorld.Count} chunk lists.", nameof(chunksByWorld));
        if (prefixLengths.Count == 0) throw new ArgumentException("prefixLengths is empty.", nameof(prefixLengths));
        int v = vocabulary.Count;
        var counts = new double[worlds.Count][][];
        for (int w = 0; w < worlds.Count; w++)
        {
            counts[w] = new double[prefixLengths.Count][];
            for (int k = 0; k < prefixLengths.Count; k++)
            {
                int r = prefixLengths[k];
                if (r < 0)
                    throw new ArgumentException($"Prefix length {r} (index {k}) is negative.", nameof(prefixLengths));
                counts[w][k] = new double[v];
                for (int c = 0; c < chunksByWorld[w].Count; c++)
                {
                    var chunk = chunksByWorld[w][c];
                    if (chunk.Length <= r) continue;
                    int t = chunk[r];
                    if (t < 0 || t >= v)
                        throw new ArgumentException(
                            $"World '{worlds[w]}', chunk {c}, position {r}: token {t} is outside the vocabulary of {v} tokens.",
                            nameof(chunksByWorld));
                    counts[w][k][t]++;
                }
            }
        }
        var kept = Enumerable.Range(0, prefixLengths.Count)
            .Where(k => Enumerable.Range(0, worlds.Count).All(w => counts[w][k].Sum() > 0)).ToArray();
        if (kept.Length == 0)
            throw new ArgumentException(
                "No prefix length has data for every world (each world needs a chunk longer than the prefix).",
                nameof(chunksByWorld));
        var next = new double[worlds.Count][][];
        for (int w = 0; w < worlds.Count; w++)
            next[w] = kept.Select(k =>
            {
                double total = counts[w][k].Sum();
                return counts[w][k].Select(x => x / total).ToArray();
            }).ToArray();
        var contexts = kept.Select(k => "r=" + prefixLengths[k].ToString(CultureInfo.InvariantCulture)).ToArray();
        return FiniteEcology.Create(worlds, Enumerable.Repeat(1.0 / worlds.Count, worlds.Count).ToArray(), contexts,
            Enumerable.Repeat(1.0 / kept.Length, kept.Length).ToArray(), vocabulary, next);
    }

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
