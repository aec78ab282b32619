using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// SGD, Adam (L2 decay) and AdamW over the flat parameter, gradient and moment buffers of the CPU training engine, in one
/// fused pass, with the semantics of the libtorch update it replaces (same constants, each rounded to float32 as
/// libtorch rounds a scalar operand): gradient scaled by the clip factor; AdamW decay <c>p ← p · (1 − lr·λ)</c>; Adam and
/// SGD add <c>λ·p</c> to the gradient; <c>m ← β1·m + (1 − β1)·g</c>, <c>v ← β2·v + (1 − β2)·g·g</c>,
/// <c>p ← p − lr/bc1 · m / (sqrt(v)/sqrt(bc2) + ε)</c>; SGD <c>p ← p − lr·g</c>.
/// </summary>
internal static unsafe class FlatOptimizer
{
    private const int NormBlock = 4096;

    /// <summary>The Euclidean norm of <paramref name="length"/> floats, accumulated in double over blocks.</summary>
    public static double Norm(float* values, long length)
    {
        double sum = 0;
        for (long i = 0; i < length; i += NormBlock)
            sum += TensorPrimitives.SumOfSquares(new ReadOnlySpan<float>(values + i, (int)Math.Min(NormBlock, length - i)));
        return Math.Sqrt(sum);
    }

    /// <summary>One update of <paramref name="length"/> parameters.</summary>
    /// <param name="kind">The optimiser.</param>
    /// <param name="p">Parameters (updated).</param>
    /// <param name="g">Gradients (read).</param>
    /// <param name="m">First moments (updated; unused by SGD).</param>
    /// <param name="v">Second moments (updated; unused by SGD).</param>
    /// <param name="length">Floats in each buffer.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="step">The 1-based step (bias corrections).</param>
    /// <param name="options">β1, β2, ε, weight decay.</param>
    /// <param name="gradientScale">Clip factor (1 = none).</param>
    public static void Update(OptimizerKind kind, float* p, float* g, float* m, float* v, long length, double lr, int step, TrainingOptions options, double gradientScale)
    {
        double wd = options.WeightDecay, b1 = options.Beta1, b2 = options.Beta2;
        double bc1 = 1 - Math.Pow(b1, step), bc2 = 1 - Math.Pow(b2, step);
        var c = new Constants
        {
            Scale = (float)gradientScale,
            Scaled = gradientScale != 1,
            Decay = (float)wd,
            HasDecay = wd != 0,
            MinusLr = (float)-lr,
            AdamWDecay = (float)(1 - lr * wd),
            Beta1 = (float)b1,
            OneMinusBeta1 = (float)(1 - b1),
            Beta2 = (float)b2,
            OneMinusBeta2 = (float)(1 - b2),
            SqrtBc2 = (float)Math.Sqrt(bc2),
            Epsilon = (float)options.Epsilon,
            Step = (float)(-lr / bc1),
        };
        if (kind == OptimizerKind.Sgd) Sgd(p, g, length, c);
        else Adam(kind == OptimizerKind.AdamW, p, g, m, v, length, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sgd(float* p, float* g, long length, in Constants c)
    {
        int n = Vector<float>.Count;
        long i = 0;
        var scale = new Vector<float>(c.Scale);
        var decay = new Vector<float>(c.Decay);
        var minusLr = new Vector<float>(c.MinusLr);
        for (; i <= length - n; i += n)
        {
            var pv = Vector.Load(p + i);
            var gv = Vector.Load(g + i);
            if (c.Scaled) gv *= scale;
            if (c.HasDecay) gv += pv * decay;
            Vector.Store(pv + minusLr * gv, p + i);
        }
        for (; i < length; i++)
        {
            float gv = g[i];
            if (c.Scaled) gv *= c.Scale;
            if (c.HasDecay) gv += p[i] * c.Decay;
            p[i] += c.MinusLr * gv;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Adam(bool decoupled, float* p, float* g, float* m, float* v, long length, in Constants c)
    {
        int n = Vector<float>.Count;
        long i = 0;
        var scale = new Vector<float>(c.Scale);
        var decay = new Vector<float>(c.Decay);
        var adamWDecay = new Vector<float>(c.AdamWDecay);
        var beta1 = new Vector<float>(c.Beta1);
        var oneMinusBeta1 = new Vector<float>(c.OneMinusBeta1);
        var beta2 = new Vector<float>(c.Beta2);
        var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
        var sqrtBc2 = new Vector<float>(c.SqrtBc2);
        var epsilon = new Vector<float>(c.Epsilon);
        var step = new Vector<float>(c.Step);
        for (; i <= length - n; i += n)
        {
            var pv = Vector.Load(p + i);
            var gv = Vector.Load(g + i);
            if (c.Scaled) gv *= scale;
            if (c.HasDecay)
            {
                if (decoupled) pv *= adamWDecay;
                else gv += pv * decay;
            }
            var mv = Vector.Load(m + i) * beta1 + oneMinusBeta1 * gv;
            var vv = Vector.Load(v + i) * beta2 + oneMinusBeta2 * gv * gv;
            Vector.Store(mv, m + i);
            Vector.Store(vv, v + i);
            var denominator = Vector.SquareRoot(vv) / sqrtBc2 + epsilon;
            Vector.Store(pv + step * (mv / denominator), p + i);
        }
        for (; i < length; i++)
        {
            float pv = p[i], gv = g[i];
            if (c.Scaled) gv *= c.Scale;
            if (c.HasDecay)
            {
                if (decoupled) pv *= c.AdamWDecay;
                else gv += pv * c.Decay;
            }
            float mv = m[i] * c.Beta1 + c.OneMinusBeta1 * gv;
            float vv = v[i] * c.Beta2 + c.OneMinusBeta2 * gv * gv;
            m[i] = mv;
            v[i] = vv;
            float denominator = MathF.Sqrt(vv) / c.SqrtBc2 + c.Epsilon;
            p[i] = pv + c.Step * (mv / denominator);
        }
    }

    private readonly struct Constants
    {
        public float Scale { get; init; }
        public bool Scaled { get; init; }
        public float Decay { get; init; }
        public bool HasDecay { get; init; }
        public float MinusLr { get; init; }
        public float AdamWDecay { get; init; }
        public float Beta1 { get; init; }
        public float OneMinusBeta1 { get; init; }
        public float Beta2 { get; init; }
        public float OneMinusBeta2 { get; init; }
        public float SqrtBc2 { get; init; }
        public float Epsilon { get; init; }
        public float Step { get; init; }
    }
}
