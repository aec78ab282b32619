using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// A fitted linear-softmax probe f(x) = softmax(W x + b) (spec markov-categories §1.4, the predictive family V of the
/// usable-information bound), in the raw feature coordinates.
/// </summary>
/// <param name="Weights">W, classes × width, row-major.</param>
/// <param name="Bias">b, one per class.</param>
/// <param name="Width">Features per row.</param>
/// <param name="Iterations">L-BFGS iterations used.</param>
/// <param name="Converged">True when the gradient tolerance was met before the iteration limit.</param>
/// <param name="TrainingCrossEntropy">Cross-entropy in nats on the rows it was fitted to (without the penalty).</param>
public sealed record SoftmaxProbeModel(double[] Weights, double[] Bias, int Width, int Iterations, bool Converged,
    double TrainingCrossEntropy)
{
    /// <summary>Number of classes K.</summary>
    public int Classes => Bias.Length;

    /// <summary>The probe's law f(x) for one feature row.</summary>
    public double[] Predict(ReadOnlySpan<double> features)
    {
        if (features.Length != Width) throw new ArgumentException($"features has {features.Length} entries, expected {Width}.", nameof(features));
        var z = new double[Classes];
        for (int k = 0; k < z.Length; k++)
            z[k] = Bias[k] + System.Numerics.Tensors.TensorPrimitives.Dot(Weights.AsSpan(k * Width, Width), features);
        SoftmaxProbe.SoftmaxInPlace(z);
        return z;
    }

    /// <summary>Cross-entropy in nats of this probe on <paramref name="data"/>: Σ_r w_r Σ_k t_rk (−log f(x_r)_k) / Σ w,
    /// with targets laws over the classes and weights 1 when absent.</summary>
    public double CrossEntropy(ProbeBatch data) => CrossEntropy(SoftTargets.From(data, nameof(data)));

    internal double CrossEntropy(SoftTargets data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Width != Width || data.Classes != Classes)
            throw new ArgumentException($"data has width {data.Width} and {data.Classes} classes; the probe has width {Width} and {Classes} classes.", nameof(data));
        double ce = 0;
        var z = new double[Classes];
        for (int r = 0; r < data.RowCount; r++)
        {
            if (data.Weights[r] == 0) continue;
            var x = data.Features.AsSpan(r * Width, Width);
            for (int k = 0; k < z.Length; k++)
                z[k] = Bias[k] + System.Numerics.Tensors.TensorPrimitives.Dot(Weights.AsSpan(k * Width, Width), x);
            double lse = SoftmaxProbe.LogSumExp(z), e = 0;
            for (int k = 0; k < Classes; k++)
            {
                double t = data.Targets[r * Classes + k];
                if (t > 0) e += t * (lse - z[k]);
            }
            ce += data.Weights[r] * e;
        }
        return ce / data.WeightSum;
    }
}
