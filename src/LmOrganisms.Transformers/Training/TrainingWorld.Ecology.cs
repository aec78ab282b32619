using LmOrganisms.Ecology;

using LmOrganisms.Transformers;

namespace LmOrganisms;

public sealed partial class TrainingWorld
{
    /// <summary>
    /// Sequences of a <see cref="FiniteEcology"/> whose contexts are token strings (as <c>FiniteEcology.FromProcesses</c>
    /// builds them: "ε" for the empty word, then words over the vocabulary written as the tokens concatenated when every
    /// token is one character, else separated by single spaces). Each sequence draws a world w from the ecology's priors
    /// π(w), then every token v after the prefix c from the ecology's next-token law P_w(v | c) (task-ecology paper §1.2),
    /// so sequences have at most (longest context + 1) tokens and, for an ecology built from processes, have exactly the
    /// law of the prior-weighted mixture of the processes' stationary sequences.
    /// </summary>
    /// <param name="ecology">The ecology; its contexts must be token strings including "ε".</param>
    /// <exception cref="ArgumentException">A context is not a word over the vocabulary (an ecology whose contexts are names
    /// cannot be sampled as sequences), or "ε" is missing.</exception>
    /// <remarks>Sampling throws when a prefix is not one of the ecology's contexts (longer than its longest context, or excluded
    /// as impossible in some world) and names the prefix.</remarks>
    public static TrainingWorld FromEcology(FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int nv = ecology.VocabularySize;
        bool single = ecology.Vocabulary.All(v => v.Length == 1);
        var tokenIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < nv; v++) tokenIndex[ecology.Vocabulary[v]] = v;
        var contextIndex = new Dictionary<long, int>();
        int longest = 0;
        for (int c = 0; c < ecology.ContextCount; c++)
        {
            var name = ecology.Contexts[c];
            var tokens = name == "ε" ? [] : single ? name.Select(ch => ch.ToString()).ToArray() : name.Split(' ');
            long code = 0;
            foreach (var token in tokens)
            {
                if (!tokenIndex.TryGetValue(token, out int v))
                    throw new ArgumentException(
                        $"Context {c} '{name}' of the ecology is not a word over its vocabulary ({string.Join(", ", ecology.Vocabulary)}): token '{token}' is unknown. " +
                        "Only ecologies whose contexts are token strings (e.g. FiniteEcology.FromProcesses) can be sampled as sequences; an ecology whose contexts are names cannot.",
                        nameof(ecology));
                code = PrefixCode(code, v, nv, name);
            }
            contextIndex[code] = c;
            longest = Math.Max(longest, tokens.Length);
        }
        if (!contextIndex.ContainsKey(0))
            throw new ArgumentException("The ecology has no empty context \"ε\", so the first token of a sequence has no law.", nameof(ecology));
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
