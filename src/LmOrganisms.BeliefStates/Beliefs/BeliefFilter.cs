using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Bayesian filtering of the hidden state of a hidden-Markov process (the ideal observer's belief, or mixed state).
/// Row-vector beliefs; after symbol x the belief η becomes <c>η' = η T[x] / (η T[x] 1)</c>, and the empty history's belief
/// is the stationary distribution π. Belief-geometry spec §2.1 (paper Eq. 1).
/// </summary>
public static class BeliefFilter
{
    /// <summary>
    /// One belief update <c>η' = η T[x] / (η T[x] 1)</c>. Throws when the symbol has probability 0 under η.
    /// </summary>
    /// <exception cref="ArgumentException">η is not a distribution over the states, or the symbol has probability 0.</exception>
    public static double[] Update(HiddenMarkovProcess process, ReadOnlySpan<double> eta, int symbol)
    {
        ArgumentNullException.ThrowIfNull(process);
        Check.Belief(process, eta, nameof(eta));
        Check.Token(process, symbol, 0, nameof(symbol));
        var next = new double[process.StateCount];
        process.StepUnnormalised(eta, symbol, next);
        double z = 0;
        foreach (var v in next) z += v;
        if (!(z > 0))
            throw new ArgumentException($"Symbol '{process.Alphabet[symbol]}' has probability 0 under the given belief of process '{process.Name}'.", nameof(symbol));
        for (int i = 0; i < next.Length; i++) next[i] /= z;
        return next;
    }

    /// <summary>
    /// The belief after a word from the stationary start: <c>π T[x1]…T[xL] / (π T[x1]…T[xL] 1)</c>, normalised after every
    /// step (the empty word gives π).
    /// </summary>
    /// <exception cref="ArgumentException">The word has probability 0; the message names the position and the symbol.</exception>
    public static double[] BeliefAfter(HiddenMarkovProcess process, ReadOnlySpan<int> word)
    {
        ArgumentNullException.ThrowIfNull(process);
        int s = process.StateCount;
        var eta = process.StationaryDistribution.ToArray();
        if (word.Length == 0) return eta;
        var all = new double[word.Length * s];
        Run(process, Check.Flatten(process), eta, word, all, 0);
        return all.AsSpan((word.Length - 1) * s, s).ToArray();
    }

    /// <summary>The belief after a word written with single-character symbols, e.g. <c>"AB"</c> (see <see cref="HiddenMarkovProcess.Encode"/>).</summary>
    public static double[] BeliefAfter(HiddenMarkovProcess process, string word)
    {
        ArgumentNullException.ThrowIfNull(process);
        return BeliefAfter(process, process.Encode(word));
    }

    /// <summary>Next-token distribution under a belief: <c>Pr(x | η) = η T[x] 1</c> for every symbol x.</summary>
    public static double[] NextTokenDistribution(HiddenMarkovProcess process, ReadOnlySpan<double> eta)
    {
        ArgumentNullException.ThrowIfNull(process);
        Check.Belief(process, eta, nameof(eta));
        var p = new double[process.AlphabetSize];
        NextTokenInto(process, eta, p);
        return p;
    }

    internal static void NextTokenInto(HiddenMarkovProcess process, ReadOnlySpan<double> eta, Span<double> p)
    {
        int s = process.StateCount;
        for (int x = 0; x < process.AlphabetSize; x++)
        {
            var m = process.SymbolMatrix(x);
            double total = 0;
            for (int i = 0; i < s; i++)
            {
                double e = eta[i];
                if (e == 0) continue;
                double row = 0;
                for (int j = 0; j < s; j++) row += m[i * s + j];
                total += e * row;
            }
            p[x] = total;
        }
    }

    /// <summary>
    /// Beliefs after every prefix of one sequence from the stationary start: element <c>[t · StateCount + i]</c> is
    /// Pr(state i | tokens 0..t). Length <c>tokens.Length · StateCount</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A token has probability 0 after the preceding ones; the message names the position and the symbol.</exception>
    public static double[] Beliefs(HiddenMarkovProcess process, ReadOnlySpan<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(process);
        var all = new double[tokens.Length * process.StateCount];
        Run(process, Check.Flatten(process), process.StationaryDistribution.ToArray(), tokens, all, -1);
        return all;
    }

    /// <summary>
    /// Beliefs after every prefix of every sequence of a batch (stationary start for each row), in the layout of
    /// <see cref="BeliefBatch"/> (<c>[row, position, state]</c>). Allocation-free in the loop; about 10⁷–10⁸ updates per
    /// second on one core for 3-state processes (docs/performance.md).
    /// </summary>
    /// <exception cref="ArgumentException">A token has probability 0 after the preceding ones; the message names row, position and symbol.</exception>
    public static BeliefBatch Filter(HiddenMarkovProcess process, TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(batch);
        int s = process.StateCount;
        var values = new double[(long)batch.Count * batch.Length * s > int.MaxValue
            ? throw new ArgumentException($"The batch of {batch.Count} × {batch.Length} tokens needs more than 2^31 belief entries.", nameof(batch))
            : batch.Count * batch.Length * s];
        FilterInto(process, batch.Tokens, batch.Count, batch.Length, values);
        return new BeliefBatch(values, batch.Count, batch.Length, s);
    }

    /// <summary>
    /// Writes the beliefs of <paramref name="count"/> sequences of <paramref name="length"/> tokens (row-major in
    /// <paramref name="tokens"/>) into <paramref name="beliefs"/> (<c>[row, position, state]</c>, at least count·length·S entries).
    /// </summary>
    /// <exception cref="ArgumentException">Sizes do not match, or a token has probability 0 (message names row, position, symbol).</exception>
    public static void FilterInto(HiddenMarkovProcess process, ReadOnlySpan<int> tokens, int count, int length, Span<double> beliefs)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int s = process.StateCount;
        if (tokens.Length < count * length)
            throw new ArgumentException($"{tokens.Length} tokens given for {count} sequences of {length}.", nameof(tokens));
        if (beliefs.Length < count * length * s)
            throw new ArgumentException($"The belief buffer has {beliefs.Length} entries; {count} × {length} × {s} are needed.", nameof(beliefs));
        var flat = Check.Flatten(process);
        var pi = process.StationaryDistribution.ToArray();
        for (int r = 0; r < count; r++)
            Run(process, flat, pi, tokens.Slice(r * length, length), beliefs.Slice(r * length * s, length * s), r);
    }

    private static void Run(HiddenMarkovProcess process, double[] flat, double[] start, ReadOnlySpan<int> tokens, Span<double> output, int row)
    {
        int s = process.StateCount, nx = process.AlphabetSize;
        if (s == 3)
        {
            double a = start[0], b = start[1], c = start[2];
            for (int t = 0; t < tokens.Length; t++)
            {
                int x = tokens[t];
                if ((uint)x >= (uint)nx) Check.Token(process, x, t, nameof(tokens));
                var m = flat.AsSpan(x * 9, 9);
                double na = a * m[0] + b * m[3] + c * m[6];
                double nb = a * m[1] + b * m[4] + c * m[7];
                double nc = a * m[2] + b * m[5] + c * m[8];
                double z = na + nb + nc;
                if (!(z > 0)) throw ZeroProbability(process, row, t, x);
                double inv = 1 / z;
                a = na * inv; b = nb * inv; c = nc * inv;
                var o = output.Slice(t * 3, 3);
                o[0] = a; o[1] = b; o[2] = c;
            }
            return;
        }
        Span<double> eta = s <= 128 ? stackalloc double[s] : new double[s];
        start.CopyTo(eta);
        for (int t = 0; t < tokens.Length; t++)
        {
            int x = tokens[t];
            if ((uint)x >= (uint)nx) Check.Token(process, x, t, nameof(tokens));
            var o = output.Slice(t * s, s);
            double z = BeliefStep.Unnormalised(flat, s, x, eta, o);
            if (!(z > 0)) throw ZeroProbability(process, row, t, x);
            double inv = 1 / z;
            for (int j = 0; j < s; j++) eta[j] = o[j] *= inv;
        }
    }

    private static ArgumentException ZeroProbability(HiddenMarkovProcess process, int row, int position, int symbol) =>
        new((row >= 0 ? $"Sequence {row}, position {position}" : $"Position {position}") +
            $": symbol '{process.Alphabet[symbol]}' has probability 0 after the preceding tokens under process '{process.Name}'.", "tokens");
}
