using LmOrganisms.BeliefStates;

namespace LmOrganisms;

/// <summary>
/// The one probe-data type of the library (belief-geometry spec §2.4 and checklist item 23; Markov-categorical spec
/// §1.4, §4 item 17): sequences of a process with, for every row (sequence, position k = 1..<see cref="Length"/>), the
/// exact belief after the first k tokens, its next-token law, the token that followed and the row's weight. Estimators
/// fit activations to it (<c>new BeliefGeometryProbe().Fit(activations, probeSet)</c>); a model's activations come from
/// <c>model.Capture(probeSet)</c>, one row per probe-set row.
/// </summary>
/// <remarks>
/// <para>Layout (row-major): row r = sequence · <see cref="Length"/> + (k − 1), the activation a causal model produces
/// at token index k − 1. <see cref="Tokens"/> is <c>[sequence, position]</c>; <see cref="Beliefs"/> and
/// <see cref="NextTokenLaws"/> are <c>[row, ·]</c>; <see cref="BeliefIds"/> numbers the distinct beliefs (merged within
/// <see cref="Tolerance"/> in max-norm, in order of first occurrence over rows).</para>
/// <para>Two kinds: <see cref="AllWords"/> (every positive-probability word once, weight Pr(word): expectations over the
/// rows of one position are exact) and <see cref="Sample"/> (sampled sequences, weight 1 each, and the token that followed
/// each sequence).</para>
/// </remarks>
public sealed class ProbeSet
{
    private readonly Lazy<double[]> nextTokenLaws;

    private ProbeSet(HiddenMarkovProcess process, int length, int[] tokens, double[] weights, int[]? following, bool exhaustive,
        double[] beliefs, int[] beliefIds, int distinct, double tolerance)
    {
        Process = process;
        Length = length;
        Tokens = tokens;
        Weights = weights;
        FollowingTokens = following;
        IsExhaustive = exhaustive;
        Beliefs = beliefs;
        BeliefIds = beliefIds;
        DistinctBeliefCount = distinct;
        Tolerance = tolerance;
        nextTokenLaws = new Lazy<double[]>(ComputeNextTokenLaws);
    }

    /// <summary>The generating process.</summary>
    public HiddenMarkovProcess Process { get; }

    /// <summary>Tokens per sequence n.</summary>
    public int Length { get; }

    /// <summary>Number of sequences.</summary>
    public int Count => Weights.Length;

    /// <summary>Number of rows = sequences × n.</summary>
    public int RowCount => Count * Length;

    /// <summary>Entries per belief (the process's hidden states).</summary>
    public int StateCount => Process.StateCount;

    /// <summary>True for <see cref="AllWords"/>: every positive-probability word once, weighted by its probability.</summary>
    public bool IsExhaustive { get; }

    /// <summary>Input tokens, <c>[sequence, position]</c> row-major (Count × n).</summary>
    public int[] Tokens { get; }

    /// <summary>Per sequence: Pr(word) for <see cref="AllWords"/> (summing to 1), 1 for sampled sequences.</summary>
    public double[] Weights { get; }

    /// <summary>Per sequence, the token that followed it (sampled sets); null for <see cref="AllWords"/>.</summary>
    public int[]? FollowingTokens { get; }

    /// <summary>The belief after each row's prefix, <c>[row, state]</c> row-major.</summary>
    public double[] Beliefs { get; }

    /// <summary>Index of each row's belief among the distinct beliefs (first-occurrence order).</summary>
    public int[] BeliefIds { get; }

    /// <summary>Number of distinct beliefs among the rows (RRXOR n = 10: 35 of the MSP's 36; the root π is not a row).</summary>
    public int DistinctBeliefCount { get; }

    /// <summary>The max-norm tolerance within which beliefs share an id.</summary>
    public double Tolerance { get; }

    /// <summary>The exact next-token law Pr(x_{k+1} | x₁..x_k) of each row, <c>[row, symbol]</c> row-major (computed on first use).</summary>
    public double[] NextTokenLaws => nextTokenLaws.Value;

    /// <summary>The belief of a row.</summary>
    public ReadOnlySpan<double> Belief(int row) => Beliefs.AsSpan(checked(row * StateCount), StateCount);

    /// <summary>The weight of a row: its sequence's weight.</summary>
    public double RowWeight(int row) => Weights[row / Length];

    /// <summary>
    /// The token that followed a row's prefix: the next token of the sequence, or for a row at the last position the
    /// sequence's <see cref="FollowingTokens"/> entry; −1 when unknown (the last position of an <see cref="AllWords"/> set).
    /// </summary>
    public int NextToken(int row)
    {
        int sequence = row / Length, position = row % Length;
        if (position + 1 < Length) return Tokens[sequence * Length + position + 1];
        return FollowingTokens?[sequence] ?? -1;
    }

