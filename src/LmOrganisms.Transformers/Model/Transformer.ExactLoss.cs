using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms;

public sealed partial class Transformer
{
    /// <summary>
    /// The model's expected cross-entropy per position k = 1..n on a stationary hidden-Markov process, in nats, computed
    /// exactly over every positive-probability word of n tokens (belief-geometry spec §2.3 "validation = exact expected
    /// loss with the true probabilities", §5): <c>L_k = Σ_{x1..xk} P(x1..xk) Σ_x P(x | x1..xk) (−ln q(x | x1..xk))</c> with
    /// q the model's float32 log-softmax (<see cref="ProcessWords.CrossEntropy(ReadOnlySpan{float}, int?)"/>). The mean
    /// over positions is the paper's loss; dividing position k by the optimum <c>process.Theory(n).OptimalLoss</c> gives
    /// its relative loss.
    /// </summary>
    /// <param name="process">The world; its alphabet size must equal the model's vocabulary.</param>
    /// <param name="length">n (default: the model's context length).</param>
    /// <param name="batchSize">Words per forward pass.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public double[] ExactLoss(HiddenMarkovProcess process, int? length = null, int batchSize = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        int n = length ?? Config.ContextLength, v = process.AlphabetSize;
        if (v != Config.Vocabulary)
            throw new ArgumentException($"Process '{process.Name}' has {v} symbols; the model's vocabulary has {Config.Vocabulary}.", nameof(process));
        if (n < 1 || n > Config.ContextLength)
            throw new ArgumentException($"length must be between 1 and the context length {Config.ContextLength}; got {n}.", nameof(length));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize is {batchSize}; expected at least 1.");
        var words = process.Words(n, cancellationToken: cancellationToken);
        var logProbs = new float[(long)words.Count * n * v];
        if (EngineCapture.Unsupported(this, []) is null)
        {
            EngineLogProbabilities(words, n, logProbs, cancellationToken);
            return words.CrossEntropy(logProbs);
        }
        for (int start = 0; start < words.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(batchSize, words.Count - start);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var tokens = torch.tensor(Array.ConvertAll(words.Tokens[(start * n)..((start + rows) * n)], t => (long)t), [rows, n]).to(Device);
            ActivationConversion.ToFloatArray(call(tokens).log_softmax(-1)).CopyTo(logProbs, (long)start * n * v);
        }
        return words.CrossEntropy(logProbs);
    }

    // The log-softmax of the logits of every word at every position, from the CPU engine's forward pass (on a copy of
    // the parameters, both cores): each row depends on its own word only, so the values do not depend on the split.
    private void EngineLogProbabilities(ProcessWords words, int n, float[] logProbs, CancellationToken cancellationToken)
    {
        int v = Config.Vocabulary, batches = (words.Count + EngineBatch - 1) / EngineBatch, next = -1;
        int workers = Math.Min(Environment.ProcessorCount, batches);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            using var engine = EngineCapture.Create(this, [], EngineBatch, n);
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int first = b * EngineBatch, count = Math.Min(EngineBatch, words.Count - first);
                engine.Run(words.Tokens.AsSpan(first * n, count * n), count);
                var logits = engine.Logits;
                var destination = logProbs.AsSpan(checked(first * n * v), count * n * v);
                for (int r = 0; r < count * n; r++)
                {
                    var row = logits.Slice(r * v, v);
                    double max = double.NegativeInfinity;
                    for (int x = 0; x < v; x++) max = Math.Max(max, row[x]);
                    double sum = 0;
                    for (int x = 0; x < v; x++) sum += Math.Exp(row[x] - max);
                    double shift = max + Math.Log(sum);
                    for (int x = 0; x < v; x++) destination[r * v + x] = (float)(row[x] - shift);
                }
            }
        });
    }

    /// <summary>Sequences per forward pass of the CPU engine in <see cref="ExactLoss"/> and the activation captures (short
    /// batches keep its buffers in cache; the values do not depend on it).</summary>
    internal const int EngineBatch = 128;
}
