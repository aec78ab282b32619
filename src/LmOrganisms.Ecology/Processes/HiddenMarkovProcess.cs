using LmOrganisms.Ecology;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// An edge-emitting hidden-Markov process given by its labeled transition tensor
/// <c>T[x][i][j] = Pr(emit symbol x and move to state j | in state i)</c>; summed over x and j every row is 1.
/// Immutable. Belief-geometry paper (arXiv 2405.15943) §2.1; file format in DESIGN.md.
/// </summary>
/// <remarks>
/// Create one with <see cref="Create(string, IReadOnlyList{string}, IReadOnlyList{string}, double[][][])"/>, <see cref="Builder"/>, <see cref="FromStateEmission"/>, the catalog
/// <see cref="Processes"/> or <see cref="Load"/>. Row-vector conventions: a state distribution is a row vector
/// and the probability of a word <c>x1..xL</c> from the initial law η is <c>η T[x1]…T[xL] 1</c>.
/// </remarks>
public sealed partial class HiddenMarkovProcess
{
    private readonly string[] alphabet;
    private readonly string[] states;
    private readonly double[][] matrices; // matrices[x][i * S + j]
    private readonly Lazy<double[]> stationary;
    private readonly Lazy<ProcessSampler> sampler;
    private readonly Lazy<double[]> rowSums; // [x * S + i] = Σ_j T[x][i][j]

    private HiddenMarkovProcess(string name, string[] alphabet, string[] states, double[][] matrices)
    {
        Name = name;
        this.alphabet = alphabet;
        this.states = states;
        this.matrices = matrices;
        IsUnifilar = ComputeUnifilar();
        stationary = new Lazy<double[]>(ComputeStationary);
        sampler = new Lazy<ProcessSampler>(() => new ProcessSampler(this));
        rowSums = new Lazy<double[]>(ComputeRowSums);
    }

    /// <summary>Name of the process (for example "mess3").</summary>
    public string Name { get; }

    /// <summary>Symbol names; a token is the index of its symbol in this list.</summary>
    public IReadOnlyList<string> Alphabet => alphabet;

    /// <summary>Hidden-state names; state i is row/column i of every transition matrix.</summary>
    public IReadOnlyList<string> States => states;

    /// <summary>Number of symbols |X|.</summary>
    public int AlphabetSize => alphabet.Length;

    /// <summary>Number of hidden states |S|.</summary>
    public int StateCount => states.Length;

    /// <summary>
    /// True when every (state, symbol) pair has at most one successor state with positive probability, so the
    /// state after a word is determined by the start state and the word (Crutchfield's unifilarity).
    /// </summary>
    public bool IsUnifilar { get; }

    /// <summary><c>T[symbol][from][to]</c> = Pr(emit symbol, go to <paramref name="to"/> | in <paramref name="from"/>).</summary>
    public double this[int symbol, int from, int to] => matrices[symbol][from * states.Length + to];

    /// <summary>The labeled matrix of one symbol, row-major (<c>[from * StateCount + to]</c>), read-only.</summary>
    public ReadOnlySpan<double> SymbolMatrix(int symbol) => matrices[symbol];

    /// <summary>A copy of the labeled matrix <c>T[symbol]</c> as a MathNet matrix (rows = from, columns = to).</summary>
    public Matrix<double> TransitionMatrix(int symbol)
    {
        int s = states.Length;
        return Matrix<double>.Build.Dense(s, s, (i, j) => matrices[symbol][i * s + j]);
    }

