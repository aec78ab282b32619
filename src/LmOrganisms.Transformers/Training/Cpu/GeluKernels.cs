using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// GELU in its exact (erf) form as <c>nn.functional.gelu</c> computes it, <c>x · Φ(x)</c>, with the MLP's input bias
/// folded in, for the CPU training engine (ReLU is applied inside the matrix products, see <see cref="GemmEpilogue"/>).
/// erf uses Abramowitz and Stegun 7.1.26 (absolute error below 1.5·10⁻⁷, the approximation libtorch's vectorised CPU
/// kernel uses).
/// </summary>
internal static unsafe class GeluKernels
{
    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private const float InverseSqrt2 = 0.70710678118654752f;
    private const float InverseSqrt2Pi = 0.39894228040143268f;

    /// <summary>pre += bias (when given) in place, then post = GELU(pre), for rows × width floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(float* pre, float* post, int rows, int width, float* bias)
    {
        int n = Vector<float>.Count;
        for (int r = 0; r < rows; r++)
        {
            float* x = pre + (long)r * width, y = post + (long)r * width;
            int i = 0;
            for (; i <= width - n; i += n)
            {
                var v = Vector.Load(x + i);
                if (bias is not null)
                {
                    v += Vector.Load(bias + i);
                    Vector.Store(v, x + i);
                }
                Vector.Store(v * Cdf(v, out _), y + i);
            }
            for (; i < width; i++)
            {
                float v = x[i];
                if (bias is not null) x[i] = v += bias[i];
                y[i] = v * Cdf(v, out _);
            }
        }
    }

    /// <summary>dPost · GELU′(pre) written over dPost; its column sums written to <paramref name="dBias"/> when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(float* pre, float* dPost, int rows, int width, float* dBias)
    {
        if (dBias is not null) new Span<float>(dBias, width).Clear();
        int n = Vector<float>.Count;
        for (int r = 0; r < rows; r++)
        {
            float* x = pre + (long)r * width, d = dPost + (long)r * width;
            int i = 0;
            for (; i <= width - n; i += n)
            {
                var v = Vector.Load(x + i);
                var g = Vector.Load(d + i);
                var cdf = Cdf(v, out var gauss);
                g *= cdf + v * gauss * new Vector<float>(InverseSqrt2Pi);
                Vector.Store(g, d + i);
                if (dBias is not null) Vector.Store(Vector.Load(dBias + i) + g, dBias + i);
            }
            for (; i < width; i++)
            {
                float v = x[i], g = d[i];
                float cdf = Cdf(v, out float gauss);
                g *= cdf + v * gauss * InverseSqrt2Pi;
                d[i] = g;
                if (dBias is not null) dBias[i] += g;
            }
        }
    }

    // Φ(x) = (1 + erf(x/√2)) / 2; gauss = exp(−x²/2).
    private static Vector<float> Cdf(Vector<float> x, out Vector<float> gauss)
    {
        var u = Vector.Abs(x) * new Vector<float>(InverseSqrt2);
        var t = Vector<float>.One / (Vector<float>.One + new Vector<float>(P) * u);
        var poly = ((((new Vector<float>(A5) * t + new Vector<float>(A4)) * t + new Vector<float>(A3)) * t + new Vector<float>(A2)) * t + new Vector<float>(A1)) * t;
        gauss = VectorExp.Exp(-(u * u));
        var erf = Vector<float>.One - poly * gauss;
        erf = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -erf, erf);
        return new Vector<float>(0.5f) * (Vector<float>.One + erf);
    }

    private static float Cdf(float x, out float gauss)
    {
        float u = Math.Abs(x) * InverseSqrt2;
        float t = 1f / (1f + P * u);
        float poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        gauss = MathF.Exp(-(u * u));
        float erf = 1f - poly * gauss;
        if (x < 0) erf = -erf;
        return 0.5f * (1f + erf);
    }
}
