using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// The belief-probe data set (belief-geometry spec §2.4 and checklist item 23): input sequences of length n and one row
/// per (sequence, position k = 1..n) whose target is the belief after x_1..x_k. Built from every positive-probability
/// word (Mess3 n = 10: 59,049 sequences, 590,490 rows; RRXOR 436 / 4,360) or from sampled sequences.
/// </summary>
/// <remarks>
/// Layout (row-major, compact): row r = sequence · n + (k − 1). <see cref="Tokens"/> is <c>[sequence, position]</c>;
/// <see cref="Targets"/> is <c>[row, state]</c>; <see cref="BeliefIds"/> numbers the distinct beliefs (merged within the
/// tolerance, in order of first occurrence over rows). The row of position k matches the activation a causal model
/// produces at token index k − 1 of the sequence.
/// </remarks>
public sealed class ProbeDataset
{
    private ProbeDataset(HiddenMarkovProcess process, int contextLength, int[] tokens, double[] sequenceProbabilities,
        double[] targets, int[] beliefIds, int distinct)
    {
        Process = process;
        ContextLength = contextLength;
        Tokens = tokens;
        SequenceProbabilities = sequenceProbabilities;
        Targets = targets;
        BeliefIds = beliefIds;
        DistinctBeliefCount = distinct;
    }

    /// <summary>The generating process.</summary>
    public HiddenMarkovProcess Process { get; }

    /// <summary>Sequence (context) length n.</summary>
    public int ContextLength { get; }

    /// <summary>Number of sequences.</summary>
    public int SequenceCount => SequenceProbabilities.Length;

    /// <summary>Number of rows = sequences × n.</summary>
    public int RowCount => SequenceCount * ContextLength;

    /// <summary>Entries per target (hidden states of the process).</summary>
    public int StateCount => Process.StateCount;

    /// <summary>Input tokens, <c>[sequence, position]</c> row-major.</summary>
    public int[] Tokens { get; }

    /// <summary>Pr(sequence) under the stationary process, per sequence.</summary>
    public double[] SequenceProbabilities { get; }

    /// <summary>Belief targets, <c>[row, state]</c> row-major, row = sequence · n + (k − 1).</summary>
    public double[] Targets { get; }

    /// <summary>Index of each row's belief among the distinct beliefs (first occurrence order).</summary>
    public int[] BeliefIds { get; }

    /// <summary>Number of distinct beliefs among the rows (RRXOR n = 10: 35 of the MSP's 36, the root π is not a target).</summary>
    public int DistinctBeliefCount { get; }

    /// <summary>The belief target of a row.</summary>
    public ReadOnlySpan<double> Target(int row) => Targets.AsSpan(row * StateCount, StateCount);

    /// <summary>Row weights: 1 per row (unweighted), or the probability of the row's sequence.</summary>
    public double[] RowWeights(ProbeWeighting weighting)
    {
        var w = new double[RowCount];
        for (int r = 0; r < w.Length; r++) w[r] = weighting == ProbeWeighting.Unweighted ? 1 : SequenceProbabilities[r / ContextLength];
        return w;
    }

    /// <summary>Next-token distributions Pr(x_{k+1} | x_1..x_k) per row, <c>[row, symbol]</c> row-major.</summary>
    public double[] NextTokenDistributions()
    {
        int nx = Process.AlphabetSize;
        var p = new double[RowCount * nx];
        for (int r = 0; r < RowCount; r++) BeliefFilter.NextTokenInto(Process, Target(r), p.AsSpan(r * nx, nx));
        return p;
    }

    /// <summary>
    /// Mean squared error, averaged over rows and belief components, of the best constant predictor (the weighted mean
    /// target): the shuffle-control floor of the spec (Mess3 n = 10 unweighted 0.111151, RRXOR 0.082742).
    /// </summary>
    public double ConstantPredictorMse(ProbeWeighting weighting = ProbeWeighting.Unweighted)
    {
        var w = RowWeights(weighting);
        int s = StateCount;
        var mean = new double[s];
        double total = w.Sum();
        for (int r = 0; r < RowCount; r++)
            for (int i = 0; i < s; i++) mean[i] += w[r] * Targets[r * s + i];
        for (int i = 0; i < s; i++) mean[i] /= total;
        double sse = 0;
        for (int r = 0; r < RowCount; r++)
            for (int i = 0; i < s; i++) { double d = Targets[r * s + i] - mean[i]; sse += w[r] * d * d; }
        return sse / (total * s);
    }

    /// <summary>
    /// All positive-probability sequences of length <paramref name="contextLength"/> in lexicographic order, each once,
    /// with the belief after every prefix (the paper's probe set).
    /// </summary>
    public static ProbeDataset AllWords(HiddenMarkovProcess process, int contextLength, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        var tokens = new List<int>();
        var probs = new List<double>();
        WordEnumeration.ForEach(process, contextLength, (w, p, _) => { foreach (var t in w) tokens.Add(t); probs.Add(p); }, cancellationToken);
        return Create(process, contextLength, tokens.ToArray(), probs.ToArray(), tolerance);
    }

    /// <summary>
    /// The probe set of sampled sequences (one per batch row, duplicates kept), with their exact probabilities.
    /// </summary>
    /// <exception cref="ArgumentException">A sequence has probability 0 under the process.</exception>
    public static ProbeDataset FromSamples(HiddenMarkovProcess process, TokenBatch batch, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Length, 1, nameof(batch));
        var probs = new double[batch.Count];
        for (int r = 0; r < batch.Count; r++) probs[r] = process.WordProbability(batch.Row(r));
        return Create(process, batch.Length, (int[])batch.Tokens.Clone(), probs, tolerance);
    }

    private static ProbeDataset Create(HiddenMarkovProcess process, int n, int[] tokens, double[] probs, double tolerance)
    {
        int s = process.StateCount, rows = probs.Length * n;
        var targets = new double[rows * s];
        BeliefFilter.FilterInto(process, tokens, probs.Length, n, targets);
        var ids = new int[rows];
        var index = new BeliefIndex(s, tolerance);
        for (int r = 0; r < rows; r++) ids[r] = index.FindOrAdd(targets.AsSpan(r * s, s), out _);
        return new ProbeDataset(process, n, tokens, probs, targets, ids, index.Count);
    }
}
