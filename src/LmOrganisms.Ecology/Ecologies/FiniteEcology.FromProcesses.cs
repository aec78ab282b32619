using LmOrganisms.Ecology;

namespace LmOrganisms;

public sealed partial class FiniteEcology
{
    /// <summary>
    /// The exact finite ecology whose worlds are hidden-Markov processes (task-ecology paper §1.2 applied to
    /// processes): world w is process w with prior π(w); the contexts are all words of length 0..<paramref name="maxContextLength"/>
    /// over the shared alphabet (shortlex order; the empty word is named "ε"); the next-token law of world w after
    /// context c is the exact predictive distribution <c>η_c T[v] 1</c> with <c>η_c</c> the belief after c, started
    /// from the process's stationary distribution (<see cref="ProcessWords"/>'s enumeration, run on all worlds at once).
    /// <see cref="ContextWords"/> holds each context's tokens; the names are for display. This is the bridge that lets the exact task-ecology theory be
    /// applied to the worlds transformers are trained on.
    /// </summary>
    /// <param name="processes">The worlds; they must share the alphabet (same symbols in the same order) and have distinct names.</param>
    /// <param name="maxContextLength">Longest context L ≥ 0.</param>
    /// <param name="priors">π(w) &gt; 0, summing to 1; null for uniform.</param>
    /// <param name="law">Context weights; see <see cref="ContextLaw"/>.</param>
    /// <param name="impossible">What to do with contexts impossible in some world.</param>
    public static FiniteEcology FromProcesses(IReadOnlyList<HiddenMarkovProcess> processes, int maxContextLength,
        IReadOnlyList<double>? priors = null, ContextLaw law = ContextLaw.Pooled, ImpossibleContexts impossible = ImpossibleContexts.Exclude)
    {
        ArgumentNullException.ThrowIfNull(processes);
        if (processes.Count == 0) throw new ArgumentException("At least one process (world) is required.", nameof(processes));
        ArgumentOutOfRangeException.ThrowIfNegative(maxContextLength);
        var names = processes.Select((p, i) => p?.Name ?? throw new ArgumentException($"Process {i} is null.", nameof(processes))).ToArray();
        Validate.Names(names, "world (process)", nameof(processes));
        var alphabet = processes[0].Alphabet.ToArray();
        for (int i = 1; i < processes.Count; i++)
            if (!processes[i].Alphabet.SequenceEqual(alphabet, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"Process '{processes[i].Name}' has alphabet ({string.Join(", ", processes[i].Alphabet)}), but '{processes[0].Name}' has ({string.Join(", ", alphabet)}); worlds must share the alphabet.",
                    nameof(processes));
        var p = priors?.ToArray() ?? Enumerable.Repeat(1.0 / processes.Count, processes.Count).ToArray();
        Validate.Distribution(p, processes.Count, "The world prior", nameof(priors));
        for (int w = 0; w < p.Length; w++)
            if (p[w] <= 0)
                throw new ArgumentException($"The prior of world '{names[w]}' (index {w}) is {Validate.Num(p[w])}; every world needs a strictly positive prior.", nameof(priors));

        int nx = alphabet.Length, nw = processes.Count;
        double total = 0;
        for (int l = 0; l <= maxContextLength; l++) total += Math.Pow(nx, l);
        if (total > ProcessWords.MaxCount)
            throw new ArgumentOutOfRangeException(nameof(maxContextLength), maxContextLength,
                $"Words of length 0..{maxContextLength} over {nx} symbols are {total:G6} contexts, more than ProcessWords.MaxCount = {ProcessWords.MaxCount:N0}.");

        var contextNames = new List<string>();
        var contextWords = new List<int[]>();
        var weights = new List<double>();
        var laws = new List<double>(); // appended per context: nw * nx
        var row = new double[nw * nx];
        for (int length = 0; length <= maxContextLength; length++)
        {
            WordTree.Walk(processes, length, (word, probabilities, beliefs) =>
            {
                // Pooled weight Σ_w π(w) Pr_w(c); next-token law P_w(v | c) = η_w(c) T_w[v] 1 from each world's belief.
                double pooled = 0;
                for (int w = 0, offset = 0; w < nw; offset += processes[w].StateCount, w++)
                {
                    pooled += p[w] * probabilities[w];
                    processes[w].NextTokenLaw(beliefs.Slice(offset, processes[w].StateCount), row.AsSpan(w * nx, nx));
                }
                contextNames.Add(ContextName(alphabet, word));
                contextWords.Add(word.ToArray());
                weights.Add(pooled);
                laws.AddRange(row);
            }, impossible == ImpossibleContexts.Throw
                ? (prefix, w) => throw new ArgumentException(
                    $"Context '{ContextName(alphabet, prefix)}' has probability 0 in world '{processes[w].Name}', so its next-token law is undefined.",
                    nameof(impossible))
                : null);
        }
        if (contextNames.Count == 0)
            throw new ArgumentException("No context is possible in every world; the ecology would be empty.", nameof(processes));

        var d = weights.ToArray();
        if (law == ContextLaw.Uniform)
            Array.Fill(d, 1.0 / d.Length);
        else
        {
            var perLength = new double[maxContextLength + 1];
            for (int c = 0; c < d.Length; c++) perLength[contextWords[c].Length] += d[c];
            int nonEmpty = perLength.Count(v => v > 0);
            for (int c = 0; c < d.Length; c++) d[c] = d[c] / perLength[contextWords[c].Length] / nonEmpty;
        }
        int nc = contextNames.Count;
        var flat = new double[nw * nc * nx];
        for (int c = 0; c < nc; c++)
            for (int w = 0; w < nw; w++)
                for (int v = 0; v < nx; v++)
                    flat[(w * nc + c) * nx + v] = laws[(c * nw + w) * nx + v];
        return CreateTrusted(names, p, contextNames.ToArray(), d, alphabet, flat, contextWords.ToArray());
    }

    /// <summary>The display name of a context word: "ε" for the empty word, else the symbols concatenated when every
    /// symbol is one character, otherwise joined by single spaces.</summary>
    private static string ContextName(string[] alphabet, ReadOnlySpan<int> word)
    {
        if (word.Length == 0) return "ε";
        bool single = alphabet.All(a => a.Length == 1);
        var symbols = new string[word.Length];
        for (int k = 0; k < word.Length; k++) symbols[k] = alphabet[word[k]];
        return string.Join(single ? "" : " ", symbols);
    }
}
