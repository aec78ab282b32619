using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// Causal multi-head attention of the CPU training engine on packed projections: row n = b·T + t of <c>qkv</c> holds
/// q (H·d_head), then k, then v, head h at columns h·d_head; <c>z</c> row n holds the heads' outputs in the same head
/// order (TransformerLens z [B, T, H, d_head] flattened); the pattern is [B, H, T, T]. Scores are q·k scaled by
/// 1/sqrt(d_head), masked above the diagonal and soft-maxed (the module's <see cref="Attention"/>).
/// </summary>
internal static unsafe class AttentionKernels
{
    /// <summary>z and the pattern from qkv.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(float* qkv, float* z, float* pattern, int batch, int length, int heads, int dHead, float scale)
    {
        int hd = heads * dHead, stride = 3 * hd, w = Vector<float>.Count;
        int padded = (length + w - 1) / w * w;
        // The keys of one (sequence, head) transposed, kt[j, s] = k_s[j], so that a query's scores come out w at a time.
        Span<float> keysT = dHead * padded <= 4096 ? stackalloc float[dHead * padded] : new float[dHead * padded];
        Span<float> scores = padded <= 1024 ? stackalloc float[padded] : new float[padded];
        keysT.Clear();
        fixed (float* kt = keysT)
        fixed (float* row = scores)
        {
            var vscale = new Vector<float>(scale);
            for (int b = 0; b < batch; b++)
            {
                float* rows = qkv + (long)b * length * stride;
                for (int h = 0; h < heads; h++)
                {
                    for (int s = 0; s < length; s++)
                    {
                        float* k = rows + (long)s * stride + hd + h * dHead;
                        for (int j = 0; j < dHead; j++) kt[j * padded + s] = k[j];
                    }
                    float* p = pattern + ((long)b * heads + h) * length * length;
                    for (int t = 0; t < length; t++)
                    {
                        float* q = rows + (long)t * stride + h * dHead;
                        int chunks = t / w + 1;
                        for (int c = 0; c < chunks; c++)
                        {
                            var acc = Vector<float>.Zero;
                            for (int j = 0; j < dHead; j++) acc += new Vector<float>(q[j]) * Vector.Load(kt + j * padded + c * w);
                            Vector.Store(acc * vscale, row + c * w);
                        }
                        float max = float.NegativeInfinity;
                        for (int s = 0; s <= t; s++) max = Math.Max(max, row[s]);
                        var vmax = new Vector<float>(max);
                        for (int c = 0; c < chunks; c++) Vector.Store(VectorExp.Exp(Vector.Load(row + c * w) - vmax), row + c * w);
                        float sum = 0;
                        for (int s = 0; s <= t; s++) sum += row[s];
                        float* pt = p + t * length;
                        for (int s = 0; s <= t; s++) pt[s] = row[s] / sum;
                        for (int s = t + 1; s < length; s++) pt[s] = 0;
                        float* zt = z + ((long)b * length + t) * hd + h * dHead;
                        new Span<float>(zt, dHead).Clear();
                        for (int s = 0; s <= t; s++) Axpy(zt, pt[s], rows + (long)s * stride + 2 * hd + h * dHead, dHead);
                    }
                }
            }
        }
    }

    /// <summary>The gradient with respect to qkv (written) from the gradient with respect to z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(float* qkv, float* pattern, float* dz, float* dqkv, int batch, int length, int heads, int dHead, float scale)
    {
        int hd = heads * dHead, stride = 3 * hd;
        new Span<float>(dqkv, batch * length * stride).Clear();
        Span<float> dp = length <= 256 ? stackalloc float[length] : new float[length];
        for (int b = 0; b < batch; b++)
        {
            float* rows = qkv + (long)b * length * stride;
            float* drows = dqkv + (long)b * length * stride;
            for (int h = 0; h < heads; h++)
            {
                float* p = pattern + ((long)b * heads + h) * length * length;
                int qo = h * dHead, ko = hd + h * dHead, vo = 2 * hd + h * dHead;
                for (int t = 0; t < length; t++)
                {
                    float* pt = p + t * length;
                    float* dzt = dz + ((long)b * length + t) * hd + h * dHead;
                    float dot = 0;
                    for (int s = 0; s <= t; s++)
                    {
                        float g = Dot(dzt, rows + (long)s * stride + vo, dHead);
                        dp[s] = g;
                        dot += pt[s] * g;
                    }
                    float* q = rows + (long)t * stride + qo;
                    float* dq = drows + (long)t * stride + qo;
                    for (int s = 0; s <= t; s++)
                    {
                        float ds = pt[s] * (dp[s] - dot) * scale;
                        Axpy(dq, ds, rows + (long)s * stride + ko, dHead);
                        Axpy(drows + (long)s * stride + ko, ds, q, dHead);
                        Axpy(drows + (long)s * stride + vo, pt[s], dzt, dHead);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* x, float* y, int n)
    {
        int w = Vector<float>.Count, i = 0;
        float sum = 0;
        if (n >= w)
        {
            var acc = Vector.Load(x) * Vector.Load(y);
            for (i = w; i <= n - w; i += w) acc += Vector.Load(x + i) * Vector.Load(y + i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    // y += a·x
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(float* y, float a, float* x, int n)
    {
        int w = Vector<float>.Count, i = 0;
        var va = new Vector<float>(a);
        for (; i <= n - w; i += w) Vector.Store(Vector.Load(y + i) + va * Vector.Load(x + i), y + i);
        for (; i < n; i++) y[i] += a * x[i];
    }
}
