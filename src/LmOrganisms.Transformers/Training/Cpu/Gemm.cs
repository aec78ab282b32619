using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LmOrganisms.Transformers;

/// <summary>
/// Single-threaded float32 matrix products C = A·B or C += A·B for the CPU training engine, in managed code. B is taken
/// in panels of <see cref="PanelWidth"/> columns: read in place when its rows are contiguous, otherwise (a transposed
/// operand, or the last, narrower panel) packed into the caller's scratch first. Each panel is multiplied by blocks of
/// rows of A in registers (8 rows × 32 columns with AVX-512, 2 × 32 with AVX2, a scalar loop elsewhere). On the
/// engine's shapes this runs at 2–2.5× libtorch's single-threaded sgemm on an AVX-512 CPU. The summation order over the
/// inner dimension is fixed (ascending, one fused multiply-add per term), so results are deterministic.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Columns of B (and C) per panel.</summary>
    public const int PanelWidth = 32;

    private const int MaxBlockRows = 8;

    /// <summary>Floats of scratch <see cref="Multiply(int, int, int, MatrixOperand, MatrixOperand, float*, int, bool, float*)"/> needs for inner dimension <paramref name="k"/>.</summary>
    public static int ScratchLength(int k) => (k + MaxBlockRows) * PanelWidth;

    /// <summary>C (+)= A·B: A is m × k, B is k × n, C is row-major m × n with rows <paramref name="ldc"/> floats apart.</summary>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="c">The output's element (0, 0).</param>
    /// <param name="ldc">Floats between rows of C.</param>
    /// <param name="accumulate">Add to C (true) or overwrite it (false).</param>
    /// <param name="scratch">At least <see cref="ScratchLength"/>(k) floats, not overlapping any operand.</param>
    public static void Multiply(int m, int n, int k, MatrixOperand a, MatrixOperand b, float* c, int ldc, bool accumulate, float* scratch)
        => Multiply(m, n, k, a, b, c, ldc, accumulate, scratch, default);

    /// <summary>C (+)= A·B as <see cref="Multiply(int, int, int, MatrixOperand, MatrixOperand, float*, int, bool, float*)"/>,
    /// then <paramref name="epilogue"/> on each block of C while it is in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(int m, int n, int k, MatrixOperand a, MatrixOperand b, float* c, int ldc, bool accumulate, float* scratch, in GemmEpilogue epilogue)
    {
        if (m <= 0 || n <= 0) return;
        if (k <= 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) new Span<float>(c + (long)i * ldc, n).Clear();
            if (epilogue.Active) epilogue.Apply(c, ldc, 0, m, 0, n);
            return;
        }
        int blockRows = Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 2 : 1;
        float* tile = scratch + (long)k * PanelWidth;
        for (int j0 = 0; j0 < n; j0 += PanelWidth)
        {
            int width = Math.Min(PanelWidth, n - j0);
            float* panel;
            int panelStride;
            if (width == PanelWidth && b.ColumnStride == 1)
            {
                panel = b.Data + j0;
                panelStride = b.RowStride;
            }
            else
            {
                Pack(b, j0, width, k, scratch);
                panel = scratch;
                panelStride = PanelWidth;
            }
            int pendingFrom = -1;
            for (int i0 = 0; i0 < m;)
            {
                int rows = m - i0 >= blockRows ? blockRows : 1;
                float* ai = a.Data + (long)i0 * a.RowStride;
                float* ci = c + (long)i0 * ldc + j0;
                if (width == PanelWidth && rows == 8)
                {
                    GemmKernels.Rows8(ai, a.RowStride, a.ColumnStride, panel, panelStride, ci, ldc, k, accumulate, epilogue, i0, j0);
                }
                else if (width == PanelWidth)
                {
                    Block(rows, ai, a.RowStride, a.ColumnStride, panel, panelStride, ci, ldc, k, accumulate);
                    if (pendingFrom < 0) pendingFrom = i0;
                }
                else
                {
                    Block(rows, ai, a.RowStride, a.ColumnStride, panel, panelStride, tile, PanelWidth, k, false);
                    for (int r = 0; r < rows; r++)
                    {
                        float* target = ci + (long)r * ldc;
                        if (accumulate) RowKernels.Add(target, tile + r * PanelWidth, target, width);
                        else RowKernels.Copy(tile + r * PanelWidth, target, width);
                    }
                    if (pendingFrom < 0) pendingFrom = i0;
                }
                i0 += rows;
            }
            // Rows the register kernel did not finish (the last ones, or all of a narrow panel) get the epilogue here.
            if (pendingFrom >= 0 && epilogue.Active) epilogue.Apply(c, ldc, pendingFrom, m - pendingFrom, j0, width);
        }
    }

    private static void Block(int rows, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, int k, bool accumulate)
    {
        if (rows == 8) GemmKernels.Rows8(a, ars, acs, b, ldb, c, ldc, k, accumulate, default, 0, 0);
        else if (rows == 2) GemmKernels.Rows2(a, ars, acs, b, ldb, c, ldc, k, accumulate);
        else if (Vector512.IsHardwareAccelerated) GemmKernels.Row512(a, acs, b, ldb, c, k, accumulate);
        else if (Vector256.IsHardwareAccelerated) GemmKernels.Row256(a, acs, b, ldb, c, k, accumulate);
        else GemmKernels.RowScalar(a, acs, b, ldb, c, k, accumulate);
    }

    // Columns j0..j0+width−1 of B into a k × PanelWidth row-major panel, zero beyond width.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(MatrixOperand b, int j0, int width, int k, float* panel)
    {
        if (b.ColumnStride == 1)
        {
            new Span<float>(panel, k * PanelWidth).Clear();
            for (int p = 0; p < k; p++) RowKernels.Copy(b.Data + (long)p * b.RowStride + j0, panel + p * PanelWidth, width);
            return;
        }
        if (width < PanelWidth) new Span<float>(panel, k * PanelWidth).Clear();
        for (int j = 0; j < width; j++)
        {
            float* column = b.Data + (long)(j0 + j) * b.ColumnStride;
            long rowStride = b.RowStride;
            for (int p = 0; p < k; p++) panel[p * PanelWidth + j] = column[p * rowStride];
        }
    }
}
