namespace LmOrganisms.Transformers;

/// <summary>Token and position embeddings of the CPU training engine: x[b·T + t] = W_E[token] + W_pos[t], and the
/// gradients scattered back.</summary>
internal static unsafe class EmbeddingKernels
{
    /// <summary>The embedding rows of <paramref name="tokens"/> (batch × length) plus the positions (when given).</summary>
    public static void Forward(int* tokens, int batch, int length, float* wE, float* wPos, float* x, int width)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                int n = b * length + t;
                var row = new Span<float>(x + (long)n * width, width);
                var e = new ReadOnlySpan<float>(wE + (long)tokens[n] * width, width);
                if (wPos is null) e.CopyTo(row);
                else System.Numerics.Tensors.TensorPrimitives.Add(e, new ReadOnlySpan<float>(wPos + (long)t * width, width), row);
            }
        }
    }

    /// <summary>dW_E[token] += dx[n] and dW_pos[t] += dx[n] for every row (the caller zeroes them first).</summary>
    public static void Backward(int* tokens, int batch, int length, float* dx, float* dWE, float* dWPos, int width)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                int n = b * length + t;
                var g = new ReadOnlySpan<float>(dx + (long)n * width, width);
                var e = new Span<float>(dWE + (long)tokens[n] * width, width);
                System.Numerics.Tensors.TensorPrimitives.Add(e, g, e);
                if (dWPos is not null)
                {
                    var p = new Span<float>(dWPos + (long)t * width, width);
                    System.Numerics.Tensors.TensorPrimitives.Add(p, g, p);
                }
            }
        }
    }
}
