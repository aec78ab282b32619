using System.Runtime.CompilerServices;
namespace LmOrganisms.Transformers;

/// <summary>
/// Moves between TransformerLens' per-matrix attention parameters (W_Q, W_K, W_V [H, D, d_head]; b_Q, b_K, b_V
/// [H, d_head]) and the packed projection of the CPU training engine, [D, 3·H·d_head] with q, k, v column blocks and
/// head h at h·d_head inside each block (the module's <c>cat([W_Q, W_K, W_V]).permute(1, 0, 2)</c>).
/// </summary>
internal static unsafe class QkvPacking
{
    /// <summary>packed[d, w·H·d_head + h·d_head + j] = W_w[h, d, j] for w = Q, K, V.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* wQ, float* wK, float* wV, float* packed, int heads, int dModel, int dHead)
    {
        int hd = heads * dHead;
        Pack(wQ, packed, heads, dModel, dHead, 3 * hd);
        Pack(wK, packed + hd, heads, dModel, dHead, 3 * hd);
        Pack(wV, packed + 2 * hd, heads, dModel, dHead, 3 * hd);
    }

    /// <summary>The inverse of <see cref="Pack(float*, float*, float*, float*, int, int, int)"/>: W_w written from packed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(float* packed, float* wQ, float* wK, float* wV, int heads, int dModel, int dHead)
    {
        int hd = heads * dHead;
        Unpack(packed, wQ, heads, dModel, dHead, 3 * hd);
        Unpack(packed + hd, wK, heads, dModel, dHead, 3 * hd);
        Unpack(packed + 2 * hd, wV, heads, dModel, dHead, 3 * hd);
    }

    private static void Pack(float* w, float* packed, int heads, int dModel, int dHead, int stride)
    {
        for (int h = 0; h < heads; h++)
            for (int d = 0; d < dModel; d++)
                new ReadOnlySpan<float>(w + ((long)h * dModel + d) * dHead, dHead).CopyTo(new Span<float>(packed + (long)d * stride + h * dHead, dHead));
    }

    private static void Unpack(float* packed, float* w, int heads, int dModel, int dHead, int stride)
    {
        for (int h = 0; h < heads; h++)
            for (int d = 0; d < dModel; d++)
                new ReadOnlySpan<float>(packed + (long)d * stride + h * dHead, dHead).CopyTo(new Span<float>(w + ((long)h * dModel + d) * dHead, dHead));
    }
}
