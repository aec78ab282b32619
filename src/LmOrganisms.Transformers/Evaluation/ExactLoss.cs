using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Expected cross-entropy of a model on a stationary hidden-Markov process, computed exactly by enumerating every
/// positive-probability input word (belief-geometry spec §2.3 "validation = exact expected loss with the true
/// probabilities", §5): position k (1-based, k tokens seen) has loss
/// <c>L_k = Σ_{x1..xk} P(x1..xk) Σ_x P(x | x1..xk) (−ln q(x | x1..xk))</c> in nats, where q is the model's softmax.
/// </summary>
public static class ExactLoss
{
    /// <summary>Largest number of words enumerated.</summary>
    public const int MaxWords = 1 << 21;

    /// <summary>
    /// The expected loss per position k = 1..<paramref name="length"/> (nats), over all words of that length drawn from the
    /// stationary process. The mean over positions is the paper's loss; dividing position k by the optimum h_μ(k+1)
    /// gives its relative loss.
    /// </summary>
    /// <param name="model">The model (evaluated without gradients, float32, on its device).</param>
    /// <param name="process">The world; its alphabet size must equal the model's vocabulary.</param>
    /// <param name="length">Input length n (default: the model's context).</param>
    /// <param name="chunkSize">Words per forward pass.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    public static double[] PerPosition(Transformer model, HiddenMarkovProcess process, int? length = null, int chunkSize = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(process);
        int n = length ?? model.Config.ContextLength, v = process.AlphabetSize, s = process.StateCount;
        if (v != model.Config.Vocabulary)
            throw new ArgumentException($"Process '{process.Name}' has {v} symbols; the model's vocabulary has {model.Config.Vocabulary}.", nameof(process));
        if (n < 1 || n > model.Config.ContextLength)
            throw new ArgumentException($"length must be between 1 and the context {model.Config.ContextLength}; got {n}.", nameof(length));
        if (Math.Pow(v, n) > MaxWords)
            throw new ArgumentException($"{v}^{n} words exceed the enumeration limit {MaxWords}.", nameof(length));

        // Depth-first enumeration of positive-probability words with unnormalised forward vectors α_k = π T[x1]…T[xk];
        // at depth k ≥ 1 the next-token law P(x | x1..xk) = α_k T[x] 1 / α_k 1 is stored for position k.
        var words = new List<int>();
        var weights = new List<double>();
        var next = new List<double>();
        var alphas = new double[n + 1][];
        var conditionals = new double[n + 1][];
        for (int k = 0; k <= n; k++)
        {
            alphas[k] = new double[s];
            conditionals[k] = new double[v];
        }
        process.StationaryDistribution.ToArray().CopyTo(alphas[0], 0);
        var scratch = new double[s];
        var word = new int[n];
        Enumerate(0);

        void Enumerate(int depth)
        {
            if (depth > 0)
            {
                double total = alphas[depth].Sum();
                for (int x = 0; x < v; x++)
                {
                    process.StepUnnormalised(alphas[depth], x, scratch);
                    conditionals[depth][x] = scratch.Sum() / total;
                }
            }
            if (depth == n)
            {
                words.AddRange(word);
                weights.Add(alphas[n].Sum());
                for (int k = 1; k <= n; k++) next.AddRange(conditionals[k]);
                return;
            }
            for (int x = 0; x < v; x++)
            {
                process.StepUnnormalised(alphas[depth], x, alphas[depth + 1]);
                if (alphas[depth + 1].Sum() <= 0) continue;
                word[depth] = x;
                Enumerate(depth + 1);
            }
        }

        int count = weights.Count;
        var nextArray = next.ToArray();
        var loss = new double[n];
        var wordArray = words.ToArray();
        for (int start = 0; start < count; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(chunkSize, count - start);
            float[] logProbs;
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                var tokens = torch.tensor(Array.ConvertAll(wordArray[(start * n)..((start + rows) * n)], t => (long)t), [rows, n]).to(model.Device);
                logProbs = ActivationConversion.ToFloatArray(model.call(tokens).log_softmax(-1));
            }
            for (int r = 0; r < rows; r++)
            {
                double weight = weights[start + r];
                for (int k = 0; k < n; k++)
                {
                    int at = ((start + r) * n + k) * v;
                    double ce = 0;
                    for (int x = 0; x < v; x++)
                        if (nextArray[at + x] > 0) ce -= nextArray[at + x] * logProbs[(r * n + k) * v + x];
                    loss[k] += weight * ce;
                }
            }
        }
        return loss;
    }
}
