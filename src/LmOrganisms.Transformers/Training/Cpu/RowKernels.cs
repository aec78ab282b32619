using System.Numerics.Tensors;

namespace LmOrganisms.Transformers;

/// <summary>Row-wise helpers of the CPU training engine: bias broadcasts and column sums over contiguous rows.</summary>
internal static unsafe class RowKernels
{
    /// <summary>y[r] = x[r] + bias for every row (a copy when <paramref name="bias"/> is null).</summary>
    public static void CopyAddBias(float* x, float* y, int rows, int width, float* bias)
    {
        if (bias is null)
        {
            new ReadOnlySpan<float>(x, rows * width).CopyTo(new Span<float>(y, rows * width));
            return;
        }
        var b = new ReadOnlySpan<float>(bias, width);
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Add(new ReadOnlySpan<float>(x + (long)r * width, width), b, new Span<float>(y + (long)r * width, width));
    }

    /// <summary>Every row of y set to <paramref name="bias"/> (zero when null).</summary>
    public static void FillRows(float* y, int rows, int width, float* bias)
    {
        if (bias is null)
        {
            new Span<float>(y, rows * width).Clear();
            return;
        }
        var b = new ReadOnlySpan<float>(bias, width);
        for (int r = 0; r < rows; r++) b.CopyTo(new Span<float>(y + (long)r * width, width));
    }

    /// <summary>sums[j] = Σ_r x[r, j] (written).</summary>
    public static void ColumnSums(float* x, int rows, int width, float* sums)
    {
        var s = new Span<float>(sums, width);
        s.Clear();
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(s, new ReadOnlySpan<float>(x + (long)r * width, width), s);
    }
}
