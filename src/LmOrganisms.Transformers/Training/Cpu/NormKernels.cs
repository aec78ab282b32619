using System.Numerics;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// Row-wise normalisation of the CPU training engine, forward and backward, with the module's equations
/// (<see cref="Norm"/>): LayerNorm <c>(x − mean) · rstd · w + b</c> with <c>rstd = 1 / sqrt(var + ε)</c> (biased variance),
/// RMSNorm <c>x · rstd · w</c> with <c>rstd = 1 / sqrt(mean(x²) + ε)</c>, RMSNorm without gain, or the identity. The forward
/// pass saves mean and rstd per row; the backward pass recomputes the normalised input from them.
/// </summary>
internal static unsafe class NormKernels
{
    /// <summary>y = norm(x) for <paramref name="rows"/> rows of <paramref name="width"/> floats.</summary>
    /// <param name="kind">The normalisation.</param>
    /// <param name="x">Input rows (contiguous).</param>
    /// <param name="y">Output rows (contiguous; may not alias <paramref name="x"/>).</param>
    /// <param name="rows">Rows.</param>
    /// <param name="width">Floats per row.</param>
    /// <param name="gain">The gain w, or null (none).</param>
    /// <param name="bias">The bias b, or null (none).</param>
    /// <param name="mean">Receives each row's mean (LayerNorm).</param>
    /// <param name="rstd">Receives each row's reciprocal scale.</param>
    /// <param name="epsilon">ε.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(NormalizationKind kind, float* x, float* y, int rows, int width, float* gain, float* bias, float* mean, float* rstd, float epsilon)
    {
        if (kind == NormalizationKind.None)
        {
            new ReadOnlySpan<float>(x, rows * width).CopyTo(new Span<float>(y, rows * width));
            return;
        }
        bool centre = kind == NormalizationKind.LayerNorm;
        for (int r = 0; r < rows; r++)
        {
            float* xr = x + (long)r * width, yr = y + (long)r * width;
            float mu = centre ? Sum(xr, width) / width : 0f;
            float variance = SumOfSquaredDeviations(xr, width, mu) / width;
            float s = 1f / MathF.Sqrt(variance + epsilon);
            mean[r] = mu;
            rstd[r] = s;
            Normalise(xr, yr, width, mu, s, gain, bias);
        }
    }

