using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// A finite task ecology (task-ecology paper, arXiv 2604.05469, §1.2 "finite ecology"): latent worlds W with a
/// prior π(w) &gt; 0, finitely many contexts c with weights d_c(c) ≥ 0 (the training context law D_C), a vocabulary V,
/// and next-token laws <c>next[w][c][v] = P_w(v | c)</c>. Immutable; validated on construction (priors sum to 1,
/// weights sum to 1, every law a distribution, all within <see cref="Tolerances.SumTolerance"/>).
/// The exact theory on it (floor, JS excess, quotient partition, …) lives in <c>LmOrganisms.InformationTheory</c>.
/// </summary>
public sealed partial class FiniteEcology
{
    private readonly string[] worlds;
    private readonly double[] priors;
    private readonly string[] contexts;
    private readonly double[] weights;
    private readonly string[] vocabulary;
    private readonly double[] next; // [(w * C + c) * V + v]
    private readonly int[][]? words;

    private FiniteEcology(string[] worlds, double[] priors, string[] contexts, double[] weights, string[] vocabulary, double[] next, int[][]? words)
    {
        this.worlds = worlds;
        this.priors = priors;
        this.contexts = contexts;
        this.weights = weights;
        this.vocabulary = vocabulary;
        this.next = next;
        this.words = words;
    }

    /// <summary>World names (W); world w is index w everywhere.</summary>
    public IReadOnlyList<string> Worlds => worlds;

    /// <summary>Prior π(w) over worlds (strictly positive, sums to 1).</summary>
    public IReadOnlyList<double> Priors => priors;

    /// <summary>Context names, for display (an ecology built from words names each by its tokens; nothing parses them back).</summary>
    public IReadOnlyList<string> Contexts => contexts;

    /// <summary>
    /// The token word of every context (token indices into <see cref="Vocabulary"/>; the empty word for "ε") when the
    /// contexts are words, as <see cref="FromProcesses"/> builds them; null when the contexts are only names. Words are
    /// distinct. Sampling sequences from an ecology (<c>TrainingWorld.FromEcology</c>) and context restriction by length
    /// (<see cref="WithContextLengths"/>) need them.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>>? ContextWords => words;

    /// <summary>Context weights d_c(c) ≥ 0 (the context marginal D_C of the training data; sums to 1).</summary>
    public IReadOnlyList<double> ContextWeights => weights;

    /// <summary>Vocabulary V; token v is index v of every next-token law.</summary>
    public IReadOnlyList<string> Vocabulary => vocabulary;

    /// <summary>Number of worlds |W|.</summary>
    public int WorldCount => worlds.Length;

    /// <summary>Number of contexts.</summary>
    public int ContextCount => contexts.Length;

    /// <summary>Vocabulary size |V|.</summary>
    public int VocabularySize => vocabulary.Length;

    /// <summary>P_w(v | c), the next-token probability of token <paramref name="v"/> in world <paramref name="w"/> after context <paramref name="c"/>.</summary>
    public double this[int w, int c, int v] => next[(w * contexts.Length + c) * vocabulary.Length + v];

