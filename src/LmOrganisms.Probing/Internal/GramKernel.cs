using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LmOrganisms.Probing;

/// <summary>
/// Blocked symmetric rank-k update <c>M += Zᵀ Z</c> (upper triangle only) for a block of rows packed in panels of
/// eight columns: element (r, c) lives at <c>(c / 8) · rows · 8 + r · 8 + c % 8</c>. Register tiles of 6 × 16 with
/// twelve <see cref="Vector512{T}"/> accumulators where 512-bit vectors are accelerated, else 6 × 8 with twelve
/// <see cref="Vector256{T}"/> (the same fused multiply-adds in the same order: the same bits); a scalar path when neither is.
/// </summary>
internal static class GramKernel
{
    /// <summary>Rows of the tile (broadcast side).</summary>
    public const int TileRows = 6;

    /// <summary>Columns of a panel (vector side).</summary>
    public const int PanelWidth = 8;

    /// <summary>Padded dimension so that both 6-row tiles and 8-column panels stay in bounds.</summary>
    public static int PaddedDimension(int q)
    {
        int byTiles = (q + TileRows - 1) / TileRows * TileRows;
        int byPanels = (q + PanelWidth - 1) / PanelWidth * PanelWidth;
        int m = Math.Max(byTiles, byPanels);
        return (m + PanelWidth - 1) / PanelWidth * PanelWidth;
    }

    /// <summary>
    /// Adds <c>Zᵀ Z</c> to the upper triangle (and some entries below it, which callers ignore) of the row-major
    /// <paramref name="m"/> of width <paramref name="mp"/>. <paramref name="packed"/> holds <paramref name="rows"/>
    /// rows of <paramref name="q"/> columns in panels of <paramref name="panelRows"/> rows each.
    /// </summary>
    public static void AddUpper(double[] packed, int panelRows, int rows, int q, double[] m, int mp)
    {
        if (Vector512.IsHardwareAccelerated)
            AddUpperVector512(packed, panelRows, rows, q, m, mp);
        else if (Vector256.IsHardwareAccelerated)
            AddUpperVector(packed, panelRows, rows, q, m, mp);
        else
            AddUpperScalar(packed, panelRows, rows, q, m, mp);
    }

    internal static void AddUpperScalar(double[] packed, int panelRows, int rows, int q, double[] m, int mp)
    {
        int stride = panelRows * PanelWidth;
        for (int i = 0; i < q; i++)
        {
            int ib = (i / PanelWidth) * stride + (i % PanelWidth);
            for (int j = i; j < q; j++)
            {
                int jb = (j / PanelWidth) * stride + (j % PanelWidth);
                double s = 0;
                for (int r = 0; r < rows; r++)
                    s += packed[ib + r * PanelWidth] * packed[jb + r * PanelWidth];
                m[i * mp + j] += s;
            }
        }
    }

