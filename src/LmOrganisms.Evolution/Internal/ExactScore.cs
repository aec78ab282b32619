namespace LmOrganisms.Evolution;

/// <summary>
/// Exact scores of a predictor on a process from its laws on every word of length n + 1 (<see cref="ProcessWords"/>):
/// the cross-entropy at each position k = 1..n (k tokens read, the next one predicted) and the P-averaged output law
/// at each position, in nats.
/// </summary>
internal static class ExactScore
{
    /// <summary>Sequences per forward pass when a tiny organism is scored on the CPU: small batches are fastest
    /// (measured on the 2-core box: 4,096 sequences of 8 tokens ≈ 0.4 ms per sequence, 64 ≈ 0.03 ms).</summary>
    public const int EvaluationBatch = 64;

    /// <summary>The first n tokens of every word of length n + 1, row-major [count, n]: the predictor's inputs.</summary>
    public static int[] Inputs(ProcessWords words)
    {
        int n = words.Length - 1, count = words.Count;
        var inputs = new int[count * n];
        for (int r = 0; r < count; r++)
            Array.Copy(words.Tokens, r * words.Length, inputs, r * n, n);
        return inputs;
    }

    /// <summary>
    /// CE per position and averaged output laws: <c>CE_k = Σ_word P(word) (−ln q(x_{k+1} | x_1..x_k))</c> and
    /// <c>p̄_k = Σ_word P(word) q(· | x_1..x_k)</c>, from <paramref name="laws"/> [count, n, vocabulary] on
    /// <see cref="Inputs"/>.
    /// </summary>
    public static (double[] CrossEntropy, double[][] MeanLaws) Score(ProcessWords words, double[] laws, int vocabulary)
    {
        int n = words.Length - 1, count = words.Count;
        if (laws.Length != count * n * vocabulary)
            throw new ArgumentException($"{laws.Length} law entries for {count} words × {n} positions × {vocabulary} tokens.", nameof(laws));
        var ce = new double[n];
        var mean = new double[n][];
        for (int t = 0; t < n; t++) mean[t] = new double[vocabulary];
        double total = 0;
        for (int r = 0; r < count; r++)
        {
            double p = words.Probabilities[r];
            total += p;
            for (int t = 0; t < n; t++)
            {
                int at = ((r * n) + t) * vocabulary;
                ce[t] -= p * Math.Log(laws[at + words.Tokens[(r * words.Length) + t + 1]]);
                for (int v = 0; v < vocabulary; v++) mean[t][v] += p * laws[at + v];
            }
        }
        for (int t = 0; t < n; t++)
        {
            ce[t] /= total;
            for (int v = 0; v < vocabulary; v++) mean[t][v] /= total;
        }
        return (ce, mean);
    }
}
