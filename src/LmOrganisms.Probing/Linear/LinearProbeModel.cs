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
        var x = new double[FeatureCount];
        var y = new double[n * TargetCount];
        for (int r = 0; r < n; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked(features.Slice(r * FeatureCount, FeatureCount), x);
            PredictRow(x, y.AsSpan(r * TargetCount, TargetCount));
        }
        return y;
    }

    /// <summary>Predictions for row-major double-precision features: rows × TargetCount, row-major.</summary>
    public double[] Predict(ReadOnlySpan<double> features)
    {
        int n = Rows(features.Length);
        var y = new double[n * TargetCount];
        for (int r = 0; r < n; r++)
            PredictRow(features.Slice(r * FeatureCount, FeatureCount), y.AsSpan(r * TargetCount, TargetCount));
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

    private void PredictRow(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int t = 0; t < TargetCount; t++) y[t] = Intercept[t];
        for (int i = 0; i < FeatureCount; i++)
        {
            double xi = x[i];
            if (xi == 0) continue;
            for (int t = 0; t < TargetCount; t++) y[t] += xi * Coefficients[i, t];
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
