using System.Globalization;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// Streaming sufficient statistics of a weighted linear regression of targets Y on features X: the total weight,
/// the weighted means of every feature and target, and the weighted centred co-moment matrix of the joined row
/// [x | y], <c>Σᵣ wᵣ (zᵣ − z̄)(zᵣ − z̄)ᵀ</c>. Memory is O((features + targets)²), independent of the number of rows.
/// </summary>
/// <remarks>
/// Rows arrive in batches of any size. Each block of rows is centred on its own weighted mean, its co-moment is
/// accumulated in double by a blocked SIMD kernel, and blocks are merged with the pairwise update of Chan, Golub
/// and LeVeque (1979): <c>M = M_a + M_b + (W_a W_b / W) δ δᵀ</c>, <c>δ = z̄_b − z̄_a</c>. No raw (uncentred) sums
/// are ever formed, so features with large means lose no precision. The probe conventions are those of the
/// belief-geometry spec §2.4 (ordinary least squares with intercept, unweighted rows by default).
/// </remarks>
public sealed partial class ProbeStatistics
{
    private const int BlockRows = 128;

    private readonly int mp;
    private readonly double[] comoment; // mp × mp, upper triangle authoritative
    private readonly double[] mean;
    private double[]? rows;    // BlockRows × q scratch, row-major
    private double[]? weights; // BlockRows
    private double[]? packed;  // panels of 8 columns
    private readonly double[] blockMean;
    private readonly double[] delta;

    private ProbeStatistics(int featureCount, int targetCount)
    {
        FeatureCount = featureCount;
        TargetCount = targetCount;
        int q = featureCount + targetCount;
        mp = GramKernel.PaddedDimension(q);
        comoment = new double[mp * mp];
        mean = new double[q];
        blockMean = new double[q];
        delta = new double[q];
    }

    /// <summary>Empty statistics for rows of <paramref name="featureCount"/> features and
    /// <paramref name="targetCount"/> targets.</summary>
    public static ProbeStatistics Create(int featureCount, int targetCount)
    {
        if (featureCount < 1)
            throw new ArgumentException($"featureCount is {featureCount}; expected at least 1.", nameof(featureCount));
        if (targetCount < 1)
            throw new ArgumentException($"targetCount is {targetCount}; expected at least 1.", nameof(targetCount));
        return new ProbeStatistics(featureCount, targetCount);
    }

    /// <summary>Number of features (columns of X).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of targets (columns of Y).</summary>
    public int TargetCount { get; }

    /// <summary>Number of rows added (including rows of weight 0).</summary>
    public long RowCount { get; private set; }

    /// <summary>Total row weight Σ wᵣ (equals <see cref="RowCount"/> for unweighted rows).</summary>
    public double WeightSum { get; private set; }

    private int Q => FeatureCount + TargetCount;

    /// <summary>Weighted mean of each feature.</summary>
    public double[] FeatureMeans() => mean.AsSpan(0, FeatureCount).ToArray();

    /// <summary>Weighted mean of each target.</summary>
    public double[] TargetMeans() => mean.AsSpan(FeatureCount, TargetCount).ToArray();

    /// <summary>Centred feature co-moment <c>Sxx = Σ w (x − x̄)(x − x̄)ᵀ</c> (FeatureCount × FeatureCount).</summary>
    public Matrix<double> FeatureComoment() => Block(0, FeatureCount, 0, FeatureCount);

    /// <summary>Centred cross co-moment <c>Sxy = Σ w (x − x̄)(y − ȳ)ᵀ</c> (FeatureCount × TargetCount).</summary>
    public Matrix<double> CrossComoment() => Block(0, FeatureCount, FeatureCount, TargetCount);

    /// <summary>Centred target co-moment <c>Syy = Σ w (y − ȳ)(y − ȳ)ᵀ</c> (TargetCount × TargetCount).</summary>
    public Matrix<double> TargetComoment() => Block(FeatureCount, TargetCount, FeatureCount, TargetCount);

    /// <summary>Adds rows given row-major: <paramref name="features"/> has rows × FeatureCount entries,
    /// <paramref name="targets"/> rows × TargetCount, <paramref name="rowWeights"/> is empty (all 1) or one
    /// non-negative finite weight per row.</summary>
    public void Add(ReadOnlySpan<float> features, ReadOnlySpan<double> targets, ReadOnlySpan<double> rowWeights = default) =>
        AddRows(features, targets, rowWeights);

    /// <summary>Adds rows given row-major in double precision (see the single-precision overload).</summary>
    public void Add(ReadOnlySpan<double> features, ReadOnlySpan<double> targets, ReadOnlySpan<double> rowWeights = default) =>
        AddRows(features, targets, rowWeights);

