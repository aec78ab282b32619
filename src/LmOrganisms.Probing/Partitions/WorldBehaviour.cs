using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// The measurement of a frozen model on an exact ecology of process worlds (task-ecology paper §1.6 probe
/// <c>F_θ(obs(w) ⊕ c)</c>, spec §3.2 mean output laws): for each world w, N warm-ups obs of m tokens are sampled from
/// w, and the model's law for world w at context c is
/// <c>p̄_w(c) = Σ_obs Pr_w(c | obs) F_θ(obs ⊕ c) / Σ_obs Pr_w(c | obs)</c>, with <c>Pr_w(c | obs)</c> exact from w's
/// belief after obs. For an ideal world tracker (<see cref="MixturePredictor"/>, long warm-ups) p̄_w(c) → P_w(·|c), so
/// the exact theory of the ecology applies to what the model does.
/// </summary>
public sealed record WorldBehaviour
{
    /// <summary>m, tokens per warm-up (≥ 1; default 8); m plus the ecology's longest context must fit the model's context.</summary>
    public int WarmupLength { get; init; } = 8;

    /// <summary>N, warm-ups sampled per world (≥ 1, ≥ 2 for split-half threshold calibration; default 256).</summary>
    public int Warmups { get; init; } = 256;

    /// <summary>Seed of the warm-up sampling (bit-for-bit reproducible).</summary>
    public int Seed { get; init; }

    /// <summary>Doubles of model output requested per call of <see cref="ISequenceModel.NextTokenLaws"/> (memory bound).</summary>
    private const int OutputsPerCall = 1 << 22;

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="ecology"/>, the exact ecology of <paramref name="worlds"/>
    /// (<see cref="FiniteEcology.FromProcesses"/>: contexts "ε" and words up to length L). The model reads obs ⊕ u for
    /// every needed word u of length L (sequences of m + L tokens); the law after a shorter context c is read at the
    /// position where c ends (the model is causal). Reproducible bit for bit for a given seed and model.
    /// </summary>
    /// <exception cref="ArgumentException">The worlds are not the ecology's worlds (names, order, alphabet or laws), the
    /// model's vocabulary differs from the ecology's, m + L exceeds the model's context, or a context has probability 0
    /// after every warm-up of some world.</exception>
    public WorldBehaviourTable Measure(ISequenceModel model, IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(ecology);
        var ct = cancellationToken;
        int m = WarmupLength, count = Warmups;
        if (m < 1)
            throw new ArgumentException($"WorldBehaviour.WarmupLength is {m}; expected at least 1 token (the model reads obs ⊕ c).", nameof(model));
        if (count < 1) throw new ArgumentException($"WorldBehaviour.Warmups is {count}; expected at least 1.", nameof(model));
        if (model.Vocabulary != ecology.VocabularySize)
            throw new ArgumentException(
                $"The model's vocabulary has {model.Vocabulary} tokens, but the ecology's vocabulary has {ecology.VocabularySize} ({string.Join(", ", ecology.Vocabulary)}).",
                nameof(model));
        var words = ProcessEcologyContexts.Words(worlds, ecology);
        int longest = words.Max(u => u.Length);
        if ((long)m + longest > model.ContextLength)
            throw new ArgumentException(
                $"The warm-up of {m} tokens plus the longest context of {longest} tokens is {m + longest} tokens, more than the model's context of {model.ContextLength}; shorten WarmupLength or the ecology's contexts.",
                nameof(model));

        // Each context c is read from the input obs ⊕ c ⊕ 0…0 (length m + L); the distinct padded words are the inputs.
        int nx = ecology.VocabularySize, nc = words.Length, length = m + longest;
        var padded = new Dictionary<long, int>();
        var inputOf = new int[nc];
        var inputs = new List<int[]>();
        for (int c = 0; c < nc; c++)
        {
            var u = new int[longest];
            words[c].CopyTo(u, 0);
            long key = u.Aggregate(0L, (k, x) => k * nx + x);
            if (!padded.TryGetValue(key, out int at))
            {
                padded[key] = at = inputs.Count;
                inputs.Add(u);
            }
            inputOf[c] = at;
        }

        var rng = new Random(Seed);
        var seeds = worlds.Select(_ => rng.Next()).ToArray();
        var warmupTokens = new int[worlds.Count][];
        var outputs = new double[worlds.Count][];
        var weights = new double[worlds.Count][];
        int perWarmup = inputs.Count * length * nx;
        int chunk = Math.Max(1, OutputsPerCall / perWarmup);
        for (int w = 0; w < worlds.Count; w++)
        {
            ct.ThrowIfCancellationRequested();
            var process = worlds[w];
            int s = process.StateCount;
            var batch = process.Sample(count, m, seeds[w]);
            warmupTokens[w] = batch.Tokens.ToArray();
            var beliefs = new double[count * m * s];
            BeliefFilter.FilterInto(process, batch.Tokens, count, m, beliefs);
            weights[w] = new double[count * nc];
            var a = new double[s];
            var b = new double[s];
            for (int n = 0; n < count; n++)
            {
                var eta = beliefs.AsSpan((n * m + m - 1) * s, s);
                for (int c = 0; c < nc; c++)
                    weights[w][n * nc + c] = ProcessEcologyContexts.WordProbability(process, eta, words[c], a, b);
            }

            outputs[w] = new double[count * nc * nx];
            for (int first = 0; first < count; first += chunk)
            {
                ct.ThrowIfCancellationRequested();
                int take = Math.Min(chunk, count - first), rows = take * inputs.Count;
                var tokens = new int[rows * length];
                for (int n = 0; n < take; n++)
                    for (int r = 0; r < inputs.Count; r++)
                    {
                        var row = tokens.AsSpan((n * inputs.Count + r) * length, length);
                        batch.Tokens.AsSpan((first + n) * m, m).CopyTo(row);
                        inputs[r].CopyTo(row[m..]);
                    }
                var laws = model.NextTokenLaws(tokens, rows, length);
                for (int n = 0; n < take; n++)
                    for (int c = 0; c < nc; c++)
                    {
                        int row = n * inputs.Count + inputOf[c], position = m + words[c].Length - 1;
                        laws.AsSpan((row * length + position) * nx, nx)
                            .CopyTo(outputs[w].AsSpan(((first + n) * nc + c) * nx, nx));
                    }
            }
        }
        return new WorldBehaviourTable(ecology.Worlds, ecology.Contexts, nx, m, warmupTokens, outputs, weights);
    }
}
