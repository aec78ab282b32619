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
}
