using LmOrganisms.Ecology;

using LmOrganisms.Transformers;

namespace LmOrganisms;

public sealed partial class TrainingWorld
{
    /// <summary>
    /// Sequences of a <see cref="FiniteEcology"/> whose contexts are token words (<see cref="FiniteEcology.ContextWords"/>,
    /// as <c>FiniteEcology.FromProcesses</c> builds them, the empty word included). Each sequence draws a world w from the ecology's priors
    /// π(w), then every token v after the prefix c from the ecology's next-token law P_w(v | c) (task-ecology paper §1.2),
    /// so sequences have at most (longest context + 1) tokens and, for an ecology built from processes, have exactly the
    /// law of the prior-weighted mixture of the processes' stationary sequences.
    /// </summary>
    /// <param name="ecology">The ecology; its contexts must be token words, the empty word among them.</param>
    /// <exception cref="ArgumentException">The contexts are names without words (such an ecology cannot be sampled as
    /// sequences), or the empty word is missing.</exception>
    /// <remarks>Sampling throws when a prefix is not one of the ecology's contexts (longer than its longest context, or excluded
    /// as impossible in some world) and names the prefix.</remarks>
    public static TrainingWorld FromEcology(FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int nv = ecology.VocabularySize;
        var words = ecology.ContextWords ?? throw new ArgumentException(
            "The ecology's contexts are names without token words, so it cannot be sampled as sequences; build it with " +
            "FiniteEcology.FromProcesses or give FiniteEcology.Create its context words.", nameof(ecology));
        bool single = ecology.Vocabulary.All(v => v.Length == 1);
        var contextIndex = new Dictionary<long, int>();
        int longest = 0;
        for (int c = 0; c < ecology.ContextCount; c++)
        {
            long code = 0;
            foreach (var v in words[c]) code = PrefixCode(code, v, nv, ecology.Contexts[c]);
            contextIndex[code] = c;
            longest = Math.Max(longest, words[c].Count);
        }
        if (!contextIndex.ContainsKey(0))
            throw new ArgumentException("The ecology has no empty context (the empty word), so the first token of a sequence has no law.", nameof(ecology));
        var cumulativePriors = Cumulative(ecology.Priors);
        var laws = new double[ecology.WorldCount][][];
        for (int w = 0; w < ecology.WorldCount; w++)
        {
            laws[w] = new double[ecology.ContextCount][];
            for (int c = 0; c < ecology.ContextCount; c++) laws[w][c] = Cumulative(ecology.Next(w, c).ToArray());
        }
        var worldName = $"ecology({string.Join(", ", ecology.Worlds.Select((w, i) => $"{w}:{ecology.Priors[i]:G6}"))})";
        return new TrainingWorld(worldName, nv, null, (buffer, count, length, seed) =>
        {
            if (length > longest + 1)
                throw new ArgumentException($"Sequences of {length} tokens need contexts of length {length - 1}; the ecology's longest context has {longest} tokens.", nameof(length));
            var rng = new Random(seed);
            for (int r = 0; r < count; r++)
            {
                int w = Draw(cumulativePriors, rng.NextDouble());
                long code = 0;
                for (int k = 0; k < length; k++)
                {
                    if (!contextIndex.TryGetValue(code, out int c))
                    {
                        var prefix = string.Join(single ? "" : " ", buffer.AsSpan(r * length, k).ToArray().Select(v => ecology.Vocabulary[v]));
                        throw new InvalidOperationException($"World '{ecology.Worlds[w]}' produced the prefix '{prefix}', which is not a context of the ecology (excluded as impossible in some world?).");
                    }
                    int v = Draw(laws[w][c], rng.NextDouble());
                    buffer[r * length + k] = v;
                    code = code * (nv + 1) + v + 1;
                }
            }
        });
    }

    private static long PrefixCode(long code, int token, int vocabulary, string context)
    {
        try
        {
            return checked(code * (vocabulary + 1) + token + 1);
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"Context '{context}' is too long to index ({vocabulary} tokens).", nameof(context));
        }
    }

    private static double[] Cumulative(IReadOnlyList<double> p)
    {
        var c = new double[p.Count];
        double acc = 0;
        for (int i = 0; i < c.Length; i++) c[i] = acc += p[i];
        return c;
    }

    private static int Draw(double[] cumulative, double u)
    {
        for (int i = 0; i < cumulative.Length; i++)
            if (u < cumulative[i]) return i;
        // u ≥ the rounded total: the last outcome with positive probability.
        for (int i = cumulative.Length - 1; i > 0; i--)
            if (cumulative[i] > cumulative[i - 1]) return i;
        return 0;
    }
}
