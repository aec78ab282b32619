using System.Globalization;

using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// What a model does on each world of an ecology of processes (task-ecology spec §1.6, §3.2), per warm-up: for world
/// w, warm-up n (obs, sampled from w) and ecology context c, the model's law <c>F(obs ⊕ c)</c> and the weight
/// <c>Pr_w(c | obs)</c> (exact, from w's belief after obs). The mean law of a world is the weighted average
/// <c>p̄_w(c) = Σ_obs Pr_w(c | obs) F(obs ⊕ c) / Σ_obs Pr_w(c | obs)</c>, which tends to P_w(·|c) for an ideal world
/// tracker (the Bayes predictor of the mixture) as N grows. Built by <see cref="WorldBehaviour.Measure"/>.
/// </summary>
public sealed record WorldBehaviourTable
{
    /// <summary>
    /// Assembles the table and computes <see cref="MeanLaws"/>. <paramref name="outputs"/>[w] is row-major
    /// [warm-up, context, token], <paramref name="weights"/>[w] row-major [warm-up, context] and
    /// <paramref name="warmupTokens"/>[w] row-major [warm-up, position].
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree, a weight is negative or not finite, or some context has
    /// weight 0 in every warm-up of a world (its mean law is undefined).</exception>
    public WorldBehaviourTable(IReadOnlyList<string> worlds, IReadOnlyList<string> contexts, int vocabularySize, int warmupLength,
        IReadOnlyList<int[]> warmupTokens, IReadOnlyList<double[]> outputs, IReadOnlyList<double[]> weights)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(warmupTokens);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(weights);
        if (worlds.Count == 0) throw new ArgumentException("The table has no worlds.", nameof(worlds));
        if (contexts.Count == 0) throw new ArgumentException("The table has no contexts.", nameof(contexts));
        if (vocabularySize < 1) throw new ArgumentException($"vocabularySize is {vocabularySize}; expected at least 1.", nameof(vocabularySize));
        if (warmupLength < 1) throw new ArgumentException($"warmupLength is {warmupLength}; expected at least 1.", nameof(warmupLength));
        if (warmupTokens.Count != worlds.Count || outputs.Count != worlds.Count || weights.Count != worlds.Count)
            throw new ArgumentException(
                $"There are {worlds.Count} worlds but {warmupTokens.Count} warm-up lists, {outputs.Count} output lists and {weights.Count} weight lists.",
                nameof(outputs));
        int n = warmupTokens[0]?.Length / warmupLength ?? 0;
        if (n < 1) throw new ArgumentException("The table has no warm-ups.", nameof(warmupTokens));
        int nc = contexts.Count;
        for (int w = 0; w < worlds.Count; w++)
        {
            if (warmupTokens[w]?.Length != n * warmupLength)
                throw new ArgumentException($"World '{worlds[w]}' has {warmupTokens[w]?.Length ?? 0} warm-up tokens; expected {n} × {warmupLength}.", nameof(warmupTokens));
            if (outputs[w]?.Length != n * nc * vocabularySize)
                throw new ArgumentException($"World '{worlds[w]}' has {outputs[w]?.Length ?? 0} output entries; expected {n} × {nc} × {vocabularySize}.", nameof(outputs));
            if (weights[w]?.Length != n * nc)
                throw new ArgumentException($"World '{worlds[w]}' has {weights[w]?.Length ?? 0} weights; expected {n} × {nc}.", nameof(weights));
            for (int i = 0; i < weights[w].Length; i++)
                if (!(weights[w][i] >= 0) || !double.IsFinite(weights[w][i]))
                    throw new ArgumentException(
                        $"World '{worlds[w]}', warm-up {i / nc}, context '{contexts[i % nc]}': weight {weights[w][i].ToString("R", CultureInfo.InvariantCulture)} is not a probability.",
                        nameof(weights));
        }
        Worlds = worlds.ToArray();
        Contexts = contexts.ToArray();
        VocabularySize = vocabularySize;
        WarmupLength = warmupLength;
        Warmups = n;
        WarmupTokens = warmupTokens.ToArray();
        Outputs = outputs.ToArray();
        Weights = weights.ToArray();
        var everyWarmup = Enumerable.Range(0, n).ToArray();
        MeanLaws = Enumerable.Range(0, Worlds.Count).Select(w => MeanLawsOf(w, everyWarmup)).ToArray();
    }

    /// <summary>World names (the ecology's worlds, in order).</summary>
    public IReadOnlyList<string> Worlds { get; }

    /// <summary>Context names (the ecology's contexts, in order).</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>V, tokens per law.</summary>
    public int VocabularySize { get; }

    /// <summary>m, tokens per warm-up.</summary>
    public int WarmupLength { get; }

    /// <summary>N, warm-ups per world.</summary>
    public int Warmups { get; }

    /// <summary>The warm-ups of each world: [w] row-major [warm-up, position].</summary>
    public IReadOnlyList<int[]> WarmupTokens { get; }

    /// <summary>The model's laws F(obs ⊕ c): [w] row-major [warm-up, context, token].</summary>
    public IReadOnlyList<double[]> Outputs { get; }

    /// <summary>The weights Pr_w(c | obs): [w] row-major [warm-up, context].</summary>
    public IReadOnlyList<double[]> Weights { get; }

    /// <summary>p̄_w(c), the weighted mean law of the model for world w at context c: [w][c][v].</summary>
    public double[][][] MeanLaws { get; }

    /// <summary>The model's law F(obs_n ⊕ c) for world <paramref name="world"/>, warm-up <paramref name="warmup"/>, context <paramref name="context"/>.</summary>
    public ReadOnlySpan<double> Output(int world, int warmup, int context) =>
        Outputs[world].AsSpan((warmup * Contexts.Count + context) * VocabularySize, VocabularySize);

    /// <summary>The weight Pr_w(c | obs_n) of world <paramref name="world"/>, warm-up <paramref name="warmup"/>, context <paramref name="context"/>.</summary>
    public double Weight(int world, int warmup, int context) => Weights[world][warmup * Contexts.Count + context];

    /// <summary>
    /// The weighted mean laws of world <paramref name="world"/> over a subset of its warm-ups (e.g. one half of a
    /// split): <c>[c][v] = Σ_{n∈S} Pr_w(c|obs_n) F(obs_n ⊕ c)(v) / Σ_{n∈S} Pr_w(c|obs_n)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A warm-up index is out of range, or a context has weight 0 in every chosen warm-up.</exception>
    public double[][] MeanLawsOf(int world, ReadOnlySpan<int> warmups)
    {
        if (world < 0 || world >= Worlds.Count)
            throw new ArgumentException($"World index {world} is outside 0…{Worlds.Count - 1}.", nameof(world));
        int nc = Contexts.Count, v = VocabularySize;
        var sums = new double[nc * v];
        var mass = new double[nc];
        var output = Outputs[world];
        var weight = Weights[world];
        foreach (int n in warmups)
        {
            if (n < 0 || n >= Warmups)
                throw new ArgumentException($"Warm-up index {n} is outside 0…{Warmups - 1}.", nameof(warmups));
            for (int c = 0; c < nc; c++)
            {
                double a = weight[n * nc + c];
                if (a == 0) continue;
                mass[c] += a;
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(output.AsSpan((n * nc + c) * v, v), a, sums.AsSpan(c * v, v), sums.AsSpan(c * v, v));
            }
        }
        var laws = new double[nc][];
        for (int c = 0; c < nc; c++)
        {
            if (!(mass[c] > 0))
                throw new ArgumentException(
                    $"Context '{Contexts[c]}' has probability 0 after each of the {warmups.Length} warm-ups of world '{Worlds[world]}', so its mean law is undefined; use more or longer warm-ups.",
                    nameof(warmups));
            laws[c] = new double[v];
            System.Numerics.Tensors.TensorPrimitives.Divide(sums.AsSpan(c * v, v), mass[c], laws[c]);
        }
        return laws;
    }
}
