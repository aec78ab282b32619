using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>Token and position embeddings of the CPU training engine: x[b·T + t] = W_E[token] + W_pos[t], and the
/// gradients scattered back.</summary>
internal static unsafe class EmbeddingKernels
{
    /// <summary>The embedding rows of <paramref name="tokens"/> (batch × length) plus the positions (when given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(int* tokens, int batch, int length, float* wE, float* wPos, float* x, int width)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                int n = b * length + t;
                float* e = wE + (long)tokens[n] * width;
                if (wPos is null) RowKernels.Copy(e, x + (long)n * width, width);
                else RowKernels.Add(e, wPos + (long)t * width, x + (long)n * width, width);
            }
        }
    }

    /// <summary>dW_E[token] += dx[n] and dW_pos[t] += dx[n] for every row (the caller zeroes them first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(int* tokens, int batch, int length, float* dx, float* dWE, float* dWPos, int width)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                int n = b * length + t;
                float* g = dx + (long)n * width, e = dWE + (long)tokens[n] * width;
                RowKernels.Add(e, g, e, width);
                if (dWPos is not null) RowKernels.Add(dWPos + (long)t * width, g, dWPos + (long)t * width, width);
            }
        }
    }
}
