using LmOrganisms.Evolution;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Populations;

/// <summary>
/// The world-balanced held-out cross-entropy of an organism: for every world w a fixed set of held-out token sequences,
/// CE_w = the token-weighted mean next-token cross-entropy (nats) over all of w's sequences and positions, and the risk
/// R = (1/W) Σ_w CE_w (every world counts equally, whatever its number of tokens). This is the paper's "language-balanced
/// held-out CE" of Exp3 (spec <c>task-ecologies.md</c> §3.6) with worlds in place of languages.
/// </summary>
/// <remarks>
/// The sequences are drawn once, so every member of a population is scored on the same tokens (common random numbers).
/// Evaluation runs without gradients in batches of <see cref="BatchSize"/> sequences, in float32 inside the model and
/// double for the sums, in a fixed order: the same weights give the same risk bit for bit, on any thread.
/// </remarks>
public sealed class HeldOutCrossEntropy : IRiskEvaluator
{
    private readonly long[][] tokens;
    private readonly int[] counts;
    private readonly int[] lengths;

    /// <summary>A risk over the given held-out sets, one per world.</summary>
    /// <param name="worlds">Held-out sequences per world (at least 2 tokens each; all tokens below the model's vocabulary).</param>
    /// <param name="names">Names of the worlds (for <see cref="WorldNames"/>); null = "world 0", "world 1", ….</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    public HeldOutCrossEntropy(IReadOnlyList<TokenBatch> worlds, IReadOnlyList<string>? names = null, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        if (worlds.Count == 0) throw new ArgumentException("At least one world's held-out set is required.", nameof(worlds));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size is {batchSize}; expected at least 1.");
        if (names is not null && names.Count != worlds.Count)
            throw new ArgumentException($"{names.Count} world names for {worlds.Count} held-out sets.", nameof(names));
        tokens = new long[worlds.Count][];
        counts = new int[worlds.Count];
        lengths = new int[worlds.Count];
        for (int w = 0; w < worlds.Count; w++)
        {
            var batch = worlds[w] ?? throw new ArgumentException($"The held-out set of world {w} is null.", nameof(worlds));
            if (batch.Count < 1 || batch.Length < 2)
                throw new ArgumentException($"The held-out set of world {w} has {batch.Count} sequences of length {batch.Length}; expected at least 1 sequence of at least 2 tokens.", nameof(worlds));
            for (int i = 0; i < batch.Tokens.Length; i++)
                if (batch.Tokens[i] < 0)
                    throw new ArgumentException($"Token {i} of the held-out set of world {w} is {batch.Tokens[i]}; tokens are non-negative indices.", nameof(worlds));
            tokens[w] = Array.ConvertAll(batch.Tokens, x => (long)x);
            counts[w] = batch.Count;
            lengths[w] = batch.Length;
        }
        WorldNames = names?.ToArray() ?? Enumerable.Range(0, worlds.Count).Select(w => $"world {w}").ToArray();
        BatchSize = batchSize;
    }

    /// <summary>
    /// Held-out sets sampled from hidden-Markov worlds: <paramref name="sequences"/> stationary sequences of
    /// <paramref name="length"/> tokens per world (length ≤ the model's context + 1), world w drawn with seed
    /// <c>seed + w</c>. The worlds must share one alphabet (the model's vocabulary).
    /// </summary>
    public static HeldOutCrossEntropy FromProcesses(IReadOnlyList<HiddenMarkovProcess> worlds, int sequences, int length, int seed, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        if (sequences < 1) throw new ArgumentOutOfRangeException(nameof(sequences), sequences, $"The number of held-out sequences per world is {sequences}; expected at least 1.");
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, $"The held-out sequence length is {length}; expected at least 2 (one input and one target).");
        for (int w = 1; w < worlds.Count; w++)
            if (!worlds[w].Alphabet.SequenceEqual(worlds[0].Alphabet, StringComparer.Ordinal))
                throw new ArgumentException($"World {w} '{worlds[w].Name}' has alphabet ({string.Join(", ", worlds[w].Alphabet)}), world 0 '{worlds[0].Name}' has ({string.Join(", ", worlds[0].Alphabet)}); the worlds must share one alphabet.", nameof(worlds));
        var sets = worlds.Select((p, w) => p.Sample(sequences, length, unchecked(seed + w))).ToArray();
        return new HeldOutCrossEntropy(sets, worlds.Select(p => p.Name).ToArray(), batchSize);
    }

    /// <summary>
    /// Held-out sets cut from token streams, one per world (e.g. a held-out part of each world's text, encoded with one
    /// <c>CharacterTokenizer</c>): <paramref name="sequences"/> windows of <paramref name="length"/> tokens at uniformly
    /// random offsets, world w's offsets drawn from <c>new Random(seed + w)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A stream is shorter than one window.</exception>
    public static HeldOutCrossEntropy FromStreams(IReadOnlyList<int[]> streams, int sequences, int length, int seed,
        IReadOnlyList<string>? names = null, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (sequences < 1) throw new ArgumentOutOfRangeException(nameof(sequences), sequences, $"The number of held-out sequences per world is {sequences}; expected at least 1.");
        if (length < 2) throw new ArgumentOutOfRangeException(nameof(length), length, $"The held-out sequence length is {length}; expected at least 2 (one input and one target).");
        var sets = new TokenBatch[streams.Count];
        for (int w = 0; w < streams.Count; w++)
        {
            var stream = streams[w] ?? throw new ArgumentException($"The token stream of world {w} is null.", nameof(streams));
            if (stream.Length < length)
                throw new ArgumentException($"The token stream of world {w} has {stream.Length} tokens, fewer than one held-out window of {length}.", nameof(streams));
            var rng = new Random(unchecked(seed + w));
            var tokens = new int[sequences * length];
            for (int r = 0; r < sequences; r++)
                stream.AsSpan(rng.Next(stream.Length - length + 1), length).CopyTo(tokens.AsSpan(r * length, length));
            sets[w] = new TokenBatch(tokens, sequences, length);
        }
        return new HeldOutCrossEntropy(sets, names, batchSize);
    }

    /// <summary>Number of worlds W.</summary>
    public int WorldCount => tokens.Length;

    /// <summary>The worlds' names, in order.</summary>
    public IReadOnlyList<string> WorldNames { get; }

    /// <summary>Sequences per forward pass.</summary>
    public int BatchSize { get; }

    /// <inheritdoc/>
    /// <remarks>R = (1/W) Σ_w CE_w, nats (see <see cref="WorldRisks"/>).</remarks>
    public double Risk(Transformer model, CancellationToken cancellationToken = default)
    {
        var perWorld = WorldRisks(model, cancellationToken);
        double sum = 0;
        foreach (var r in perWorld) sum += r;
        return sum / perWorld.Length;
    }

    /// <summary>CE_w per world: the mean next-token cross-entropy (nats) over every target token of world w's held-out set.</summary>
    /// <exception cref="ArgumentException">A held-out sequence is longer than the model's context + 1, or a token is outside its vocabulary.</exception>
    public double[] WorldRisks(Transformer model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new double[tokens.Length];
        bool training = model.training;
        model.eval();
        try
        {
            for (int w = 0; w < tokens.Length; w++)
            {
                int inputs = lengths[w] - 1;
                if (inputs > model.Config.ContextLength)
                    throw new ArgumentException($"The held-out sequences of world {w} '{WorldNames[w]}' have {lengths[w]} tokens; the model's context {model.Config.ContextLength} allows at most {model.Config.ContextLength + 1}.", nameof(model));
                double sum = 0;
                for (int first = 0; first < counts[w]; first += BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int rows = Math.Min(BatchSize, counts[w] - first);
                    sum += BatchLoss(model, tokens[w].AsSpan(first * lengths[w], rows * lengths[w]).ToArray(), rows, lengths[w], w);
                }
                result[w] = sum / ((double)counts[w] * inputs);
            }
        }
        finally
        {
            if (training) model.train();
        }
        return result;
    }

    private double BatchLoss(Transformer model, long[] batch, int rows, int length, int world)
    {
        int vocabulary = model.Config.Vocabulary;
        foreach (var t in batch)
            if (t >= vocabulary)
                throw new ArgumentException($"The held-out set of world {world} '{WorldNames[world]}' has token {t}; the model's vocabulary has {vocabulary} tokens.", nameof(model));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var all = torch.tensor(batch, [rows, length], device: model.Device);
        var logits = model.call(all.narrow(1, 0, length - 1));
        var ce = torch.nn.functional.cross_entropy(logits.reshape(-1, vocabulary), all.narrow(1, 1, length - 1).reshape(-1), reduction: torch.nn.Reduction.None)
            .to(torch.float64).cpu();
        double sum = 0;
        foreach (var v in ce.data<double>()) sum += v;
        return sum;
    }
}