    /// <summary>Row weights: 1 per row, or each row's sequence weight (<see cref="Weights"/>).</summary>
    public double[] RowWeights(ProbeWeighting weighting)
    {
        var w = new double[RowCount];
        for (int r = 0; r < w.Length; r++) w[r] = weighting == ProbeWeighting.Unweighted ? 1 : Weights[r / Length];
        return w;
    }

    /// <summary>
    /// Mean squared error, averaged over rows and belief components, of the best constant predictor (the weighted mean
    /// belief): the shuffle-control floor of the belief-geometry spec (Mess3 n = 10 unweighted 0.111151, RRXOR 0.082742).
    /// </summary>
    public double ConstantPredictorMse(ProbeWeighting weighting = ProbeWeighting.Unweighted)
    {
        var w = RowWeights(weighting);
        int s = StateCount;
        var mean = new double[s];
        double total = w.Sum();
        for (int r = 0; r < RowCount; r++)
            for (int i = 0; i < s; i++) mean[i] += w[r] * Beliefs[r * s + i];
        for (int i = 0; i < s; i++) mean[i] /= total;
        double sse = 0;
        for (int r = 0; r < RowCount; r++)
            for (int i = 0; i < s; i++) { double d = Beliefs[r * s + i] - mean[i]; sse += w[r] * d * d; }
        return sse / (total * s);
    }

    /// <summary>
    /// Every positive-probability word of <paramref name="length"/> tokens once, in lexicographic order, weighted by its
    /// probability (the belief-geometry paper's probe set; Mess3 n = 10: 59,049 words, 590,490 rows). Words come from
    /// <see cref="HiddenMarkovProcess.Words"/> (at most <see cref="ProcessWords.MaxCount"/>).
    /// </summary>
    public static ProbeSet AllWords(HiddenMarkovProcess process, int length, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var words = process.Words(length, cancellationToken: cancellationToken);
        return Create(process, length, words.Tokens, words.Probabilities, null, exhaustive: true, tolerance);
    }

    /// <summary>
    /// <paramref name="count"/> sequences of <paramref name="length"/> tokens sampled from the stationary process
    /// (<see cref="HiddenMarkovProcess.Sample"/> of length + 1 with <paramref name="seed"/>; the last token is kept as each
    /// sequence's <see cref="FollowingTokens"/> entry), weight 1 each.
    /// </summary>
    public static ProbeSet Sample(HiddenMarkovProcess process, int count, int length, int seed, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var full = process.Sample(count, length + 1, seed);
        var tokens = new int[checked(count * length)];
        var following = new int[count];
        for (int r = 0; r < count; r++)
        {
            full.Row(r)[..length].CopyTo(tokens.AsSpan(r * length, length));
            following[r] = full[r, length];
        }
        return Create(process, length, tokens, Enumerable.Repeat(1.0, count).ToArray(), following, exhaustive: false, tolerance);
    }

    /// <summary>The probe set of given sequences (one per batch row, duplicates kept), weight 1 each, no following tokens.</summary>
    /// <exception cref="ArgumentException">A sequence has probability 0 under the process (the message names it).</exception>
    public static ProbeSet FromSequences(HiddenMarkovProcess process, TokenBatch batch, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Length, 1, nameof(batch));
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Count, 1, nameof(batch));
        return Create(process, batch.Length, (int[])batch.Tokens.Clone(), Enumerable.Repeat(1.0, batch.Count).ToArray(), null, exhaustive: false, tolerance);
    }

    private static ProbeSet Create(HiddenMarkovProcess process, int n, int[] tokens, double[] weights, int[]? following, bool exhaustive, double tolerance)
    {
        int s = process.StateCount, rows = checked(weights.Length * n);
        var beliefs = new double[checked(rows * s)];
        process.FilterInto(tokens, weights.Length, n, beliefs);
        var ids = new int[rows];
        var index = new BeliefIndex(s, tolerance);
        for (int r = 0; r < rows; r++) ids[r] = index.FindOrAdd(beliefs.AsSpan(r * s, s), out _);
        return new ProbeSet(process, n, tokens, weights, following, exhaustive, beliefs, ids, index.Count, tolerance);
    }

    private double[] ComputeNextTokenLaws()
    {
        int nx = Process.AlphabetSize;
        var p = new double[checked(RowCount * nx)];
        for (int r = 0; r < RowCount; r++) Process.NextTokenLaw(Belief(r), p.AsSpan(r * nx, nx));
        return p;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ProbeSet of {Process.Name}: {Count:N0} {(IsExhaustive ? "words" : "sequences")} × {Length} positions, {DistinctBeliefCount:N0} distinct beliefs";
}