    /// <summary>The state-to-state transition matrix <c>T = Σ_x T[x]</c> (row-stochastic), as a MathNet matrix.</summary>
    public Matrix<double> StateTransitionMatrix()
    {
        int s = states.Length;
        var t = Matrix<double>.Build.Dense(s, s);
        foreach (var m in matrices)
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++)
                    t[i, j] += m[i * s + j];
        return t;
    }

    /// <summary>A copy of the transition tensor as <c>[symbol][from][to]</c> jagged arrays (the JSON layout).</summary>
    public double[][][] ToArray()
    {
        int s = states.Length;
        var result = new double[alphabet.Length][][];
        for (int x = 0; x < alphabet.Length; x++)
        {
            result[x] = new double[s][];
            for (int i = 0; i < s; i++)
                result[x][i] = matrices[x].AsSpan(i * s, s).ToArray();
        }
        return result;
    }

    /// <summary>
    /// The stationary distribution π of the hidden-state chain: the unique row vector with <c>π T = π</c>, <c>Σ π = 1</c>,
    /// found by a linear solve (not by picking an eigenvector). Throws <see cref="InvalidOperationException"/> when it is
    /// not unique (the state chain has more than one closed class). Entries below 1e-15 in magnitude are set to 0.
    /// </summary>
    public IReadOnlyList<double> StationaryDistribution => stationary.Value;

    /// <summary>Index of a symbol by name; throws <see cref="ArgumentException"/> naming the unknown symbol.</summary>
    public int SymbolIndex(string symbol)
    {
        int i = Array.IndexOf(alphabet, symbol);
        if (i < 0)
            throw new ArgumentException(
                $"Symbol '{symbol}' is not in the alphabet of process '{Name}' ({string.Join(", ", alphabet)}).", nameof(symbol));
        return i;
    }

    /// <summary>Index of a hidden state by name; throws <see cref="ArgumentException"/> naming the unknown state.</summary>
    public int StateIndex(string state)
    {
        int i = Array.IndexOf(states, state);
        if (i < 0)
            throw new ArgumentException(
                $"State '{state}' is not a state of process '{Name}' ({string.Join(", ", states)}).", nameof(state));
        return i;
    }

    /// <summary>
    /// Encodes a word written as a string of single-character symbol names (for example "ABCA" for Mess3) into tokens.
    /// Throws when the alphabet has a symbol name that is not one character or the word has an unknown character.
    /// </summary>
    public int[] Encode(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var tokens = new int[word.Length];
        for (int t = 0; t < word.Length; t++)
        {
            int x = Array.FindIndex(alphabet, a => a.Length == 1 && a[0] == word[t]);
            if (x < 0)
                throw new ArgumentException(
                    $"Character '{word[t]}' at position {t} of \"{word}\" is not a one-character symbol of process '{Name}'.",
                    nameof(word));
            tokens[t] = x;
        }
        return tokens;
    }

    /// <summary>
    /// The symbols of <paramref name="tokens"/> for display: concatenated when every symbol of the alphabet is one
    /// character ("ABCA"), else joined by single spaces ("up down"); the inverse of <see cref="Encode"/> for
    /// one-character alphabets.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A token is outside the alphabet.</exception>
    public string Decode(ReadOnlySpan<int> tokens)
    {
        var symbols = new string[tokens.Length];
        for (int t = 0; t < tokens.Length; t++)
        {
            if ((uint)tokens[t] >= (uint)alphabet.Length)
                throw new ArgumentOutOfRangeException(nameof(tokens), $"Token {tokens[t]} at position {t} is outside the alphabet of size {alphabet.Length} of process '{Name}'.");
            symbols[t] = alphabet[tokens[t]];
        }
        return string.Join(alphabet.All(a => a.Length == 1) ? "" : " ", symbols);
    }

    /// <summary>
    /// Probability of a word from the stationary distribution: <c>π T[x1]…T[xL] 1</c> (the empty word has probability 1).
    /// </summary>
    public double WordProbability(ReadOnlySpan<int> word) => WordProbability(word, stationary.Value);

    /// <summary>Probability of a word from the initial state law <paramref name="initial"/>: <c>η T[x1]…T[xL] 1</c>.</summary>
    public double WordProbability(ReadOnlySpan<int> word, ReadOnlySpan<double> initial)
    {
        int s = states.Length;
        if (initial.Length != s)
            throw new ArgumentException($"The initial law has {initial.Length} entries; process '{Name}' has {s} states.", nameof(initial));
        Span<double> eta = s <= 64 ? stackalloc double[s] : new double[s];
        Span<double> next = s <= 64 ? stackalloc double[s] : new double[s];
        initial.CopyTo(eta);
        for (int t = 0; t < word.Length; t++)
        {
            int x = word[t];
            if ((uint)x >= (uint)alphabet.Length)
                throw new ArgumentOutOfRangeException(nameof(word), $"Token {x} at position {t} is outside the alphabet of size {alphabet.Length}.");
            StepUnnormalised(eta, x, next);
            next.CopyTo(eta);
        }
        double p = 0;
        foreach (var v in eta) p += v;
        return p;
    }

    /// <summary>Row-vector step <c>result = eta · T[symbol]</c> (no normalisation).</summary>
    public void StepUnnormalised(ReadOnlySpan<double> eta, int symbol, Span<double> result)
    {
        int s = states.Length;
        var m = matrices[symbol];
        result[..s].Clear();
        for (int i = 0; i < s; i++)
        {
            double e = eta[i];
            if (e == 0) continue;
            var row = m.AsSpan(i * s, s);
            for (int j = 0; j < s; j++) result[j] += e * row[j];
        }
    }

    /// <summary>
    /// The one belief update of the library (belief-geometry spec §2.1, paper Eq. 1): writes
    /// <c>η' = η T[x] / (η T[x] 1)</c> into <paramref name="next"/> and returns <c>Pr(x | η) = η T[x] 1</c>. When that
    /// probability is 0, <paramref name="next"/> holds the (all-zero) unnormalised product. No validation: a hot-loop
    /// kernel (the word enumeration, the belief filter and the mixed-state presentation all call it); the checked forms are
    /// <c>process.Update(belief, symbol)</c> and <c>process.BeliefAfter(word)</c> in BeliefStates.
    /// </summary>
    /// <param name="belief">η, a distribution over the states.</param>
    /// <param name="symbol">x, a token index.</param>
    /// <param name="next">Receives η' (at least <see cref="StateCount"/> entries; may not overlap <paramref name="belief"/>).</param>
    public double UpdateBelief(ReadOnlySpan<double> belief, int symbol, Span<double> next)
    {
        int s = states.Length;
        var m = matrices[symbol];
        double z;
        if (s == 3)
        {
            double a = belief[0], b = belief[1], c = belief[2];
            double na = a * m[0] + b * m[3] + c * m[6];
            double nb = a * m[1] + b * m[4] + c * m[7];
            double nc = a * m[2] + b * m[5] + c * m[8];
            z = na + nb + nc;
            next[0] = na; next[1] = nb; next[2] = nc;
        }
        else
        {
            StepUnnormalised(belief, symbol, next);
            z = 0;
            for (int j = 0; j < s; j++) z += next[j];
        }
        if (!(z > 0)) return z;
        double inv = 1 / z;
        for (int j = 0; j < s; j++) next[j] *= inv;
        return z;
    }

    /// <summary>
    /// The next-token law after a belief, <c>Pr(x | η) = η T[x] 1 = Σ_i η_i (Σ_j T[x][i][j])</c> for every symbol, into
    /// <paramref name="law"/> (at least <see cref="AlphabetSize"/> entries). No validation (see <see cref="UpdateBelief"/>).
    /// </summary>
    public void NextTokenLaw(ReadOnlySpan<double> belief, Span<double> law)
    {
        int s = states.Length;
        var sums = rowSums.Value;
        for (int x = 0; x < alphabet.Length; x++)
        {
            double total = 0;
            for (int i = 0; i < s; i++)
            {
                double e = belief[i];
                if (e == 0) continue;
                total += e * sums[x * s + i];
            }
            law[x] = total;
        }
    }

    /// <summary>
    /// Samples <paramref name="count"/> independent sequences of <paramref name="length"/> tokens, each starting from a
    /// hidden state drawn from the stationary distribution; each step draws (symbol, next state) jointly from
    /// <c>T[·][state][·]</c>. Reproducible bit for bit for a given <paramref name="seed"/>.
    /// </summary>
    public TokenBatch Sample(int count, int length, int seed) => sampler.Value.Sample(count, length, seed);

    /// <summary>
    /// Samples into a caller-owned buffer of <c>count × length</c> tokens (row-major), for allocation-free training
    /// loops. Same stream as <see cref="Sample(int, int, int)"/> for the same seed.
    /// </summary>
    public void SampleInto(Span<int> tokens, int count, int length, int seed) => sampler.Value.SampleInto(tokens, count, length, seed);

    /// <summary>
    /// Every positive-probability word of <paramref name="length"/> tokens from the stationary start, in lexicographic
    /// order, with its probability and, when <paramref name="beliefs"/> is true, the belief after it (see
    /// <see cref="ProcessWords"/>). Cost: proportional to the words' count × length.
    /// </summary>
    /// <exception cref="ArgumentException">More than <see cref="ProcessWords.MaxCount"/> words.</exception>
    public ProcessWords Words(int length, bool beliefs = false, CancellationToken cancellationToken = default) =>
        ProcessWords.Enumerate(this, length, beliefs, cancellationToken);

    /// <summary>
    /// Creates a process from a transition tensor <c>transitions[x][i][j]</c>, validating shapes, entries and row sums
    /// (within <see cref="Tolerances.SumTolerance"/>). Errors name the symbol, the row and the bad value.
    /// </summary>
    public static HiddenMarkovProcess Create(string name, IReadOnlyList<string> alphabet, IReadOnlyList<string> states,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> transitions)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The process name is null or empty.", nameof(name));
        Validate.Names(alphabet, "symbol", nameof(alphabet));
        Validate.Names(states, "state", nameof(states));
        ArgumentNullException.ThrowIfNull(transitions);
        int nx = alphabet.Count, s = states.Count;
        if (transitions.Count != nx)
            throw new ArgumentException(
                $"Process '{name}': the transition tensor has {transitions.Count} symbol matrices, but the alphabet has {nx} symbols.",
                nameof(transitions));
        var matrices = new double[nx][];
        for (int x = 0; x < nx; x++)
        {
            var m = transitions[x] ?? throw new ArgumentException($"Process '{name}': the matrix of symbol '{alphabet[x]}' is null.", nameof(transitions));
            if (m.Count != s)
                throw new ArgumentException(
                    $"Process '{name}': the matrix of symbol '{alphabet[x]}' has {m.Count} rows, expected {s} (one per state).",
                    nameof(transitions));
            matrices[x] = new double[s * s];
            for (int i = 0; i < s; i++)
            {
                var row = m[i] ?? throw new ArgumentException($"Process '{name}': row {i} of symbol '{alphabet[x]}' is null.", nameof(transitions));
                if (row.Count != s)
                    throw new ArgumentException(
                        $"Process '{name}': row {i} (state '{states[i]}') of symbol '{alphabet[x]}' has {row.Count} entries, expected {s}.",
                        nameof(transitions));
                for (int j = 0; j < s; j++)
                {
                    double v = row[j];
                    if (!double.IsFinite(v) || v < 0 || v > 1 + Tolerances.SumTolerance)
                        throw new ArgumentException(
                            $"Process '{name}': entry [{i}][{j}] of symbol '{alphabet[x]}' (state '{states[i]}' to '{states[j]}') is {Validate.Num(v)}; expected a probability in [0, 1].",
                            nameof(transitions));
                    matrices[x][i * s + j] = v;
                }
            }
        }
        for (int i = 0; i < s; i++)
        {
            double total = 0;
            var parts = new List<string>(nx);
            for (int x = 0; x < nx; x++)
            {
                double rowSum = 0;
                for (int j = 0; j < s; j++) rowSum += matrices[x][i * s + j];
                total += rowSum;
                parts.Add($"{alphabet[x]}: {Validate.Sum(rowSum)}");
            }
            if (Math.Abs(total - 1) > Tolerances.SumTolerance)
                throw new ArgumentException(
                    $"Process '{name}': row {i} (state '{states[i]}') sums to {Validate.Sum(total)} over all symbols ({string.Join(", ", parts)}), expected 1 (within {Validate.Num(Tolerances.SumTolerance)}).",
                    nameof(transitions));
        }
        return new HiddenMarkovProcess(name, alphabet.ToArray(), states.ToArray(), matrices);
    }

    /// <summary>Creates a process from a jagged array <c>transitions[x][i][j]</c>; see <see cref="Create(string, IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{IReadOnlyList{IReadOnlyList{double}}})"/>.</summary>
    public static HiddenMarkovProcess Create(string name, IReadOnlyList<string> alphabet, IReadOnlyList<string> states, double[][][] transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        return Create(name, alphabet, states, transitions.Select(m => (IReadOnlyList<IReadOnlyList<double>>)(m?.Select(r => (IReadOnlyList<double>)r).ToArray()!)).ToArray());
    }

    /// <summary>
    /// Creates a process from a state-transition matrix <c>T[i][j]</c> and an emission matrix <c>E[i][x]</c> where the
    /// symbol is emitted by the current state before moving: <c>T[x][i][j] = E[i][x] · T[i][j]</c>
    /// (the observable operators <c>O_x = diag(E[:,x]) T</c> of the Markov-categorical spec, §1.4).
    /// </summary>
    public static HiddenMarkovProcess FromStateEmission(string name, IReadOnlyList<string> alphabet, IReadOnlyList<string> states,
        double[][] stateTransitions, double[][] emissions)
    {
        ArgumentNullException.ThrowIfNull(stateTransitions);
        ArgumentNullException.ThrowIfNull(emissions);
        int s = states.Count, nx = alphabet.Count;
        if (stateTransitions.Length != s || stateTransitions.Any(r => r is null || r.Length != s))
            throw new ArgumentException($"Process '{name}': the state-transition matrix must be {s}×{s}.", nameof(stateTransitions));
        if (emissions.Length != s || emissions.Any(r => r is null || r.Length != nx))
            throw new ArgumentException($"Process '{name}': the emission matrix must be {s}×{nx} (states × symbols).", nameof(emissions));
        for (int i = 0; i < s; i++)
        {
            Validate.Distribution(stateTransitions[i], s, $"Process '{name}': state-transition row {i} (state '{states[i]}')", nameof(stateTransitions));
            Validate.Distribution(emissions[i], nx, $"Process '{name}': emission row {i} (state '{states[i]}')", nameof(emissions));
        }
        var t = new double[nx][][];
        for (int x = 0; x < nx; x++)
        {
            t[x] = new double[s][];
            for (int i = 0; i < s; i++)
            {
                t[x][i] = new double[s];
                for (int j = 0; j < s; j++) t[x][i][j] = emissions[i][x] * stateTransitions[i][j];
            }
        }
        return Create(name, alphabet, states, t);
    }

    /// <summary>Starts a fluent builder for a process defined by hand.</summary>
    public static ProcessBuilder Builder(string name) => new(name);

    /// <summary>Returns a copy of this process under another name.</summary>
    public HiddenMarkovProcess WithName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The process name is null or empty.", nameof(name));
        return new HiddenMarkovProcess(name, alphabet, states, matrices);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({alphabet.Length} symbols, {states.Length} states{(IsUnifilar ? ", unifilar" : "")})";

    private double[] ComputeRowSums()
    {
        int s = states.Length;
        var sums = new double[alphabet.Length * s];
        for (int x = 0; x < alphabet.Length; x++)
            for (int i = 0; i < s; i++)
            {
                double row = 0;
                for (int j = 0; j < s; j++) row += matrices[x][i * s + j];
                sums[x * s + i] = row;
            }
        return sums;
    }

    private bool ComputeUnifilar()
    {
        int s = states.Length;
        foreach (var m in matrices)
            for (int i = 0; i < s; i++)
            {
                int successors = 0;
                for (int j = 0; j < s; j++)
                    if (m[i * s + j] > 0) successors++;
                if (successors > 1) return false;
            }
        return true;
    }

    private double[] ComputeStationary()
    {
        int s = states.Length;
        var t = StateTransitionMatrix();
        // Solve [Tᵀ − I; 1ᵀ] π = [0; 1]; the solution is unique iff this (s+1)×s system has full column rank.
        var a = Matrix<double>.Build.Dense(s + 1, s);
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
                a[i, j] = t[j, i] - (i == j ? 1 : 0);
        for (int j = 0; j < s; j++) a[s, j] = 1;
        var svd = a.Svd(computeVectors: false);
        double smax = svd.S[0], smin = svd.S[s - 1];
        if (smin <= 1e-10 * Math.Max(1, smax))
        {
            int nullity = svd.S.Count(v => v <= 1e-10 * Math.Max(1, smax));
            throw new InvalidOperationException(
                $"Process '{Name}' has no unique stationary distribution: its hidden-state chain has {nullity + 1} closed classes " +
                "(the solution space of π T = π has dimension > 1). Give an explicit initial law instead.");
        }
        var b = Vector<double>.Build.Dense(s + 1);
        b[s] = 1;
        var pi = a.QR().Solve(b).ToArray();
        for (int i = 0; i < s; i++)
            if (Math.Abs(pi[i]) < 1e-15) pi[i] = 0;
        return pi;
    }
}
