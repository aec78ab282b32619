using System.Numerics.Tensors;

namespace LmOrganisms.Probing;

public sealed partial class ProbeStatistics
{
    /// <summary>
    /// The statistics of in-memory rows whose features are several layers' float32 activations concatenated per row
    /// (<paramref name="layers"/>[l] is rows × <paramref name="widths"/>[l], row-major, as in
    /// <see cref="ProbeBatch.FromLayers"/>, but never copied into one array) and whose targets are
    /// <paramref name="targets"/> (rows × <paramref name="targetCount"/>), every row of weight 1. With
    /// <paramref name="degreeOfParallelism"/> k &gt; 1, k workers each read every row and own a share of the co-moment's
    /// rows; every entry then gets exactly the bits of k = 1, which are those of <see cref="Add(ReadOnlySpan{float},
    /// ReadOnlySpan{double}, ReadOnlySpan{double})"/> on the concatenated rows in one call.
    /// </summary>
    internal static ProbeStatistics FromLayers(IReadOnlyList<float[]> layers, IReadOnlyList<int> widths, double[] targets,
        int targetCount, int degreeOfParallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        if (layers.Count == 0 || layers.Count != widths.Count)
            throw new ArgumentException($"There are {layers.Count} layers and {widths.Count} widths; expected the same positive number.", nameof(widths));
        if (targetCount < 1 || targets.Length % targetCount != 0)
            throw new ArgumentException($"targets has {targets.Length} entries, not rows × {targetCount} targets.", nameof(targets));
        long rows = targets.Length / targetCount;
        for (int l = 0; l < layers.Count; l++)
            if (widths[l] < 1 || layers[l].LongLength != rows * widths[l])
                throw new ArgumentException($"Layer {l} has {layers[l].LongLength} values; expected {rows} rows × width {widths[l]}.", nameof(layers));
        var s = Create(widths.Sum(), targetCount);
        var ranges = s.WorkerRows(degreeOfParallelism);
        var means = new double[ranges.Length][];
        var weightSums = new double[ranges.Length];
        void Work(int worker)
        {
            var (from, to) = ranges[worker];
            var block = new ComomentBlock(s.Q, s.mp, from, to);
            var mean = new double[s.Q];
            double weightSum = 0;
            Array.Fill(block.Weights, 1.0);
            for (long start = 0; start < rows; start += ComomentBlock.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int nb = (int)Math.Min(ComomentBlock.Rows, rows - start);
                s.FillFromLayers(block.Values, layers, widths, targets, start, nb);
                if (worker == 0) s.CheckFinite(block.Values, nb, start);
                block.Add(nb, s.comoment, mean, ref weightSum);
            }
            means[worker] = mean;
            weightSums[worker] = weightSum;
        }
        if (ranges.Length == 1) Work(0);
        else
        {
            try
            {
                Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, Work);
            }
            catch (AggregateException e)
            {
                var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            }
        }
        // Worker 0 reads every column, so its mean and weight are the whole statistics'.
        means[0].CopyTo(s.mean, 0);
        s.weightSum = weightSums[0];
        s.RowCount = rows;
        return s;
    }

    // Rows start..start+nb−1: the layers' features side by side (float → double, exact), then the targets.
    private void FillFromLayers(double[] values, IReadOnlyList<float[]> layers, IReadOnlyList<int> widths, double[] targets,
        long start, int nb)
    {
        int q = Q, tc = TargetCount;
        for (int i = 0; i < nb; i++)
        {
            long row = start + i;
            var dst = values.AsSpan(i * q, q);
            int offset = 0;
            for (int l = 0; l < layers.Count; l++)
            {
                int w = widths[l];
                TensorPrimitives.ConvertChecked<float, double>(layers[l].AsSpan(checked((int)(row * w)), w), dst.Slice(offset, w));
                offset += w;
            }
            targets.AsSpan(checked((int)(row * tc)), tc).CopyTo(dst[offset..]);
        }
    }

    // Up to k contiguous ranges of co-moment rows in whole tiles, balanced by the kernel's work: tile t (rows
    // 6t..6t+5) costs one unit per panel of eight columns from its own panel on (the upper triangle).
    private (int From, int To)[] WorkerRows(int k)
    {
        int tiles = (Q + GramKernel.TileRows - 1) / GramKernel.TileRows, panels = mp / GramKernel.PanelWidth;
        k = Math.Min(k, tiles);
        var cost = new long[tiles];
        long total = 0;
        for (int t = 0; t < tiles; t++) total += cost[t] = panels - t * GramKernel.TileRows / GramKernel.PanelWidth;
        var ranges = new List<(int, int)>();
        int first = 0;
        long done = 0;
        for (int t = 0; t < tiles; t++)
        {
            done += cost[t];
            bool last = t == tiles - 1;
            if (last || (ranges.Count < k - 1 && done * k >= total * (ranges.Count + 1)))
            {
                ranges.Add((first * GramKernel.TileRows, last ? Q : (t + 1) * GramKernel.TileRows));
                first = t + 1;
            }
        }
        return ranges.ToArray();
    }
}