    /// <summary>The gradient with respect to the input of <see cref="Forward"/>, added to (or written into)
    /// <paramref name="dx"/>, and the gain and bias gradients added to <paramref name="dGain"/> and <paramref name="dBias"/>.</summary>
    /// <param name="kind">The normalisation.</param>
    /// <param name="dy">Gradient with respect to the output rows.</param>
    /// <param name="x">The forward pass's input rows.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="width">Floats per row.</param>
    /// <param name="gain">The gain, or null.</param>
    /// <param name="mean">The forward pass's means.</param>
    /// <param name="rstd">The forward pass's reciprocal scales.</param>
    /// <param name="dx">Gradient with respect to the input rows (may alias <paramref name="dy"/> only when not accumulating).</param>
    /// <param name="accumulate">Add to <paramref name="dx"/> (true) or overwrite it.</param>
    /// <param name="dGain">Receives Σ dy·x̂ added, or null.</param>
    /// <param name="dBias">Receives Σ dy added, or null.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(NormalizationKind kind, float* dy, float* x, int rows, int width, float* gain, float* mean, float* rstd,
        float* dx, bool accumulate, float* dGain, float* dBias)
    {
        if (kind == NormalizationKind.None)
        {
            var source = new ReadOnlySpan<float>(dy, rows * width);
            var target = new Span<float>(dx, rows * width);
            if (accumulate) System.Numerics.Tensors.TensorPrimitives.Add(target, source, target);
            else source.CopyTo(target);
            return;
        }
        bool centre = kind == NormalizationKind.LayerNorm;
        int n = Vector<float>.Count;
        for (int r = 0; r < rows; r++)
        {
            float* dyr = dy + (long)r * width, xr = x + (long)r * width, dxr = dx + (long)r * width;
            float mu = mean[r], s = rstd[r];
            var vmu = new Vector<float>(mu);
            var vs = new Vector<float>(s);
            // Pass 1: Σ g and Σ g·x̂ with g = dy·w; the parameter gradients on the way.
            var sumG = Vector<float>.Zero;
            var sumGx = Vector<float>.Zero;
            int i = 0;
            for (; i <= width - n; i += n)
            {
                var d = Vector.Load(dyr + i);
                var xh = (Vector.Load(xr + i) - vmu) * vs;
                var g = gain is null ? d : d * Vector.Load(gain + i);
                sumG += g;
                sumGx += g * xh;
                if (dGain is not null) Vector.Store(Vector.Load(dGain + i) + d * xh, dGain + i);
                if (dBias is not null) Vector.Store(Vector.Load(dBias + i) + d, dBias + i);
            }
            float sg = Vector.Sum(sumG), sgx = Vector.Sum(sumGx);
            for (; i < width; i++)
            {
                float d = dyr[i], xh = (xr[i] - mu) * s, g = gain is null ? d : d * gain[i];
                sg += g;
                sgx += g * xh;
                if (dGain is not null) dGain[i] += d * xh;
                if (dBias is not null) dBias[i] += d;
            }
            float meanG = centre ? sg / width : 0f, meanGx = sgx / width;
            // Pass 2: dx = rstd · (g − mean(g) − x̂ · mean(g·x̂)).
            var vmg = new Vector<float>(meanG);
            var vmgx = new Vector<float>(meanGx);
            i = 0;
            for (; i <= width - n; i += n)
            {
                var d = Vector.Load(dyr + i);
                var xh = (Vector.Load(xr + i) - vmu) * vs;
                var g = gain is null ? d : d * Vector.Load(gain + i);
                var v = (g - vmg - xh * vmgx) * vs;
                Vector.Store(accumulate ? Vector.Load(dxr + i) + v : v, dxr + i);
            }
            for (; i < width; i++)
            {
                float d = dyr[i], xh = (xr[i] - mu) * s, g = gain is null ? d : d * gain[i];
                float v = (g - meanG - xh * meanGx) * s;
                dxr[i] = accumulate ? dxr[i] + v : v;
            }
        }
    }

    private static float Sum(float* x, int width)
    {
        int n = Vector<float>.Count, i = 0;
        var acc = Vector<float>.Zero;
        for (; i <= width - n; i += n) acc += Vector.Load(x + i);
        float sum = Vector.Sum(acc);
        for (; i < width; i++) sum += x[i];
        return sum;
    }

    private static float SumOfSquaredDeviations(float* x, int width, float mu)
    {
        int n = Vector<float>.Count, i = 0;
        var acc = Vector<float>.Zero;
        var vmu = new Vector<float>(mu);
        for (; i <= width - n; i += n)
        {
            var d = Vector.Load(x + i) - vmu;
            acc += d * d;
        }
        float sum = Vector.Sum(acc);
        for (; i < width; i++) sum += (x[i] - mu) * (x[i] - mu);
        return sum;
    }

    private static void Normalise(float* x, float* y, int width, float mu, float s, float* gain, float* bias)
    {
        int n = Vector<float>.Count, i = 0;
        var vmu = new Vector<float>(mu);
        var vs = new Vector<float>(s);
        for (; i <= width - n; i += n)
        {
            var v = (Vector.Load(x + i) - vmu) * vs;
            if (gain is not null) v *= Vector.Load(gain + i);
            if (bias is not null) v += Vector.Load(bias + i);
            Vector.Store(v, y + i);
        }
        for (; i < width; i++)
        {
            float v = (x[i] - mu) * s;
            if (gain is not null) v *= gain[i];
            if (bias is not null) v += bias[i];
            y[i] = v;
        }
    }
}
