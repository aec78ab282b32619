using LmOrganisms.BeliefStates;

namespace LmOrganisms;

/// <summary>
/// Bayesian filtering of the hidden state of a hidden-Markov process (the ideal observer's belief, or mixed state), as
/// extension methods of the process: after symbol x the belief η becomes <c>η' = η T[x] / (η T[x] 1)</c>, and the empty
/// history's belief is the stationary distribution π. Belief-geometry spec §2.1 (paper Eq. 1). Every method validates its
/// input and calls the one unchecked kernel, <see cref="HiddenMarkovProcess.UpdateBelief"/>.
/// </summary>
public static class BeliefFilter
{
    /// <summary>
    /// One belief update <c>η' = η T[x] / (η T[x] 1)</c>. Throws when the symbol has probability 0 under η.
    /// </summary>
    /// <exception cref="ArgumentException">η is not a distribution over the states, or the symbol has probability 0.</exception>
    public static double[] Update(this HiddenMarkovProcess process, ReadOnlySpan<double> belief, int symbol)
    {
        ArgumentNullException.ThrowIfNull(process);
        Check.Belief(process, belief, nameof(belief));
        Check.Token(process, symbol, 0, nameof(symbol));
        var next = new double[process.StateCount];
        if (!(process.UpdateBelief(belief, symbol, next) > 0))
            throw new ArgumentException($"Symbol '{process.Alphabet[symbol]}' has probability 0 under the given belief of process '{process.Name}'.", nameof(symbol));
        return next;
    }

    /// <summary>
    /// The belief after a word from the stationary start: <c>π T[x1]…T[xL] / (π T[x1]…T[xL] 1)</c>, normalised after every
    /// step (the empty word gives π).
    /// </summary>
    /// <exception cref="ArgumentException">The word has probability 0; the message names the position and the symbol.</exception>
    public static double[] BeliefAfter(this HiddenMarkovProcess process, ReadOnlySpan<int> word)
    {
        ArgumentNullException.ThrowIfNull(process);
        int s = process.StateCount;
        if (word.Length == 0) return process.StationaryDistribution.ToArray();
        var all = new double[word.Length * s];
        Run(process, word, all, -1);
        return all.AsSpan((word.Length - 1) * s, s).ToArray();
    }

    /// <summary>The belief after a word written with single-character symbols, e.g. <c>"AB"</c> (see <see cref="HiddenMarkovProcess.Encode"/>).</summary>
    public static double[] BeliefAfter(this HiddenMarkovProcess process, string word)
    {
        ArgumentNullException.ThrowIfNull(process);
        return BeliefAfter(process, process.Encode(word));
    }

    /// <summary>The next-token law under a belief: <c>Pr(x | η) = η T[x] 1</c> for every symbol x.</summary>
    /// <exception cref="ArgumentException">η is not a distribution over the states.</exception>
    public static double[] NextTokenLaw(this HiddenMarkovProcess process, ReadOnlySpan<double> belief)
    {
        ArgumentNullException.ThrowIfNull(process);
        Check.Belief(process, belief, nameof(belief));
        var p = new double[process.AlphabetSize];
        process.NextTokenLaw(belief, p);
        return p;
    }

    /// <summary>
    /// Beliefs after every prefix of one sequence from the stationary start: element <c>[t · StateCount + i]</c> is
    /// Pr(state i | tokens 0..t). Length <c>tokens.Length · StateCount</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A token has probability 0 after the preceding ones; the message names the position and the symbol.</exception>
    public static double[] Beliefs(this HiddenMarkovProcess process, ReadOnlySpan<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(process);
        var all = new double[tokens.Length * process.StateCount];
        Run(process, tokens, all, -1);
        return all;
    }

    /// <summary>
    /// Beliefs after every prefix of every sequence of a batch (stationary start for each row), in the layout of
    /// <see cref="BeliefBatch"/> (<c>[row, position, state]</c>). Allocation-free in the loop; about 10⁷–10⁸ updates per
    /// second on one core for 3-state processes (docs/performance.md).
    /// </summary>
    /// <exception cref="ArgumentException">A token has probability 0 after the preceding ones; the message names row, position and symbol.</exception>
    public static BeliefBatch Filter(this HiddenMarkovProcess process, TokenBatch batch)
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
    public static void FilterInto(this HiddenMarkovProcess process, ReadOnlySpan<int> tokens, int count, int length, Span<double> beliefs)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int s = process.StateCount;
        if (tokens.Length < count * length)
            throw new ArgumentException($"{tokens.Length} tokens given for {count} sequences of {length}.", nameof(tokens));
        if (beliefs.Length < count * length * s)
            throw new ArgumentException($"The belief buffer has {beliefs.Length} entries; {count} × {length} × {s} are needed.", nameof(beliefs));
        for (int r = 0; r < count; r++)
            Run(process, tokens.Slice(r * length, length), beliefs.Slice(r * length * s, length * s), r);
    }

    private static void Run(HiddenMarkovProcess process, ReadOnlySpan<int> tokens, Span<double> output, int row)
    {
        int s = process.StateCount, nx = process.AlphabetSize;
        ReadOnlySpan<double> eta = process.StationaryDistribution.ToArray();
        for (int t = 0; t < tokens.Length; t++)
        {
            int x = tokens[t];
            if ((uint)x >= (uint)nx) Check.Token(process, x, t, nameof(tokens));
            var o = output.Slice(t * s, s);
            if (!(process.UpdateBelief(eta, x, o) > 0)) throw ZeroProbability(process, row, t, x);
            eta = o;
        }
    }

    private static ArgumentException ZeroProbability(HiddenMarkovProcess process, int row, int position, int symbol) =>
        new((row >= 0 ? $"Sequence {row}, position {position}" : $"Position {position}") +
            $": symbol '{process.Alphabet[symbol]}' has probability 0 after the preceding tokens under process '{process.Name}'.", "tokens");
}
