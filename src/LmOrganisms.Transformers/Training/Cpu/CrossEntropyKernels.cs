using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>Next-token cross-entropy of the CPU training engine: per row <c>logsumexp(z) − z[target]</c> (maximum
/// subtracted first) and its gradient <c>(softmax(z) − onehot(target)) · scale</c>.</summary>
internal static unsafe class CrossEntropyKernels
{
    /// <summary>The sum of the rows' losses; each row's loss into <paramref name="rowLoss"/> when given, the scaled
    /// gradient into <paramref name="dLogits"/> when given.</summary>
    /// <param name="logits">rows × vocabulary logits.</param>
    /// <param name="targets">The target token of each row (checked to lie in the vocabulary by the caller).</param>
    /// <param name="rows">Rows.</param>
    /// <param name="vocabulary">Logits per row.</param>
    /// <param name="dLogits">Receives the gradient, or null.</param>
    /// <param name="scale">Gradient scale (1 / rows for a mean).</param>
    /// <param name="rowLoss">Receives each row's loss, or null.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Loss(float* logits, int* targets, int rows, int vocabulary, float* dLogits, float scale, double* rowLoss)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            float* z = logits + (long)r * vocabulary;
            float max = float.NegativeInfinity;
            for (int v = 0; v < vocabulary; v++) max = Math.Max(max, z[v]);
            float sum = 0;
            for (int v = 0; v < vocabulary; v++) sum += MathF.Exp(z[v] - max);
            float lse = max + MathF.Log(sum);
            int y = targets[r];
            float loss = lse - z[y];
            total += loss;
            if (rowLoss is not null) rowLoss[r] = loss;
            if (dLogits is not null)
            {
                float* d = dLogits + (long)r * vocabulary;
                for (int v = 0; v < vocabulary; v++) d[v] = MathF.Exp(z[v] - lse) * scale;
                d[y] -= scale;
            }
        }
        return total;
    }
}
