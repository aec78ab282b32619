using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// Element-wise work <see cref="Gemm"/> applies to each block of C right after computing it, while the block is still
/// in the first-level cache: the MLP's bias and ReLU on the way forward (<c>c ← max(c + b, 0)</c>), and on the way back
/// the ReLU mask from the forward output together with the bias gradient (<c>c ← c · [post &gt; 0]</c>,
/// <c>Σ_rows c</c> added to the column sums). The default does nothing.
/// </summary>
internal readonly unsafe struct GemmEpilogue
{
    private readonly float* bias, mask, columnSums;
    private readonly int maskStride;
    private readonly bool relu;

    private GemmEpilogue(bool relu, float* bias, float* mask, int maskStride, float* columnSums)
    {
        this.relu = relu;
        this.bias = bias;
        this.mask = mask;
        this.maskStride = maskStride;
        this.columnSums = columnSums;
    }

    /// <summary>True when the epilogue does something.</summary>
    public bool Active => relu || mask is not null;

    /// <summary>True for bias and ReLU.</summary>
    public bool Relu => relu;

    /// <summary>The bias added before the ReLU, or null.</summary>
    public float* Bias => bias;

    /// <summary>The ReLU mask (the forward output), or null.</summary>
    public float* Mask => mask;

    /// <summary>Floats between rows of <see cref="Mask"/>.</summary>
    public int MaskStride => maskStride;

    /// <summary>Receives the column sums of the masked values, or null.</summary>
    public float* ColumnSums => columnSums;

    /// <summary>c ← max(c + bias, 0) (no bias when null).</summary>
    public static GemmEpilogue BiasRelu(float* bias) => new(true, bias, null, 0, null);

    /// <summary>c ← c where mask &gt; 0, else 0; the results' column sums added to <paramref name="columnSums"/> when given.</summary>
    public static GemmEpilogue ReluMask(float* mask, int maskStride, float* columnSums) => new(false, null, mask, maskStride, columnSums);

    /// <summary>Applies the epilogue to rows i0.. i0+rows−1, columns j0..j0+width−1 of C (rows <paramref name="ldc"/> apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(float* c, int ldc, int i0, int rows, int j0, int width)
    {
        int n = Vector<float>.Count;
        for (int r = 0; r < rows; r++)
        {
            float* row = c + (long)(i0 + r) * ldc + j0;
            int j = 0;
            if (relu)
            {
                for (; j <= width - n; j += n)
                {
                    var v = Vector.Load(row + j);
                    if (bias is not null) v += Vector.Load(bias + j0 + j);
                    Vector.Store(Vector.Max(v, Vector<float>.Zero), row + j);
                }
                for (; j < width; j++) row[j] = Math.Max(bias is null ? row[j] : row[j] + bias[j0 + j], 0f);
            }
            else
            {
                float* m = mask + (long)(i0 + r) * maskStride + j0;
                float* sums = columnSums is null ? null : columnSums + j0;
                for (; j <= width - n; j += n)
                {
                    var v = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(m + j), Vector<float>.Zero), Vector.Load(row + j), Vector<float>.Zero);
                    Vector.Store(v, row + j);
                    if (sums is not null) Vector.Store(Vector.Load(sums + j) + v, sums + j);
                }
                for (; j < width; j++)
                {
                    float v = m[j] > 0 ? row[j] : 0f;
                    row[j] = v;
                    if (sums is not null) sums[j] += v;
                }
            }
        }
    }
}