    /// <summary>The 512-bit form of the vector kernel: a 6-row tile against two panels (16 columns) at a time in twelve
    /// <see cref="Vector512{T}"/> accumulators. Every entry is the same chain of fused multiply-adds over the rows as in
    /// the 256-bit kernel, so the two give the same bits.</summary>
    internal static void AddUpperVector512(double[] packed, int panelRows, int rows, int q, double[] m, int mp)
    {
        int stride = panelRows * PanelWidth;
        int panels = (q + PanelWidth - 1) / PanelWidth;
        ref double p0 = ref packed[0];
        ref double m0 = ref m[0];
        for (int i0 = 0; i0 < q; i0 += TileRows)
        {
            int firstPanel = i0 / PanelWidth;
            ref double a0 = ref Unsafe.Add(ref p0, Offset(i0, stride));
            ref double a1 = ref Unsafe.Add(ref p0, Offset(i0 + 1, stride));
            ref double a2 = ref Unsafe.Add(ref p0, Offset(i0 + 2, stride));
            ref double a3 = ref Unsafe.Add(ref p0, Offset(i0 + 3, stride));
            ref double a4 = ref Unsafe.Add(ref p0, Offset(i0 + 4, stride));
            ref double a5 = ref Unsafe.Add(ref p0, Offset(i0 + 5, stride));
            int jp = firstPanel;
            for (; jp + 1 < panels; jp += 2)
            {
                ref double pj = ref Unsafe.Add(ref p0, jp * stride);
                ref double pk = ref Unsafe.Add(ref p0, (jp + 1) * stride);
                Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default,
                    c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default,
                    c51 = default;
                for (int r = 0; r < rows; r++)
                {
                    nuint o = (nuint)(r * PanelWidth);
                    var z0 = Vector512.LoadUnsafe(ref pj, o);
                    var z1 = Vector512.LoadUnsafe(ref pk, o);
                    var b = Vector512.Create(Unsafe.Add(ref a0, o));
                    c00 = Vector512.FusedMultiplyAdd(b, z0, c00);
                    c01 = Vector512.FusedMultiplyAdd(b, z1, c01);
                    b = Vector512.Create(Unsafe.Add(ref a1, o));
                    c10 = Vector512.FusedMultiplyAdd(b, z0, c10);
                    c11 = Vector512.FusedMultiplyAdd(b, z1, c11);
                    b = Vector512.Create(Unsafe.Add(ref a2, o));
                    c20 = Vector512.FusedMultiplyAdd(b, z0, c20);
                    c21 = Vector512.FusedMultiplyAdd(b, z1, c21);
                    b = Vector512.Create(Unsafe.Add(ref a3, o));
                    c30 = Vector512.FusedMultiplyAdd(b, z0, c30);
                    c31 = Vector512.FusedMultiplyAdd(b, z1, c31);
                    b = Vector512.Create(Unsafe.Add(ref a4, o));
                    c40 = Vector512.FusedMultiplyAdd(b, z0, c40);
                    c41 = Vector512.FusedMultiplyAdd(b, z1, c41);
                    b = Vector512.Create(Unsafe.Add(ref a5, o));
                    c50 = Vector512.FusedMultiplyAdd(b, z0, c50);
                    c51 = Vector512.FusedMultiplyAdd(b, z1, c51);
                }
                int col = jp * PanelWidth;
                Accumulate(ref m0, i0 * mp + col, c00, c01);
                Accumulate(ref m0, (i0 + 1) * mp + col, c10, c11);
                Accumulate(ref m0, (i0 + 2) * mp + col, c20, c21);
                Accumulate(ref m0, (i0 + 3) * mp + col, c30, c31);
                Accumulate(ref m0, (i0 + 4) * mp + col, c40, c41);
                Accumulate(ref m0, (i0 + 5) * mp + col, c50, c51);
            }
            if (jp < panels)
            {
                ref double pj = ref Unsafe.Add(ref p0, jp * stride);
                Vector512<double> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
                for (int r = 0; r < rows; r++)
                {
                    nuint o = (nuint)(r * PanelWidth);
                    var z = Vector512.LoadUnsafe(ref pj, o);
                    c0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a0, o)), z, c0);
                    c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a1, o)), z, c1);
                    c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a2, o)), z, c2);
                    c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a3, o)), z, c3);
                    c4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a4, o)), z, c4);
                    c5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a5, o)), z, c5);
                }
                int col = jp * PanelWidth;
                Accumulate(ref m0, i0 * mp + col, c0);
                Accumulate(ref m0, (i0 + 1) * mp + col, c1);
                Accumulate(ref m0, (i0 + 2) * mp + col, c2);
                Accumulate(ref m0, (i0 + 3) * mp + col, c3);
                Accumulate(ref m0, (i0 + 4) * mp + col, c4);
                Accumulate(ref m0, (i0 + 5) * mp + col, c5);
            }
        }
    }

    internal static void AddUpperVector(double[] packed, int panelRows, int rows, int q, double[] m, int mp)
    {
        int stride = panelRows * PanelWidth;
        int panels = (q + PanelWidth - 1) / PanelWidth;
        ref double p0 = ref packed[0];
        ref double m0 = ref m[0];
        for (int i0 = 0; i0 < q; i0 += TileRows)
        {
            int firstPanel = i0 / PanelWidth;
            ref double a0 = ref Unsafe.Add(ref p0, Offset(i0, stride));
            ref double a1 = ref Unsafe.Add(ref p0, Offset(i0 + 1, stride));
            ref double a2 = ref Unsafe.Add(ref p0, Offset(i0 + 2, stride));
            ref double a3 = ref Unsafe.Add(ref p0, Offset(i0 + 3, stride));
            ref double a4 = ref Unsafe.Add(ref p0, Offset(i0 + 4, stride));
            ref double a5 = ref Unsafe.Add(ref p0, Offset(i0 + 5, stride));
            for (int jp = firstPanel; jp < panels; jp++)
            {
                ref double pj = ref Unsafe.Add(ref p0, jp * stride);
                Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default,
                    c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default,
                    c51 = default;
                for (int r = 0; r < rows; r++)
                {
                    nuint o = (nuint)(r * PanelWidth);
                    var z0 = Vector256.LoadUnsafe(ref pj, o);
                    var z1 = Vector256.LoadUnsafe(ref pj, o + 4);
                    var b = Vector256.Create(Unsafe.Add(ref a0, o));
                    c00 = Vector256.FusedMultiplyAdd(b, z0, c00);
                    c01 = Vector256.FusedMultiplyAdd(b, z1, c01);
                    b = Vector256.Create(Unsafe.Add(ref a1, o));
                    c10 = Vector256.FusedMultiplyAdd(b, z0, c10);
                    c11 = Vector256.FusedMultiplyAdd(b, z1, c11);
                    b = Vector256.Create(Unsafe.Add(ref a2, o));
                    c20 = Vector256.FusedMultiplyAdd(b, z0, c20);
                    c21 = Vector256.FusedMultiplyAdd(b, z1, c21);
                    b = Vector256.Create(Unsafe.Add(ref a3, o));
                    c30 = Vector256.FusedMultiplyAdd(b, z0, c30);
                    c31 = Vector256.FusedMultiplyAdd(b, z1, c31);
                    b = Vector256.Create(Unsafe.Add(ref a4, o));
                    c40 = Vector256.FusedMultiplyAdd(b, z0, c40);
                    c41 = Vector256.FusedMultiplyAdd(b, z1, c41);
                    b = Vector256.Create(Unsafe.Add(ref a5, o));
                    c50 = Vector256.FusedMultiplyAdd(b, z0, c50);
                    c51 = Vector256.FusedMultiplyAdd(b, z1, c51);
                }
                int col = jp * PanelWidth;
                Accumulate(ref m0, i0 * mp + col, c00, c01);
                Accumulate(ref m0, (i0 + 1) * mp + col, c10, c11);
                Accumulate(ref m0, (i0 + 2) * mp + col, c20, c21);
                Accumulate(ref m0, (i0 + 3) * mp + col, c30, c31);
                Accumulate(ref m0, (i0 + 4) * mp + col, c40, c41);
                Accumulate(ref m0, (i0 + 5) * mp + col, c50, c51);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Offset(int column, int stride) => (column / PanelWidth) * stride + (column % PanelWidth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref double m0, int at, Vector512<double> first, Vector512<double> second)
    {
        nuint o = (nuint)at;
        (Vector512.LoadUnsafe(ref m0, o) + first).StoreUnsafe(ref m0, o);
        (Vector512.LoadUnsafe(ref m0, o + PanelWidth) + second).StoreUnsafe(ref m0, o + PanelWidth);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref double m0, int at, Vector512<double> panel)
    {
        nuint o = (nuint)at;
        (Vector512.LoadUnsafe(ref m0, o) + panel).StoreUnsafe(ref m0, o);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref double m0, int at, Vector256<double> lo, Vector256<double> hi)
    {
        nuint o = (nuint)at;
        (Vector256.LoadUnsafe(ref m0, o) + lo).StoreUnsafe(ref m0, o);
        (Vector256.LoadUnsafe(ref m0, o + 4) + hi).StoreUnsafe(ref m0, o + 4);
    }
}