    /// <summary>The next-token law P_w(· | c) as a read-only span of length |V|.</summary>
    public ReadOnlySpan<double> Next(int w, int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(w);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(w, worlds.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(c, contexts.Length);
        return next.AsSpan((w * contexts.Length + c) * vocabulary.Length, vocabulary.Length);
    }

    /// <summary>A copy of the next-token tensor as <c>next[w][c][v]</c>.</summary>
    public double[][][] ToArray()
    {
        var r = new double[worlds.Length][][];
        for (int w = 0; w < worlds.Length; w++)
        {
            r[w] = new double[contexts.Length][];
            for (int c = 0; c < contexts.Length; c++) r[w][c] = Next(w, c).ToArray();
        }
        return r;
    }

    /// <summary>Index of a world by name.</summary>
    public int WorldIndex(string name) => IndexOf(worlds, name, "world");

    /// <summary>Index of a context by name.</summary>
    public int ContextIndex(string name) => IndexOf(contexts, name, "context");

    /// <summary>Index of a token by name.</summary>
    public int TokenIndex(string name) => IndexOf(vocabulary, name, "token");

    /// <summary>
    /// Creates an ecology, validating every input. Errors name the world, context and token concerned, for example
    /// "next-token law of world 'w2' after context 'c1' sums to 0.93, expected 1".
    /// </summary>
    /// <param name="worlds">World names (unique, non-empty).</param>
    /// <param name="priors">π(w), strictly positive, summing to 1.</param>
    /// <param name="contexts">Context names (unique, non-empty).</param>
    /// <param name="contextWeights">d_c(c) ≥ 0, summing to 1.</param>
    /// <param name="vocabulary">Token names (unique, non-empty).</param>
    /// <param name="next"><c>next[w][c][v]</c> = P_w(v | c).</param>
    /// <param name="contextWords">The token word of every context (see <see cref="ContextWords"/>), or null for named contexts.</param>
    public static FiniteEcology Create(IReadOnlyList<string> worlds, IReadOnlyList<double> priors, IReadOnlyList<string> contexts,
        IReadOnlyList<double> contextWeights, IReadOnlyList<string> vocabulary, double[][][] next,
        IReadOnlyList<IReadOnlyList<int>>? contextWords = null)
    {
        Validate.Names(worlds, "world", nameof(worlds));
        Validate.Names(contexts, "context", nameof(contexts));
        Validate.Names(vocabulary, "token", nameof(vocabulary));
        ArgumentNullException.ThrowIfNull(priors);
        ArgumentNullException.ThrowIfNull(contextWeights);
        ArgumentNullException.ThrowIfNull(next);
        int nw = worlds.Count, nc = contexts.Count, nv = vocabulary.Count;
        var p = priors.ToArray();
        Validate.Distribution(p, nw, "The world prior", nameof(priors));
        for (int w = 0; w < nw; w++)
            if (p[w] <= 0)
                throw new ArgumentException($"The prior of world '{worlds[w]}' (index {w}) is {Validate.Num(p[w])}; every world needs a strictly positive prior.", nameof(priors));
        var d = contextWeights.ToArray();
        Validate.Distribution(d, nc, "The context weights", nameof(contextWeights));
        if (next.Length != nw)
            throw new ArgumentException($"The next-token tensor has {next.Length} worlds, expected {nw}.", nameof(next));
        var flat = new double[nw * nc * nv];
        for (int w = 0; w < nw; w++)
        {
            if (next[w] is null || next[w].Length != nc)
                throw new ArgumentException($"The next-token laws of world '{worlds[w]}' cover {next[w]?.Length ?? 0} contexts, expected {nc}.", nameof(next));
            for (int c = 0; c < nc; c++)
            {
                var row = next[w][c];
                if (row is null) throw new ArgumentException($"The next-token law of world '{worlds[w]}' after context '{contexts[c]}' is null.", nameof(next));
                Validate.Distribution(row, nv, $"The next-token law of world '{worlds[w]}' after context '{contexts[c]}'", nameof(next));
                row.CopyTo(flat, (w * nc + c) * nv);
            }
        }
        return new FiniteEcology(worlds.ToArray(), p, contexts.ToArray(), d, vocabulary.ToArray(), flat,
            contextWords is null ? null : CheckWords(contextWords, contexts, nv, nameof(contextWords)));
    }

    /// <summary>Starts a fluent builder for an ecology assembled by hand.</summary>
    public static FiniteEcologyBuilder Builder() => new();

    /// <summary>
    /// The same ecology with other context weights d_c (task-ecology paper §1.2: only the context marginal of the
    /// training data matters). Weights must be non-negative and sum to 1.
    /// </summary>
    public FiniteEcology WithContextWeights(IReadOnlyList<double> contextWeights)
    {
        ArgumentNullException.ThrowIfNull(contextWeights);
        var d = contextWeights.ToArray();
        Validate.Distribution(d, contexts.Length, "The context weights", nameof(contextWeights));
        return new FiniteEcology(worlds, priors, contexts, d, vocabulary, next, words);
    }

    /// <summary>The same ecology with another prior over worlds (strictly positive, summing to 1).</summary>
    public FiniteEcology WithPriors(IReadOnlyList<double> worldPriors)
    {
        ArgumentNullException.ThrowIfNull(worldPriors);
        var p = worldPriors.ToArray();
        Validate.Distribution(p, worlds.Length, "The world prior", nameof(worldPriors));
        for (int w = 0; w < p.Length; w++)
            if (p[w] <= 0)
                throw new ArgumentException($"The prior of world '{worlds[w]}' (index {w}) is {Validate.Num(p[w])}; every world needs a strictly positive prior.", nameof(worldPriors));
        return new FiniteEcology(worlds, p, contexts, weights, vocabulary, next, words);
    }

    /// <summary>
    /// The mixture <c>μ_α = (1 − α) μ0 + α ν</c> of two ecologies over the same worlds, priors and vocabulary
    /// (task-ecology paper Prop 15 and Prop 47; spec §4.3 <c>Mixture</c>): the contexts of both, concatenated, with
    /// weights <c>(1 − α) d0</c> and <c>α d1</c>. Context names that occur in both get the prefixes "0:" and "1:". The
    /// mixture has <see cref="ContextWords"/> when both have them and no word occurs in both.
    /// </summary>
    /// <param name="first">μ0, weighted 1 − α.</param>
    /// <param name="second">ν, weighted α.</param>
    /// <param name="alpha">Injection weight α ∈ [0, 1].</param>
    public static FiniteEcology Mixture(FiniteEcology first, FiniteEcology second, double alpha)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!double.IsFinite(alpha) || alpha < 0 || alpha > 1)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"The mixture weight alpha = {Validate.Num(alpha)} must lie in [0, 1].");
        if (!first.worlds.SequenceEqual(second.worlds, StringComparer.Ordinal))
            throw new ArgumentException($"Cannot mix ecologies over different worlds ({string.Join(", ", first.worlds)} vs {string.Join(", ", second.worlds)}).", nameof(second));
        if (!first.vocabulary.SequenceEqual(second.vocabulary, StringComparer.Ordinal))
            throw new ArgumentException($"Cannot mix ecologies with different vocabularies ({string.Join(", ", first.vocabulary)} vs {string.Join(", ", second.vocabulary)}).", nameof(second));
        for (int w = 0; w < first.worlds.Length; w++)
            if (Math.Abs(first.priors[w] - second.priors[w]) > Tolerances.SumTolerance)
                throw new ArgumentException($"Cannot mix ecologies with different priors: world '{first.worlds[w]}' has prior {Validate.Num(first.priors[w])} vs {Validate.Num(second.priors[w])}.", nameof(second));
        int nw = first.worlds.Length, nv = first.vocabulary.Length, c0 = first.contexts.Length, c1 = second.contexts.Length;
        var shared = first.contexts.Intersect(second.contexts, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var names = first.contexts.Select(c => shared.Contains(c) ? "0:" + c : c)
            .Concat(second.contexts.Select(c => shared.Contains(c) ? "1:" + c : c)).ToArray();
        var d = first.weights.Select(v => (1 - alpha) * v).Concat(second.weights.Select(v => alpha * v)).ToArray();
        var flat = new double[nw * (c0 + c1) * nv];
        for (int w = 0; w < nw; w++)
        {
            first.next.AsSpan(w * c0 * nv, c0 * nv).CopyTo(flat.AsSpan(w * (c0 + c1) * nv));
            second.next.AsSpan(w * c1 * nv, c1 * nv).CopyTo(flat.AsSpan((w * (c0 + c1) + c0) * nv));
        }
        Validate.Names(names, "context", nameof(second));
        int[][]? mixedWords = null;
        if (first.words is not null && second.words is not null)
        {
            var all = first.words.Concat(second.words).ToArray();
            if (all.Select(WordKey).Distinct(StringComparer.Ordinal).Count() == all.Length) mixedWords = all;
        }
        return new FiniteEcology(first.worlds, first.priors, names, d, first.vocabulary, flat, mixedWords);
    }

    /// <inheritdoc />
    public override string ToString() => $"FiniteEcology ({worlds.Length} worlds, {contexts.Length} contexts, {vocabulary.Length} tokens)";

    /// <summary>
    /// The same ecology with its weight restricted to the contexts of length <paramref name="shortest"/>..<paramref name="longest"/>
    /// (tokens): every length in that range gets weight 1 / (number of lengths) and the words of one length keep their
    /// weights relative to each other; contexts of other lengths get weight 0 (they stay in the ecology). Needs
    /// <see cref="ContextWords"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The contexts are names, not words.</exception>
    /// <exception cref="ArgumentException">The range is empty, or a length in it has no context of positive weight.</exception>
    public FiniteEcology WithContextLengths(int shortest, int longest)
    {
        if (words is null)
            throw new InvalidOperationException("The ecology's contexts are names, not token words, so they have no length; build it with FromProcesses or give Create its context words.");
        int maxLength = words.Max(u => u.Length);
        if (shortest < 0 || longest < shortest || longest > maxLength)
            throw new ArgumentException($"Context lengths {shortest}..{longest} are not within the ecology's 0..{maxLength}.", nameof(longest));
        var perLength = new double[maxLength + 1];
        for (int c = 0; c < words.Length; c++) perLength[words[c].Length] += weights[c];
        for (int l = shortest; l <= longest; l++)
            if (!(perLength[l] > 0))
                throw new ArgumentException($"No context of length {l} has positive weight, so the lengths {shortest}..{longest} cannot be weighted equally.", nameof(shortest));
        int count = longest - shortest + 1;
        var d = new double[words.Length];
        for (int c = 0; c < d.Length; c++)
        {
            int l = words[c].Length;
            if (l >= shortest && l <= longest) d[c] = weights[c] / perLength[l] / count;
        }
        return new FiniteEcology(worlds, priors, contexts, d, vocabulary, next, words);
    }

    internal static FiniteEcology CreateTrusted(string[] worlds, double[] priors, string[] contexts, double[] weights, string[] vocabulary, double[] next, int[][]? words)
        => new(worlds, priors, contexts, weights, vocabulary, next, words);

    private static string WordKey(int[] word) => string.Join(",", word);

    private static int[][] CheckWords(IReadOnlyList<IReadOnlyList<int>> words, IReadOnlyList<string> contexts, int vocabulary, string paramName)
    {
        if (words.Count != contexts.Count)
            throw new ArgumentException($"{words.Count} context words are given for {contexts.Count} contexts.", paramName);
        var result = new int[words.Count][];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < words.Count; c++)
        {
            var word = words[c] ?? throw new ArgumentException($"The word of context '{contexts[c]}' (index {c}) is null.", paramName);
            result[c] = word.ToArray();
            for (int k = 0; k < result[c].Length; k++)
                if ((uint)result[c][k] >= (uint)vocabulary)
                    throw new ArgumentException($"Token {result[c][k]} at position {k} of the word of context '{contexts[c]}' (index {c}) is outside the vocabulary of {vocabulary} tokens.", paramName);
            if (!seen.TryAdd(WordKey(result[c]), c))
                throw new ArgumentException($"Contexts '{contexts[seen[WordKey(result[c])]]}' and '{contexts[c]}' have the same word; context words must be distinct.", paramName);
        }
        return result;
    }

    private static int IndexOf(string[] names, string name, string what)
    {
        int i = Array.IndexOf(names, name);
        if (i < 0) throw new ArgumentException($"Unknown {what} '{name}'. Known: {string.Join(", ", names.Take(20))}{(names.Length > 20 ? ", …" : "")}.", nameof(name));
        return i;
    }
}
