namespace LmOrganisms.Probing;

public sealed partial class ProbeStatistics
{
    private int pending;        // rows of the current block written by AppendRow and not yet added
    private long[]? rowNumbers; // their numbers, for error messages

    /// <summary>
    /// The next row, of weight <paramref name="weight"/> (finite, ≥ 0), for the caller to fill (features, then targets;
    /// <c>FeatureCount + TargetCount</c> values) before the next call; <paramref name="rowNumber"/> names it in error
    /// messages. Rows are added in blocks of the same size as <see cref="Add(ReadOnlySpan{float}, ReadOnlySpan{double},
    /// ReadOnlySpan{double})"/> uses, counted from the first appended row, so appending n rows one by one gives exactly
    /// the bits of adding them in one call. <see cref="FlushRows"/> adds a last partial block; every other member
    /// flushes first.
    /// </summary>
    internal Span<double> AppendRow(double weight = 1, long rowNumber = 0)
    {
        int q = Q;
        rows ??= new double[BlockRows * q];
        weights ??= new double[BlockRows];
        rowNumbers ??= new long[BlockRows];
        if (pending == BlockRows) FlushRows();
        weights[pending] = weight;
        rowNumbers[pending] = rowNumber;
        return rows.AsSpan(pending++ * q, q);
    }

    /// <summary>Adds the rows appended since the last block (see <see cref="AppendRow"/>).</summary>
    internal void FlushRows()
    {
        if (pending == 0) return;
        int nb = pending;
        pending = 0;
        AddBlock(nb, 0, rowNumbers);
    }

    /// <summary>Counts <paramref name="rows"/> more rows in <see cref="RowCount"/> without adding anything: rows another
    /// row stands for through its weight.</summary>
    internal void CountRows(long rows)
    {
        FlushRows();
        RowCount += rows;
    }
}
