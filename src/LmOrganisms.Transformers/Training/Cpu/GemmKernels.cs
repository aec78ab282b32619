using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LmOrganisms.Transformers;

/// <summary>
/// The register blocks of <see cref="Gemm"/>: C[r × 32] (+)= A[r × k]·B[k × 32] with A(i, p) at
/// <c>a[i · ars + p · acs]</c>, B rows <c>ldb</c> floats apart and C rows <c>ldc</c> apart. Every output element is one
/// fused multiply-add chain over p = 0..k−1 in ascending order.
/// </summary>
internal static unsafe class GemmKernels
{
    /// <summary>8 rows with 16 AVX-512 accumulators; the epilogue applied in registers (rows i0.., columns j0.. of C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows8(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, int k, bool accumulate, in GemmEpilogue epilogue, int i0, int j0)
    {
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        float* a0 = a, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars, a6 = a5 + ars, a7 = a6 + ars;
        nint offset = 0, step = acs;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            b += ldb;
            var x = Vector512.Create(a0[offset]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[offset]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[offset]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[offset]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[offset]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a5[offset]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a6[offset]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a7[offset]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            offset += step;
        }
        if (!epilogue.Active)
        {
            Store(c, c00, c01, accumulate); c += ldc;
            Store(c, c10, c11, accumulate); c += ldc;
            Store(c, c20, c21, accumulate); c += ldc;
            Store(c, c30, c31, accumulate); c += ldc;
            Store(c, c40, c41, accumulate); c += ldc;
            Store(c, c50, c51, accumulate); c += ldc;
            Store(c, c60, c61, accumulate); c += ldc;
            Store(c, c70, c71, accumulate);
            return;
        }
        var e = new BlockEpilogue(epilogue, i0, j0);
        e.Store(c, c00, c01, accumulate, 0); c += ldc;
        e.Store(c, c10, c11, accumulate, 1); c += ldc;
        e.Store(c, c20, c21, accumulate, 2); c += ldc;
        e.Store(c, c30, c31, accumulate, 3); c += ldc;
        e.Store(c, c40, c41, accumulate, 4); c += ldc;
        e.Store(c, c50, c51, accumulate, 5); c += ldc;
        e.Store(c, c60, c61, accumulate, 6); c += ldc;
        e.Store(c, c70, c71, accumulate, 7);
        e.Finish();
    }

