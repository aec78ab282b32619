using LmOrganisms.Ecology;

namespace LmOrganisms;

public sealed partial class FiniteEcology
{
    /// <summary>Largest number of contexts <see cref="FromProcesses"/> enumerates (words of length 0..L).</summary>
    public const int MaxEnumeratedContexts = 1 << 22;

    /// <summary>
    /// The exact finite ecology whose worlds are hidden-Markov processes (task-ecology paper §1.2 applied to
    /// processes): world w is process w with prior π(w); the contexts are all words of length 0..<paramref name="maxContextLength"/>
    /// over the shared alphabet (shortlex order; the empty word is named "ε"); the next-token law of world w after
    /// context c is the exact predictive distribution <c>η_c T[v] 1</c> with <c>η_c</c> the belief after c, started
    /// from the process's stationary distribution. This is the bridge that lets the exact task-ecology theory be
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
        if (total > MaxEnumeratedContexts)
            throw new ArgumentOutOfRangeException(nameof(maxContextLength), maxContextLength,
                $"Words of length 0..{maxContextLength} over {nx} symbols are {total:G6} contexts, more than {MaxEnumeratedContexts}.");

        var contextNames = new List<string>();
        var weights = new List<double>();
        var laws = new List<double>(); // appended per context: nw * nx
        var lengths = new List<int>();
        // Depth-first over words in shortlex order per length: beliefs (unnormalised forward vectors) per world.
        var word = new int[maxContextLength];
        for (int length = 0; length <= maxContextLength; length++)
        {
            var alphas = new double[nw][];
            for (int w = 0; w < nw; w++) alphas[w] = processes[w].StationaryDistribution.ToArray();
            EnumerateWords(processes, alphabet, word, 0, length, alphas, p, impossible, contextNames, weights, laws, lengths);
        }
        if (contextNames.Count == 0)
            throw new ArgumentException("No context is possible in every world; the ecology would be empty.", nameof(processes));

        var d = weights.ToArray();
        if (law == ContextLaw.Uniform)
            Array.Fill(d, 1.0 / d.Length);
        else
        {
            var perLength = new double[maxContextLength + 1];
            for (int c = 0; c < d.Length; c++) perLength[lengths[c]] += d[c];
            int nonEmpty = perLength.Count(v => v > 0);
            for (int c = 0; c < d.Length; c++) d[c] = d[c] / perLength[lengths[c]] / nonEmpty;
        }
        int nc = contextNames.Count;
        var flat = new double[nw * nc * nx];
        for (int c = 0; c < nc; c++)
            for (int w = 0; w < nw; w++)
                for (int v = 0; v < nx; v++)
                    flat[(w * nc + c) * nx + v] = laws[(c * nw + w) * nx + v];
        return new FiniteEcology(names, p, contextNames.ToArray(), d, alphabet, flat);
    }

    private static void EnumerateWords(IReadOnlyList<HiddenMarkovProcess> processes, string[] alphabet, int[] word, int depth, int length,
        double[][] alphas, double[] priors, ImpossibleContexts impossible, List<string> names, List<double> weights, List<double> laws, List<int> lengths)
    {
        int nw = processes.Count, nx = alphabet.Length;
        if (depth == length)
        {
            double pooled = 0;
            var row = new double[nw * nx];
            for (int w = 0; w < nw; w++)
            {
                var a = alphas[w];
                double pw = 0;
                for (int i = 0; i < a.Length; i++) pw += a[i];
                if (pw <= 0)
                {
                    if (impossible == ImpossibleContexts.Throw)
                        throw new ArgumentException(
                            $"Context '{ContextName(alphabet, word, length)}' has probability 0 in world '{processes[w].Name}', so its next-token law is undefined.",
                            nameof(impossible));
                    return;
                }
                pooled += priors[w] * pw;
                var next = new double[a.Length];
                for (int x = 0; x < nx; x++)
                {
                    processes[w].StepUnnormalised(a, x, next);
                    double s = 0;
                    for (int i = 0; i < next.Length; i++) s += next[i];
                    row[w * nx + x] = s / pw;
                }
            }
            names.Add(ContextName(alphabet, word, length));
            weights.Add(pooled);
            laws.AddRange(row);
            lengths.Add(length);
            return;
        }
        for (int x = 0; x < nx; x++)
        {
            word[depth] = x;
            var stepped = new double[nw][];
            for (int w = 0; w < nw; w++)
            {
                stepped[w] = new double[alphas[w].Length];
                processes[w].StepUnnormalised(alphas[w], x, stepped[w]);
            }
            EnumerateWords(processes, alphabet, word, depth + 1, length, stepped, priors, impossible, names, weights, laws, lengths);
        }
    }

    private static string ContextName(string[] alphabet, int[] word, int length)
    {
        if (length == 0) return "ε";
        bool single = alphabet.All(a => a.Length == 1);
        return string.Join(single ? "" : " ", word.Take(length).Select(x => alphabet[x]));
    }
}
