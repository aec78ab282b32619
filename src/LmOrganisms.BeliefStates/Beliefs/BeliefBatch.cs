namespace LmOrganisms.BeliefStates;

/// <summary>
/// Beliefs along a batch of token sequences, as produced by <see cref="BeliefFilter.Filter(HiddenMarkovProcess, TokenBatch)"/>.
/// Layout: <see cref="Values"/> is a row-major array <c>[row, position, state]</c>, i.e. the belief of sequence
/// <c>r</c> after its tokens <c>0..t</c> (inclusive) is <c>Values[((r · Length) + t) · StateCount + i]</c>, i = 0..StateCount−1.
/// Position t is the belief a causal model holds at position t (it has read t + 1 tokens); the empty history's
/// belief, the stationary distribution, is not stored. Belief-geometry spec §2.1.
/// </summary>
/// <param name="Values">Beliefs, <c>[row, position, state]</c> row-major, each belief summing to 1.</param>
/// <param name="Count">Number of sequences (rows).</param>
/// <param name="Length">Positions per sequence.</param>
/// <param name="StateCount">Hidden states of the process (entries per belief).</param>
public sealed record BeliefBatch(double[] Values, int Count, int Length, int StateCount)
{
    /// <summary>The belief of sequence <paramref name="row"/> after tokens 0..<paramref name="position"/>.</summary>
    public ReadOnlySpan<double> Belief(int row, int position)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)position, (uint)Length, nameof(position));
        return Values.AsSpan((row * Length + position) * StateCount, StateCount);
    }

    /// <summary>One belief entry: Pr(state | tokens 0..position of sequence row).</summary>
    public double this[int row, int position, int state] => Values[((row * Length) + position) * StateCount + state];

    /// <summary>The beliefs as single-precision floats in the same <c>[row, position, state]</c> layout (for tensors).</summary>
    public float[] ToSingle()
    {
        var f = new float[Values.Length];
        for (int i = 0; i < f.Length; i++) f[i] = (float)Values[i];
        return f;
    }
}
