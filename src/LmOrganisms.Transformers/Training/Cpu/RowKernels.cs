using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>Row-wise helpers of the CPU training engine over contiguous rows: bias broadcasts, column sums and short
/// vector adds (written out with <see cref="Vector{T}"/>: rows are tens of floats, too short to amortise a library
/// call each).</summary>
internal static unsafe class RowKernels
{
    /// <summary>y[r] = x[r] + bias for every row (a copy when <paramref name="bias"/> is null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyAddBias(float* x, float* y, int rows, int width, float* bias)
    {
        if (bias is null)
        {
            new ReadOnlySpan<float>(x, rows * width).CopyTo(new Span<float>(y, rows * width));
            return;
        }
        for (int r = 0; r < rows; r++) Add(x + (long)r * width, bias, y + (long)r * width, width);
    }

    /// <summary>Every row of y set to <paramref name="bias"/> (zero when null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillRows(float* y, int rows, int width, float* bias)
    {
        if (bias is null)
        {
            new Span<float>(y, rows * width).Clear();
            return;
        }
        for (int r = 0; r < rows; r++) Copy(bias, y + (long)r * width, width);
    }

    /// <summary>sums[j] = Σ_r x[r, j] (written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnSums(float* x, int rows, int width, float* sums)
    {
        new Span<float>(sums, width).Clear();
        for (int r = 0; r < rows; r++) Add(sums, x + (long)r * width, sums, width);
    }

    /// <summary>z = x + y over <paramref name="width"/> floats (z may be x or y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(float* x, float* y, float* z, int width)
    {
        int n = Vector<float>.Count, i = 0;
        for (; i <= width - n; i += n) Vector.Store(Vector.Load(x + i) + Vector.Load(y + i), z + i);
        for (; i < width; i++) z[i] = x[i] + y[i];
    }

    /// <summary>y = x over <paramref name="width"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(float* x, float* y, int width)
    {
        int n = Vector<float>.Count, i = 0;
        for (; i <= width - n; i += n) Vector.Store(Vector.Load(x + i), y + i);
        for (; i < width; i++) y[i] = x[i];
    }
}
