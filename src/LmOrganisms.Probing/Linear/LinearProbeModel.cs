using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// A fitted affine probe <c>ŷ = Bᵀ x + c</c> (belief-geometry spec §2.4: <c>b ≈ W a + c</c>, here B = Wᵀ).
/// </summary>
/// <param name="Coefficients">B, FeatureCount × TargetCount.</param>
/// <param name="Intercept">c, one entry per target.</param>
/// <param name="Ridge">The ridge penalty λ the model was fitted with (0 for least squares).</param>
/// <param name="Rank">Numerical rank of the centred feature co-moment used (FeatureCount when full rank).</param>
public sealed record LinearProbeModel(Matrix<double> Coefficients, IReadOnlyList<double> Intercept, double Ridge, int Rank)
{
    /// <summary>Number of features the probe reads.</summary>
    public int FeatureCount => Coefficients.RowCount;

    /// <summary>Number of targets the probe predicts.</summary>
    public int TargetCount => Coefficients.ColumnCount;

    /// <summary>Predictions for row-major single-precision features: rows × TargetCount, row-major.</summary>
    public double[] Predict(ReadOnlySpan<float> features)
    {
        int n = Rows(features.Length);
        var b = FlatCoefficients();
        var x = new double[FeatureCount];
        var y = new double[n * TargetCount];
        for (int r = 0; r < n; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked(features.Slice(r * FeatureCount, FeatureCount), x);
            PredictRow(b, x, y.AsSpan(r * TargetCount, TargetCount));
        }
        return y;
    }

    /// <summary>Predictions for row-major double-precision features: rows × TargetCount, row-major.</summary>
    public double[] Predict(ReadOnlySpan<double> features)
    {
        int n = Rows(features.Length);
        var b = FlatCoefficients();
        var y = new double[n * TargetCount];
        for (int r = 0; r < n; r++)
            PredictRow(b, features.Slice(r * FeatureCount, FeatureCount), y.AsSpan(r * TargetCount, TargetCount));
        return y;
    }

    /// <summary>
    /// Predictions for rows whose features are several layers' float32 activations side by side
    /// (<paramref name="layers"/>[l] is rows × <paramref name="widths"/>[l], as in <see cref="ProbeBatch.FromLayers"/>;
    /// never copied into one array): rows × TargetCount, row-major, the same bits as <see cref="Predict(ReadOnlySpan{float})"/>
    /// on the concatenated rows. Rows are split between <paramref name="degreeOfParallelism"/> workers; each row is
    /// computed alone, so the result does not depend on it.
    /// </summary>
    internal double[] PredictLayers(IReadOnlyList<float[]> layers, IReadOnlyList<int> widths, int rows, int degreeOfParallelism = 1)
    {
        if (widths.Sum() != FeatureCount)
            throw new ArgumentException($"The layers have {widths.Sum()} features; the probe reads {FeatureCount}.", nameof(widths));
        var b = FlatCoefficients();
        int tc = TargetCount;
        var y = new double[(long)rows * tc];
        const int chunk = 4096;
        int chunks = (rows + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) }, c =>
        {
            var x = new double[FeatureCount];
            for (int r = c * chunk; r < Math.Min(rows, (c + 1) * chunk); r++)
            {
                int offset = 0;
                for (int l = 0; l < layers.Count; l++)
                {
                    int w = widths[l];
                    System.Numerics.Tensors.TensorPrimitives.ConvertChecked<float, double>(layers[l].AsSpan(r * w, w), x.AsSpan(offset, w));
                    offset += w;
                }
                PredictRow(b, x, y.AsSpan(r * tc, tc));
            }
        });
        return y;
    }

    /// <summary>Predictions for the rows of a MathNet matrix (rows × FeatureCount).</summary>
    public Matrix<double> Predict(Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.ColumnCount != FeatureCount)
            throw new ArgumentException(
                $"features has {features.ColumnCount} columns; the probe reads {FeatureCount}.", nameof(features));
        var y = features * Coefficients;
        for (int r = 0; r < y.RowCount; r++)
            for (int t = 0; t < TargetCount; t++) y[r, t] += Intercept[t];
        return y;
    }

    // B row-major (FeatureCount × TargetCount).
    private double[] FlatCoefficients() => Coefficients.ToRowMajorArray();

    // y = c + Σ_i x_i B_i· in the order of the features (zero features skipped).
    private void PredictRow(double[] b, ReadOnlySpan<double> x, Span<double> y)
    {
        int tc = TargetCount;
        for (int t = 0; t < tc; t++) y[t] = Intercept[t];
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            if (xi == 0) continue;
            var bi = b.AsSpan(i * tc, tc);
            for (int t = 0; t < tc; t++) y[t] += xi * bi[t];
        }
    }

    private int Rows(int length)
    {
        if (length % FeatureCount != 0)
            throw new ArgumentException(
                $"features has {length} entries, not a multiple of the probe's {FeatureCount} features.", "features");
        return length / FeatureCount;
    }

    /// <summary>
    /// Errors of this probe on the rows summarised by <paramref name="rows"/>, computed exactly from the sufficient
    /// statistics: <c>SSE_t = Syy_tt − 2 b_tᵀ Sxy_t + b_tᵀ Sxx b_t + W (ȳ_t − b_tᵀx̄ − c_t)²</c>.
    /// </summary>
    public ProbeMetrics Evaluate(ProbeStatistics rows) => LinearProbe.Evaluate(this, rows);
}