    /// <summary>Adds the rows of MathNet matrices (rows × FeatureCount and rows × TargetCount), optionally weighted.</summary>
    public void Add(Matrix<double> features, Matrix<double> targets, Vector<double>? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (features.RowCount != targets.RowCount)
            throw new ArgumentException(
                $"features has {features.RowCount} rows but targets has {targets.RowCount}.", nameof(targets));
        Add(features.ToRowMajorArray(), targets.ToRowMajorArray(),
            rowWeights is null ? ReadOnlySpan<double>.Empty : rowWeights.ToArray());
    }

    /// <summary>Adds one batch (its weights, if any; its group ids play no role here).</summary>
    public void Add(ProbeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.FeatureCount != FeatureCount)
            throw new ArgumentException(
                $"batch has {batch.FeatureCount} features; these statistics have {FeatureCount}.", nameof(batch));
        var w = batch.Weights is null ? ReadOnlySpan<double>.Empty : batch.Weights;
        if (batch.SingleFeatures is { } f) Add(f, batch.Targets, w);
        else Add(batch.DoubleFeatures!, batch.Targets, w);
    }

    /// <summary>Merges <paramref name="other"/>'s rows into these statistics (pairwise co-moment update).</summary>
    public void Merge(ProbeStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.FeatureCount != FeatureCount || other.TargetCount != TargetCount)
            throw new ArgumentException(
                $"other has {other.FeatureCount} features and {other.TargetCount} targets; expected {FeatureCount} and {TargetCount}.",
                nameof(other));
        FlushRows();
        other.FlushRows();
        RowCount += other.RowCount;
        if (other.WeightSum == 0) return;
        for (int i = 0; i < Q; i++)
            for (int j = i; j < Q; j++)
                comoment[i * mp + j] += other.comoment[i * mp + j];
        MergeMoments(other.mean, other.WeightSum);
    }

    /// <summary>A deep copy.</summary>
    public ProbeStatistics Clone()
    {
        FlushRows();
        var c = new ProbeStatistics(FeatureCount, TargetCount) { RowCount = RowCount, WeightSum = WeightSum };
        comoment.CopyTo(c.comoment, 0);
        mean.CopyTo(c.mean, 0);
        return c;
    }

    /// <summary>Statistics of the same rows keeping all features and only the targets listed (in that order).</summary>
    public ProbeStatistics SelectTargets(params int[] targetIndices)
    {
        ArgumentNullException.ThrowIfNull(targetIndices);
        return Select(Enumerable.Range(0, FeatureCount).ToArray(), targetIndices);
    }

    /// <summary>Statistics of the same rows keeping only the features and targets listed (in that order). Every entry is
    /// copied, so the result has exactly the bits the statistics of those columns alone would have: each mean, and each
    /// entry of the co-moment, depends on its own columns only (block means and the pairwise merge are per column).</summary>
    internal ProbeStatistics Select(int[] featureIndices, int[] targetIndices)
    {
        FlushRows();
        if (featureIndices.Length == 0)
            throw new ArgumentException("featureIndices is empty; select at least one feature.", nameof(featureIndices));
        foreach (int f in featureIndices)
            if (f < 0 || f >= FeatureCount)
                throw new ArgumentException($"feature index {f} is out of range [0, {FeatureCount}).", nameof(featureIndices));
        if (targetIndices.Length == 0)
            throw new ArgumentException("targetIndices is empty; select at least one target.", nameof(targetIndices));
        foreach (int t in targetIndices)
            if (t < 0 || t >= TargetCount)
                throw new ArgumentException(
                    $"target index {t} is out of range [0, {TargetCount}).", nameof(targetIndices));
        var s = new ProbeStatistics(featureIndices.Length, targetIndices.Length) { RowCount = RowCount, WeightSum = WeightSum };
        int fc = featureIndices.Length;
        int Map(int k) => k < fc ? featureIndices[k] : FeatureCount + targetIndices[k - fc];
        for (int i = 0; i < s.Q; i++)
        {
            s.mean[i] = mean[Map(i)];
            for (int j = i; j < s.Q; j++) s.comoment[i * s.mp + j] = Upper(Map(i), Map(j));
        }
        return s;
    }

    internal double Upper(int i, int j) => i <= j ? comoment[i * mp + j] : comoment[j * mp + i];

    private Matrix<double> Block(int r0, int rows, int c0, int cols) =>
        Matrix<double>.Build.Dense(rows, cols, (i, j) => Upper(r0 + i, c0 + j));

    private void AddRows<T>(ReadOnlySpan<T> features, ReadOnlySpan<double> targets, ReadOnlySpan<double> rowWeights)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        int n = CheckShapes(features.Length, targets.Length, rowWeights);
        FlushRows();
        rows ??= new double[BlockRows * Q];
        weights ??= new double[BlockRows];
        for (int start = 0; start < n; start += BlockRows)
        {
            int nb = Math.Min(BlockRows, n - start);
            for (int i = 0; i < nb; i++)
            {
                var dst = rows.AsSpan(i * Q, Q);
                System.Numerics.Tensors.TensorPrimitives.ConvertChecked(
                    features.Slice((start + i) * FeatureCount, FeatureCount), dst[..FeatureCount]);
                targets.Slice((start + i) * TargetCount, TargetCount).CopyTo(dst[FeatureCount..]);
                weights[i] = rowWeights.IsEmpty ? 1.0 : rowWeights[start + i];
            }
            AddBlock(nb, start);
        }
    }

    private int CheckShapes(int featureLength, int targetLength, ReadOnlySpan<double> rowWeights)
    {
        if (featureLength % FeatureCount != 0)
            throw new ArgumentException(
                $"features has {featureLength} entries, not a multiple of the {FeatureCount} features per row.", "features");
        int n = featureLength / FeatureCount;
        if (targetLength != n * TargetCount)
            throw new ArgumentException(
                $"targets has {targetLength} entries; expected {n} rows × {TargetCount} targets = {n * TargetCount}.", "targets");
        if (!rowWeights.IsEmpty && rowWeights.Length != n)
            throw new ArgumentException($"rowWeights has {rowWeights.Length} entries; expected one per row ({n}).", "rowWeights");
        for (int i = 0; i < rowWeights.Length; i++)
            if (!(rowWeights[i] >= 0) || !double.IsFinite(rowWeights[i]))
                throw new ArgumentException(
                    $"rowWeights[{i}] is {rowWeights[i].ToString("R", CultureInfo.InvariantCulture)}; expected a finite weight ≥ 0.",
                    "rowWeights");
        return n;
    }

    private void AddBlock(int nb, long batchOffset, long[]? rowNumbers = null)
    {
        int q = Q;
        var r = rows!;
        var w = weights!;
        RowCount += nb;
        double wb = 0;
        for (int i = 0; i < nb; i++) wb += w[i];
        for (int i = 0; i < nb * q; i++)
            if (!double.IsFinite(r[i]))
            {
                int row = i / q, col = i % q;
                string what = col < FeatureCount ? $"feature {col}" : $"target {col - FeatureCount}";
                throw new ArgumentException(
                    $"{what} of row {(rowNumbers is null ? batchOffset + row : rowNumbers[row])} of the batch is {r[i].ToString("R", CultureInfo.InvariantCulture)}; expected a finite number.");
            }
        if (wb == 0) return;

        Array.Clear(blockMean);
        for (int i = 0; i < nb; i++)
        {
            double wi = w[i];
            if (wi == 0) continue;
            var row = r.AsSpan(i * q, q);
            for (int j = 0; j < q; j++) blockMean[j] += wi * row[j];
        }
        for (int j = 0; j < q; j++) blockMean[j] /= wb;

        int panelRows = nb;
        int panelCount = mp / GramKernel.PanelWidth;
        int needed = panelCount * BlockRows * GramKernel.PanelWidth;
        if (packed is null || packed.Length < needed) packed = new double[needed];
        Array.Clear(packed, 0, panelCount * panelRows * GramKernel.PanelWidth);
        int stride = panelRows * GramKernel.PanelWidth;
        for (int i = 0; i < nb; i++)
        {
            double s = Math.Sqrt(w[i]);
            var row = r.AsSpan(i * q, q);
            for (int j = 0; j < q; j++)
                packed[(j / GramKernel.PanelWidth) * stride + i * GramKernel.PanelWidth + (j % GramKernel.PanelWidth)] =
                    s * (row[j] - blockMean[j]);
        }
        GramKernel.AddUpper(packed, panelRows, nb, q, comoment, mp);
        MergeMoments(blockMean, wb);
    }

    /// <summary>Adds the between-means term of a block of weight <paramref name="wb"/> and mean
    /// <paramref name="otherMean"/> whose centred co-moment is already in <see cref="comoment"/>.</summary>
    private void MergeMoments(double[] otherMean, double wb)
    {
        int q = Q;
        double wa = WeightSum;
        double total = wa + wb;
        if (wa > 0)
        {
            for (int j = 0; j < q; j++) delta[j] = otherMean[j] - mean[j];
            double f = wa * wb / total;
            for (int i = 0; i < q; i++)
            {
                double fi = f * delta[i];
                if (fi == 0) continue;
                for (int j = i; j < q; j++) comoment[i * mp + j] += fi * delta[j];
            }
            double g = wb / total;
            for (int j = 0; j < q; j++) mean[j] += g * delta[j];
        }
        else
        {
            Array.Copy(otherMean, mean, q);
        }
        WeightSum = total;
    }
}
