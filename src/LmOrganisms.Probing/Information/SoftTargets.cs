using System.Globalization;

namespace LmOrganisms.Probing;

/// <summary>
/// The validated form of a softmax probe's rows (internal; users give a <see cref="ProbeBatch"/>). Rows for a usable-information probe (spec markov-categories §1.4, "for a trained model"): a feature vector x_r (the
/// representation, e.g. a residual-stream activation), a law t_r over K classes (the target: a one-hot sampled label,
/// or the exact conditional law of the target given the row's context) and a weight w_r (1 for samples, the context's
/// probability for an exact population). The population is the weighted mixture of the rows; every probe's
/// cross-entropy on it is Σ_r w_r Σ_k t_rk (−log f(x_r)_k) / Σ_r w_r.
/// </summary>
internal sealed class SoftTargets
{
    /// <summary>Validates and wraps the arrays (not copied). Target rows must be laws: non-negative, summing to 1 within
    /// 1e-9; weights non-negative and finite with a positive sum; features finite.</summary>
    /// <param name="features">Row-major rows × <paramref name="width"/>.</param>
    /// <param name="width">Features per row (≥ 1).</param>
    /// <param name="targets">Row-major rows × <paramref name="classes"/>.</param>
    /// <param name="classes">Number of target classes K (≥ 2).</param>
    /// <param name="weights">One weight per row, or null for 1 per row.</param>
    public SoftTargets(double[] features, int width, double[] targets, int classes, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (features.Length % width != 0)
            throw new ArgumentException($"features has {features.Length} values, not a multiple of the width {width}.", nameof(features));
        int rows = features.Length / width;
        if (rows < 1) throw new ArgumentException("features holds no row.", nameof(features));
        if (targets.Length != (long)rows * classes)
            throw new ArgumentException($"targets has {targets.Length} values; expected {rows} rows × {classes} classes = {(long)rows * classes}.", nameof(targets));
        weights ??= Enumerable.Repeat(1.0, rows).ToArray();
        if (weights.Length != rows)
            throw new ArgumentException($"weights has {weights.Length} entries; expected one per row ({rows}).", nameof(weights));
        for (int i = 0; i < features.Length; i++)
            if (!double.IsFinite(features[i]))
                throw new ArgumentException($"Feature {i % width} of row {i / width} is {features[i].ToString("R", CultureInfo.InvariantCulture)}; expected a finite value.", nameof(features));
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            if (!(weights[r] >= 0) || !double.IsFinite(weights[r]))
                throw new ArgumentException($"Weight of row {r} is {weights[r].ToString("R", CultureInfo.InvariantCulture)}; expected a finite value ≥ 0.", nameof(weights));
            total += weights[r];
            double s = 0;
            for (int k = 0; k < classes; k++)
            {
                double t = targets[r * classes + k];
                if (!(t >= 0) || !double.IsFinite(t))
                    throw new ArgumentException($"Target {k} of row {r} is {t.ToString("R", CultureInfo.InvariantCulture)}; expected a probability.", nameof(targets));
                s += t;
            }
            if (Math.Abs(s - 1) > 1e-9)
                throw new ArgumentException($"Target row {r} sums to {s.ToString("R", CultureInfo.InvariantCulture)}, expected 1.", nameof(targets));
        }
        if (!(total > 0)) throw new ArgumentException("The row weights sum to 0.", nameof(weights));
        Features = features;
        Width = width;
        Targets = targets;
        Classes = classes;
        Weights = weights;
        WeightSum = total;
    }

    /// <summary>The rows of a <see cref="ProbeBatch"/>: features as doubles, targets as laws, weights (1 when absent).</summary>
    public static SoftTargets From(ProbeBatch batch, string paramName)
    {
        ArgumentNullException.ThrowIfNull(batch, paramName);
        double[] features = batch.DoubleFeatures ?? Array.ConvertAll(batch.SingleFeatures!, v => (double)v);
        try
        {
            return new SoftTargets(features, batch.FeatureCount, batch.Targets, batch.TargetCount, batch.Weights);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{paramName}: {e.Message}", paramName, e);
        }
    }

    /// <summary>Features, rows × <see cref="Width"/> row-major.</summary>
    public double[] Features { get; }

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>Target laws, rows × <see cref="Classes"/> row-major.</summary>
    public double[] Targets { get; }

    /// <summary>Number of target classes K.</summary>
    public int Classes { get; }

    /// <summary>Row weights.</summary>
    public double[] Weights { get; }

    /// <summary>Σ_r w_r.</summary>
    public double WeightSum { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Weights.Length;

    /// <summary>Rows with one-hot targets from sampled labels (each in [0, <paramref name="classes"/>)), weight 1 each.</summary>
    public static SoftTargets FromLabels(double[] features, int width, IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var t = new double[(long)labels.Count * classes];
        for (int r = 0; r < labels.Count; r++)
        {
            if (labels[r] < 0 || labels[r] >= classes)
                throw new ArgumentException($"Label of row {r} is {labels[r]}, outside [0, {classes}).", nameof(labels));
            t[r * classes + labels[r]] = 1;
        }
        return new SoftTargets(features, width, t, classes);
    }

    /// <summary>The law of the target under the weighted rows: m_k = Σ_r w_r t_rk / Σ_r w_r.</summary>
    public double[] Marginal()
    {
        var m = new double[Classes];
        for (int r = 0; r < RowCount; r++)
            for (int k = 0; k < Classes; k++) m[k] += Weights[r] * Targets[r * Classes + k];
        for (int k = 0; k < Classes; k++) m[k] /= WeightSum;
        return m;
    }

    /// <summary>
    /// Σ_r w_r H(t_r) / Σ_r w_r in nats: H(Y | row), the conditional entropy of the target given the row's context when
    /// the targets are the exact conditional laws (0 for one-hot labels).
    /// </summary>
    public double RowConditionalEntropy()
    {
        double h = 0;
        for (int r = 0; r < RowCount; r++)
        {
            double e = 0;
            for (int k = 0; k < Classes; k++) { double t = Targets[r * Classes + k]; if (t > 0) e -= t * Math.Log(t); }
            h += Weights[r] * e;
        }
        return h / WeightSum;
    }

    /// <summary>Cross-entropy in nats of the constant law <paramref name="law"/> on these rows: Σ_r w_r Σ_k t_rk (−log law_k) / Σ w.</summary>
    public double ConstantCrossEntropy(ReadOnlySpan<double> law)
    {
        if (law.Length != Classes) throw new ArgumentException($"law has {law.Length} entries, expected {Classes}.", nameof(law));
        double ce = 0;
        for (int r = 0; r < RowCount; r++)
            for (int k = 0; k < Classes; k++)
            {
                double t = Targets[r * Classes + k];
                if (t > 0) ce -= Weights[r] * t * (law[k] > 0 ? Math.Log(law[k]) : double.NegativeInfinity);
            }
        return ce / WeightSum;
    }
}
