namespace LmOrganisms.Probing;

/// <summary>
/// A batch of probe rows, row-major: features (single or double precision), targets, optional per-row weights and
/// optional per-row group ids (e.g. the sequence a (sequence, position) row came from, so that validation splits
/// whole sequences, as in the belief-geometry spec §2.4).
/// </summary>
public sealed class ProbeBatch
{
    private ProbeBatch(float[]? single, double[]? dbl, int featureCount, double[] targets, int targetCount,
        double[]? weights, long[]? groups)
    {
        SingleFeatures = single;
        DoubleFeatures = dbl;
        FeatureCount = featureCount;
        Targets = targets;
        TargetCount = targetCount;
        int length = single?.Length ?? dbl!.Length;
        if (featureCount < 1)
            throw new ArgumentException($"featureCount is {featureCount}; expected at least 1.", nameof(featureCount));
        if (targetCount < 1)
            throw new ArgumentException($"targetCount is {targetCount}; expected at least 1.", nameof(targetCount));
        if (length % featureCount != 0)
            throw new ArgumentException(
                $"features has {length} entries, not a multiple of {featureCount} features per row.", "features");
        RowCount = length / featureCount;
        if (targets.Length != RowCount * targetCount)
            throw new ArgumentException(
                $"targets has {targets.Length} entries; expected {RowCount} rows × {targetCount} targets.", nameof(targets));
        if (weights is not null && weights.Length != RowCount)
            throw new ArgumentException($"weights has {weights.Length} entries; expected {RowCount}.", nameof(weights));
        if (groups is not null && groups.Length != RowCount)
            throw new ArgumentException($"groups has {groups.Length} entries; expected {RowCount}.", nameof(groups));
        Weights = weights;
        Groups = groups;
    }

    /// <summary>A batch with single-precision features (e.g. captured activations).</summary>
    public static ProbeBatch FromSingle(float[] features, int featureCount, double[] targets, int targetCount,
        double[]? weights = null, long[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        return new ProbeBatch(features, null, featureCount, targets, targetCount, weights, groups);
    }

    /// <summary>A batch with double-precision features.</summary>
    public static ProbeBatch FromDouble(double[] features, int featureCount, double[] targets, int targetCount,
        double[]? weights = null, long[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        return new ProbeBatch(null, features, featureCount, targets, targetCount, weights, groups);
    }

    /// <summary>
    /// A batch whose features are several layers' activations for the same rows, concatenated per row in the order
    /// given (the belief-geometry paper's "Concat" probe over the residual stream of every layer, spec §2.4).
    /// <paramref name="layers"/>[l] is rows × <paramref name="layerWidths"/>[l], row-major.
    /// </summary>
    public static ProbeBatch FromLayers(IReadOnlyList<float[]> layers, IReadOnlyList<int> layerWidths, double[] targets,
        int targetCount, double[]? weights = null, long[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(layerWidths);
        ArgumentNullException.ThrowIfNull(targets);
        if (layers.Count == 0 || layers.Count != layerWidths.Count)
            throw new ArgumentException(
                $"There are {layers.Count} layers and {layerWidths.Count} widths; expected the same positive number.",
                nameof(layerWidths));
        int rows = -1;
        for (int l = 0; l < layers.Count; l++)
        {
            ArgumentNullException.ThrowIfNull(layers[l]);
            if (layerWidths[l] < 1 || layers[l].Length % layerWidths[l] != 0)
                throw new ArgumentException(
                    $"Layer {l} has {layers[l].Length} values, not a multiple of its width {layerWidths[l]}.", nameof(layers));
            int r = layers[l].Length / layerWidths[l];
            if (rows >= 0 && r != rows)
                throw new ArgumentException($"Layer {l} has {r} rows; layer 0 has {rows}.", nameof(layers));
            rows = r;
        }
        int width = layerWidths.Sum();
        var joined = new float[rows * width];
        int offset = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            int w = layerWidths[l];
            for (int r = 0; r < rows; r++)
                Array.Copy(layers[l], r * w, joined, r * width + offset, w);
            offset += w;
        }
        return new ProbeBatch(joined, null, width, targets, targetCount, weights, groups);
    }

    /// <summary>Single-precision features (rows × FeatureCount), or null when the batch holds doubles.</summary>
    public float[]? SingleFeatures { get; }

    /// <summary>Double-precision features (rows × FeatureCount), or null when the batch holds singles.</summary>
    public double[]? DoubleFeatures { get; }

    /// <summary>Targets, rows × TargetCount.</summary>
    public double[] Targets { get; }

    /// <summary>Per-row weights, or null (all 1).</summary>
    public double[]? Weights { get; }

    /// <summary>Per-row group ids, or null (each row its own group).</summary>
    public long[]? Groups { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per row.</summary>
    public int TargetCount { get; }

    /// <summary>Feature <paramref name="column"/> of row <paramref name="row"/> as a double.</summary>
    public double Feature(int row, int column) =>
        SingleFeatures is { } f ? f[row * FeatureCount + column] : DoubleFeatures![row * FeatureCount + column];

    /// <summary>A batch with the same features, weights and groups and other targets.</summary>
    public ProbeBatch WithTargets(double[] targets, int targetCount) =>
        new(SingleFeatures, DoubleFeatures, FeatureCount, targets, targetCount, Weights, Groups);

    /// <summary>The rows whose index satisfies <paramref name="keep"/>, as a new batch (copies).</summary>
    public ProbeBatch Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var idx = Enumerable.Range(0, RowCount).Where(keep).ToArray();
        var t = new double[idx.Length * TargetCount];
        for (int k = 0; k < idx.Length; k++)
            Array.Copy(Targets, idx[k] * TargetCount, t, k * TargetCount, TargetCount);
        var w = Weights is null ? null : idx.Select(i => Weights[i]).ToArray();
        var g = Groups is null ? null : idx.Select(i => Groups[i]).ToArray();
        if (SingleFeatures is { } sf)
        {
            var f = new float[idx.Length * FeatureCount];
            for (int k = 0; k < idx.Length; k++) Array.Copy(sf, idx[k] * FeatureCount, f, k * FeatureCount, FeatureCount);
            return new ProbeBatch(f, null, FeatureCount, t, TargetCount, w, g);
        }
        var df = new double[idx.Length * FeatureCount];
        for (int k = 0; k < idx.Length; k++)
            Array.Copy(DoubleFeatures!, idx[k] * FeatureCount, df, k * FeatureCount, FeatureCount);
        return new ProbeBatch(null, df, FeatureCount, t, TargetCount, w, g);
    }
}