    // The epilogue of one 8 × 32 block in AVX-512 registers.
    private ref struct BlockEpilogue
    {
        private readonly bool relu;
        private readonly Vector512<float> bias0, bias1;
        private readonly float* mask, sums;
        private readonly int maskStride;
        private Vector512<float> sum0, sum1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public BlockEpilogue(in GemmEpilogue epilogue, int i0, int j0)
        {
            relu = epilogue.Relu;
            bias0 = epilogue.Bias is null ? Vector512<float>.Zero : Vector512.Load(epilogue.Bias + j0);
            bias1 = epilogue.Bias is null ? Vector512<float>.Zero : Vector512.Load(epilogue.Bias + j0 + 16);
            mask = epilogue.Mask is null ? null : epilogue.Mask + (long)i0 * epilogue.MaskStride + j0;
            maskStride = epilogue.MaskStride;
            sums = epilogue.ColumnSums is null ? null : epilogue.ColumnSums + j0;
            sum0 = Vector512<float>.Zero;
            sum1 = Vector512<float>.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* c, Vector512<float> v0, Vector512<float> v1, bool accumulate, int row)
        {
            if (accumulate)
            {
                v0 += Vector512.Load(c);
                v1 += Vector512.Load(c + 16);
            }
            if (relu)
            {
                v0 = Vector512.Max(v0 + bias0, Vector512<float>.Zero);
                v1 = Vector512.Max(v1 + bias1, Vector512<float>.Zero);
            }
            else
            {
                float* m = mask + (long)row * maskStride;
                v0 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Load(m), Vector512<float>.Zero), v0, Vector512<float>.Zero);
                v1 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Load(m + 16), Vector512<float>.Zero), v1, Vector512<float>.Zero);
                sum0 += v0;
                sum1 += v1;
            }
            v0.Store(c);
            v1.Store(c + 16);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Finish()
        {
            if (sums is null) return;
            (Vector512.Load(sums) + sum0).Store(sums);
            (Vector512.Load(sums + 16) + sum1).Store(sums + 16);
        }
    }

    /// <summary>One row with two AVX-512 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row512(float* a, int acs, float* b, int ldb, float* c, int k, bool accumulate)
    {
        var c0 = Vector512<float>.Zero; var c1 = Vector512<float>.Zero;
        nint offset = 0, step = acs;
        for (int p = 0; p < k; p++)
        {
            var x = Vector512.Create(a[offset]);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(b), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(b + 16), c1);
            b += ldb;
            offset += step;
        }
        Store(c, c0, c1, accumulate);
    }

    /// <summary>2 rows with 8 AVX2 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows2(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, int k, bool accumulate)
    {
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero; var c02 = Vector256<float>.Zero; var c03 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero; var c12 = Vector256<float>.Zero; var c13 = Vector256<float>.Zero;
        float* a0 = a, a1 = a + ars;
        nint offset = 0, step = acs;
        for (int p = 0; p < k; p++)
        {
            var x0 = Vector256.Create(a0[offset]);
            var x1 = Vector256.Create(a1[offset]);
            var b0 = Vector256.Load(b);
            c00 = Vector256.FusedMultiplyAdd(x0, b0, c00); c10 = Vector256.FusedMultiplyAdd(x1, b0, c10);
            var b1 = Vector256.Load(b + 8);
            c01 = Vector256.FusedMultiplyAdd(x0, b1, c01); c11 = Vector256.FusedMultiplyAdd(x1, b1, c11);
            var b2 = Vector256.Load(b + 16);
            c02 = Vector256.FusedMultiplyAdd(x0, b2, c02); c12 = Vector256.FusedMultiplyAdd(x1, b2, c12);
            var b3 = Vector256.Load(b + 24);
            c03 = Vector256.FusedMultiplyAdd(x0, b3, c03); c13 = Vector256.FusedMultiplyAdd(x1, b3, c13);
            b += ldb;
            offset += step;
        }
        Store(c, c00, c01, c02, c03, accumulate);
        Store(c + ldc, c10, c11, c12, c13, accumulate);
    }

    /// <summary>One row with four AVX2 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row256(float* a, int acs, float* b, int ldb, float* c, int k, bool accumulate)
    {
        var c0 = Vector256<float>.Zero; var c1 = Vector256<float>.Zero; var c2 = Vector256<float>.Zero; var c3 = Vector256<float>.Zero;
        nint offset = 0, step = acs;
        for (int p = 0; p < k; p++)
        {
            var x = Vector256.Create(a[offset]);
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + 8), c1);
            c2 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + 16), c2);
            c3 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + 24), c3);
            b += ldb;
            offset += step;
        }
        Store(c, c0, c1, c2, c3, accumulate);
    }

    /// <summary>One row without vector hardware (the same fused multiply-add chain per element).</summary>
    public static void RowScalar(float* a, int acs, float* b, int ldb, float* c, int k, bool accumulate)
    {
        for (int j = 0; j < Gemm.PanelWidth; j++)
        {
            float sum = 0;
            for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[(long)p * acs], b[(long)p * ldb + j], sum);
            c[j] = accumulate ? c[j] + sum : sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> v0, Vector512<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + 16);
        }
        v0.Store(c);
        v1.Store(c + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
            v2 += Vector256.Load(c + 16);
            v3 += Vector256.Load(c + 24);
        }
        v0.Store(c);
        v1.Store(c + 8);
        v2.Store(c + 16);
        v3.Store(c + 24);
    }
}
