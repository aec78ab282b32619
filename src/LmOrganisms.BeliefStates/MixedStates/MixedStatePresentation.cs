using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// The mixed-state presentation (MSP) of a hidden-Markov process up to a depth: the distinct beliefs reachable by
/// positive-probability words of length ≤ <see cref="MaxDepth"/> from an initial belief (default the stationary
/// distribution), merged when they agree within <see cref="Tolerance"/> in max-norm, with the update edges between them.
/// Belief-geometry spec §2.1, §3.2 and checklist items 9–10.
/// </summary>
/// <remarks>
/// <para>Canonical order: states are numbered breadth-first by the shortest word reaching them, words in shortlex order
/// (shorter first, then by symbol index), a state taking the index of its first occurrence; state 0 is the initial
/// belief (the empty word). This is the spec's η^w naming.</para>
/// <para>A belief that merges with an earlier state is not expanded again, so memory is proportional to the number of
/// distinct beliefs, not to the number of words. Merging uses hashing of quantised coordinates (no pairwise search).
/// If a whole depth adds no new state the presentation is <see cref="IsClosed"/>: every state has all its edges, the
/// MSP is a finite unifilar process and its recurrent part is the ε-machine (<see cref="EpsilonMachine"/>).</para>
/// </remarks>
public sealed class MixedStatePresentation
{
    private readonly BeliefIndex index;
    private readonly int count;
    private readonly int expanded;        // states 0..expanded−1 have their edges
    private readonly int[] depth;
    private readonly int[] parent;
    private readonly int[] parentSymbol;
    private readonly double[] wordProbability;
    private readonly int[] next;          // [state * X + x], −1 when Pr = 0; valid for expanded states
    private readonly double[] edge;       // [state * X + x] = Pr(x | state); valid for expanded states
    private readonly int[] countsPerDepth;
    private readonly Lazy<int[]> recurrent;

    private MixedStatePresentation(HiddenMarkovProcess process, double tolerance, int maxDepth, BeliefIndex index,
        Growth g, bool closed, int builtDepth)
    {
        Process = process;
        Tolerance = tolerance;
        MaxDepth = maxDepth;
        this.index = index;
        count = index.Count;
        expanded = g.Expanded;
        depth = g.Depth;
        parent = g.Parent;
        parentSymbol = g.ParentSymbol;
        wordProbability = g.WordProbability;
        next = g.Next;
        edge = g.Edge;
        IsClosed = closed;
        BuiltDepth = builtDepth;
        countsPerDepth = new int[builtDepth + 1];
        for (int s = 0; s < count; s++) countsPerDepth[depth[s]]++;
        recurrent = new Lazy<int[]>(ComputeRecurrent);
    }

    // Growable storage used while building (arrays doubled; never copied into the result).
    private sealed class Growth
    {
        public int[] Depth = new int[1024], Parent = new int[1024], ParentSymbol = new int[1024];
        public double[] WordProbability = new double[1024];
        public int[] Next = [];
        public double[] Edge = [];
        public int Expanded;

        public void EnsureStates(int n)
        {
            if (n <= Depth.Length) return;
            int size = Math.Max(n, Depth.Length * 2);
            Array.Resize(ref Depth, size); Array.Resize(ref Parent, size); Array.Resize(ref ParentSymbol, size); Array.Resize(ref WordProbability, size);
        }

        public void EnsureEdges(int n)
        {
            if (n <= Next.Length) return;
            int size = Math.Max(n, Math.Max(1024, Next.Length * 2));
            Array.Resize(ref Next, size); Array.Resize(ref Edge, size);
        }
    }

    /// <summary>The generating process.</summary>
    public HiddenMarkovProcess Process { get; }

    /// <summary>Max-norm tolerance within which two beliefs are the same mixed state.</summary>
    public double Tolerance { get; }

    /// <summary>Requested depth (longest word length explored).</summary>
    public int MaxDepth { get; }

    /// <summary>
    /// Deepest level that produced a new state (≤ <see cref="MaxDepth"/>). When <see cref="IsClosed"/>, the level after
    /// it produced nothing new.
    /// </summary>
    public int BuiltDepth { get; }

    /// <summary>True when a whole depth produced no new belief: the MSP is finite and every state has all its edges.</summary>
    public bool IsClosed { get; }

    /// <summary>Number of distinct mixed states found.</summary>
    public int Count => count;

    /// <summary>Number of new distinct states first reached at each depth 0..<see cref="BuiltDepth"/>.</summary>
    public IReadOnlyList<int> CountsPerDepth => countsPerDepth;

    /// <summary>Number of distinct states reached by words of length ≤ d, for d = 0..<see cref="BuiltDepth"/> (spec item 9: RRXOR 1, 3, 7, 15, 27, 34, 36).</summary>
    public IReadOnlyList<int> CumulativeCountsPerDepth
    {
        get
        {
            var c = new int[countsPerDepth.Length];
            for (int d = 0, s = 0; d < c.Length; d++) c[d] = s += countsPerDepth[d];
            return c;
        }
    }

    /// <summary>The belief of mixed state <paramref name="state"/> (a distribution over the process's hidden states).</summary>
    public ReadOnlySpan<double> Belief(int state)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)state, (uint)Count, nameof(state));
        return index[state];
    }

    /// <summary>All beliefs, row-major <c>[state, hiddenState]</c> in canonical order (a copy).</summary>
    public double[] Beliefs() => index.Values.AsSpan(0, Count * Process.StateCount).ToArray();

    /// <summary>Length of the shortest word reaching the state (its depth).</summary>
    public int Depth(int state) => depth[state];

    /// <summary>The shortest (shortlex-first) word reaching the state, as token indices.</summary>
    public int[] Word(int state)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)state, (uint)Count, nameof(state));
        var w = new int[depth[state]];
        for (int s = state, k = w.Length - 1; k >= 0; s = parent[s], k--) w[k] = parentSymbol[s];
        return w;
    }

    /// <summary>The state's name η^w as its shortest word (symbols concatenated, or comma-separated when a symbol is longer than one character); "∅" for the empty word.</summary>
    public string Name(int state)
    {
        var w = Word(state);
        if (w.Length == 0) return "∅";
        bool single = Process.Alphabet.All(a => a.Length == 1);
        return string.Join(single ? "" : ",", w.Select(x => Process.Alphabet[x]));
    }

    /// <summary>Probability of the state's shortest word from the initial belief: <c>η0 T[w1]…T[wL] 1</c>.</summary>
    public double WordProbability(int state) => wordProbability[state];

    /// <summary>True when the state's outgoing edges were computed (its depth is below <see cref="MaxDepth"/>, or the MSP is closed).</summary>
    public bool IsExpanded(int state) => state < expanded;

    /// <summary>Pr(symbol | state) = <c>η T[x] 1</c>; NaN when the state was not expanded.</summary>
    public double SymbolProbability(int state, int symbol) => state < expanded ? edge[state * Process.AlphabetSize + symbol] : double.NaN;

    /// <summary>The state reached from <paramref name="state"/> by <paramref name="symbol"/>; −1 when the symbol has probability 0 or the state was not expanded.</summary>
    public int NextState(int state, int symbol) => state < expanded ? next[state * Process.AlphabetSize + symbol] : -1;

    /// <summary>All edges with positive probability, ordered by source state then symbol.</summary>
    public IReadOnlyList<MspTransition> Transitions()
    {
        int nx = Process.AlphabetSize;
        var list = new List<MspTransition>();
        for (int s = 0; s < expanded; s++)
            for (int x = 0; x < nx; x++)
                if (next[s * nx + x] >= 0) list.Add(new MspTransition(s, x, edge[s * nx + x], next[s * nx + x]));
        return list;
    }

    /// <summary>
    /// Recurrent states of a closed MSP (the states of its closed communicating classes), ascending. Empty when the MSP is
    /// not closed. For RRXOR: 17, 19, 28, 30, 31 (the 5 delta beliefs).
    /// </summary>
    public IReadOnlyList<int> RecurrentStates => recurrent.Value;

    /// <summary>True when the state is recurrent (see <see cref="RecurrentStates"/>).</summary>
    public bool IsRecurrent(int state) => Array.BinarySearch(recurrent.Value, state) >= 0;

    /// <summary>
    /// Builds the MSP from the stationary distribution up to <paramref name="maxDepth"/> (stopping early when closed),
    /// merging beliefs within <paramref name="tolerance"/> (max-norm; default 1e-9, spec §3.8).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative depth or non-positive tolerance.</exception>
    public static MixedStatePresentation Build(HiddenMarkovProcess process, int maxDepth, double tolerance = 1e-9,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Build(process, process.StationaryDistribution.ToArray(), maxDepth, tolerance, progress, cancellationToken);
    }

    /// <summary>
    /// Builds the MSP from an arbitrary initial belief (for example a delta on one hidden state) up to
    /// <paramref name="maxDepth"/>; see <see cref="Build(HiddenMarkovProcess, int, double, IProgress{int}?, CancellationToken)"/>.
    /// <paramref name="progress"/> receives each completed depth.
    /// </summary>
    public static MixedStatePresentation Build(HiddenMarkovProcess process, ReadOnlySpan<double> initial, int maxDepth, double tolerance = 1e-9,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Build(process, initial, maxDepth, tolerance, int.MaxValue, progress, cancellationToken);

    // maxStates: stop after the first depth at which more states exist (the result is then open, MaxDepth = that depth).
    private static MixedStatePresentation Build(HiddenMarkovProcess process, ReadOnlySpan<double> initial, int maxDepth, double tolerance,
        int maxStates, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        Check.Belief(process, initial, nameof(initial));
        int s = process.StateCount, nx = process.AlphabetSize;
        var index = new BeliefIndex(s, tolerance);
        var g = new Growth();
        index.Add(initial);
        g.Depth[0] = 0; g.Parent[0] = -1; g.ParentSymbol[0] = -1; g.WordProbability[0] = 1;
        var v = new double[s];
        int start = 0, end = 1, built = 0;
        bool closed = false;
        for (int d = 0; d < maxDepth; d++)
        {
            g.EnsureEdges(end * nx);
            for (int i = start; i < end; i++)
            {
                if ((i & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
                for (int x = 0; x < nx; x++)
                {
                    double z = process.UpdateBelief(index[i], x, v);
                    int k = i * nx + x;
                    if (!(z > 0)) { g.Next[k] = -1; g.Edge[k] = 0; continue; }
                    int j = index.FindOrAdd(v, out bool added);
                    if (added)
                    {
                        g.EnsureStates(j + 1);
                        g.Depth[j] = d + 1; g.Parent[j] = i; g.ParentSymbol[j] = x; g.WordProbability[j] = g.WordProbability[i] * z;
                    }
                    g.Next[k] = j; g.Edge[k] = z;
                }
            }
            g.Expanded = end;
            progress?.Report(d + 1);
            if (index.Count == end) { closed = true; break; }
            built = d + 1;
            start = end; end = index.Count;
            if (end > maxStates) { maxDepth = d + 1; break; }
        }
        return new MixedStatePresentation(process, tolerance, maxDepth, index, g, closed, built);
    }
    /// <summary>
    /// Builds the MSP deep enough to decide whether it is finite: stops as soon as a depth adds no state (closed) or
    /// <paramref name="maxStates"/> states are exceeded or <paramref name="maxDepth"/> is reached (then not closed).
    /// </summary>
    public static MixedStatePresentation TryClose(HiddenMarkovProcess process, int maxDepth = 64, int maxStates = 100_000, double tolerance = 1e-9,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        return Build(process, process.StationaryDistribution.ToArray(), maxDepth, tolerance, maxStates, null, cancellationToken);
    }

    /// <summary>
    /// Distribution over mixed states after L symbols from the initial belief, for L = 0..<paramref name="maxLength"/>:
    /// μ_0 = δ_0 and μ_L(t) = Σ_s μ_{L−1}(s) Pr(x | s) [next(s, x) = t]. Requires the states carrying mass before the last
    /// step to be expanded: <paramref name="maxLength"/> ≤ <see cref="MaxDepth"/> or a closed MSP.
    /// </summary>
    public IEnumerable<double[]> StateDistributions(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (!IsClosed && maxLength > MaxDepth)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"The MSP of '{Process.Name}' is open and built to depth {MaxDepth}; state distributions are exact only up to L = {MaxDepth}.");
        return Iterate(maxLength);
    }

    private IEnumerable<double[]> Iterate(int maxLength)
    {
        var mu = new double[Count];
        mu[0] = 1;
        yield return (double[])mu.Clone();
        for (int l = 1; l <= maxLength; l++)
        {
            mu = Step(mu);
            yield return (double[])mu.Clone();
        }
    }

    internal double[] Step(double[] mu)
    {
        int nx = Process.AlphabetSize;
        var nu = new double[Count];
        for (int s = 0; s < mu.Length; s++)
        {
            double m = mu[s];
            if (m == 0) continue;
            if (s >= expanded)
                throw new InvalidOperationException($"Mixed state {s} carries probability but was not expanded (MSP built to depth {MaxDepth}).");
            for (int x = 0; x < nx; x++)
            {
                int t = next[s * nx + x];
                if (t >= 0) nu[t] += m * edge[s * nx + x];
            }
        }
        return nu;
    }

    /// <summary>
    /// The closed MSP as a unifilar hidden-Markov process over all its mixed states (transient ones included), state
    /// names η^w (<see cref="Name"/>). Started in state 0 it generates the same words with the same probabilities as the
    /// original process started from the MSP's initial belief (spec item 10).
    /// </summary>
    /// <exception cref="InvalidOperationException">The MSP is not closed.</exception>
    public HiddenMarkovProcess ToProcess() => Subprocess(Enumerable.Range(0, Count).ToArray(), Process.Name + "-msp");

    /// <summary>
    /// The recurrent part of a closed MSP as a process: the ε-machine (causal states) when distinct beliefs of the
    /// generator predict distinct futures (true for minimal generators such as the catalog's). Its state count is the
    /// number of causal states and the entropy of its stationary law the statistical complexity C_μ.
    /// </summary>
    /// <exception cref="InvalidOperationException">The MSP is not closed, or its recurrent states form more than one closed class.</exception>
    public HiddenMarkovProcess EpsilonMachine()
    {
        var rec = recurrent.Value;
        if (!IsClosed)
            throw new InvalidOperationException($"The MSP of '{Process.Name}' did not close within depth {MaxDepth} ({Count} states at tolerance {Tolerance}); no finite ε-machine was found.");
        if (RecurrentClassCount > 1)
            throw new InvalidOperationException($"The MSP of '{Process.Name}' has {RecurrentClassCount} closed classes; the process is not ergodic.");
        return Subprocess(rec.ToArray(), Process.Name + "-epsilon-machine");
    }

    /// <summary>Number of closed communicating classes of a closed MSP (1 for an ergodic process); 0 when not closed.</summary>
    public int RecurrentClassCount
    {
        get
        {
            _ = recurrent.Value;
            return recurrentClasses;
        }
    }

    private int recurrentClasses;

    private HiddenMarkovProcess Subprocess(int[] states, string name)
    {
        if (!IsClosed)
            throw new InvalidOperationException($"The MSP of '{Process.Name}' did not close within depth {MaxDepth}; it has no finite presentation as a process.");
        int nx = Process.AlphabetSize, n = states.Length;
        var local = new Dictionary<int, int>();
        for (int k = 0; k < n; k++) local[states[k]] = k;
        var t = new double[nx][][];
        for (int x = 0; x < nx; x++)
        {
            t[x] = new double[n][];
            for (int k = 0; k < n; k++)
            {
                t[x][k] = new double[n];
                int to = next[states[k] * nx + x];
                if (to < 0) continue;
                if (!local.TryGetValue(to, out int lt))
                    throw new InvalidOperationException($"Mixed state {states[k]} leaves the selected states on symbol '{Process.Alphabet[x]}'.");
                t[x][k][lt] = edge[states[k] * nx + x];
            }
        }
        return HiddenMarkovProcess.Create(name, Process.Alphabet, states.Select(Name).ToArray(), t);
    }

    private int[] ComputeRecurrent()
    {
        if (!IsClosed) return [];
        int n = Count, nx = Process.AlphabetSize;
        // Tarjan's strongly connected components, iterative.
        var idx = new int[n]; var low = new int[n]; var comp = new int[n];
        Array.Fill(idx, -1);
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var call = new Stack<(int v, int x)>();
        int counter = 0, comps = 0;
        for (int root = 0; root < n; root++)
        {
            if (idx[root] >= 0) continue;
            call.Push((root, 0));
            idx[root] = low[root] = counter++; stack.Push(root); onStack[root] = true;
            while (call.Count > 0)
            {
                var (v, x) = call.Pop();
                if (x < nx)
                {
                    call.Push((v, x + 1));
                    int w = next[v * nx + x];
                    if (w < 0) continue;
                    if (idx[w] < 0)
                    {
                        idx[w] = low[w] = counter++; stack.Push(w); onStack[w] = true;
                        call.Push((w, 0));
                    }
                    else if (onStack[w]) low[v] = Math.Min(low[v], idx[w]);
                    continue;
                }
                if (low[v] == idx[v])
                {
                    int w;
                    do { w = stack.Pop(); onStack[w] = false; comp[w] = comps; } while (w != v);
                    comps++;
                }
                if (call.Count > 0) { var (u, _) = call.Peek(); low[u] = Math.Min(low[u], low[v]); }
            }
        }
        var leaves = new bool[comps];
        Array.Fill(leaves, true);
        for (int v = 0; v < n; v++)
            for (int x = 0; x < nx; x++)
            {
                int w = next[v * nx + x];
                if (w >= 0 && comp[w] != comp[v]) leaves[comp[v]] = false;
            }
        recurrentClasses = leaves.Count(b => b);
        return Enumerable.Range(0, n).Where(v => leaves[comp[v]]).ToArray();
    }
}
