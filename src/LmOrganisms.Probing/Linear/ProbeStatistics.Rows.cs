namespace LmOrganisms.Probing;

public sealed partial class ProbeStatistics
{
    private int pending;   // rows of the current block written by AppendRow and not yet added
    private long rowBase;  // the first row's number in error messages of appended rows

    /// <summary>
    /// The next row, weight 1, for the caller to fill (features, then targets; <c>FeatureCount + TargetCount</c> values)
    /// before the next call: rows are added in blocks of the same size as <see cref="Add(ReadOnlySpan{float},
    /// ReadOnlySpan{double}, ReadOnlySpan{double})"/> uses, counted from the first appended row, so appending n rows one by
    /// one gives exactly the bits of adding them in one call. <see cref="FlushRows"/> adds a last partial block; every
    /// other member flushes first.
    /// </summary>
    internal Span<double> AppendRow()
    {
        int q = Q;
        rows ??= new double[BlockRows * q];
        weights ??= new double[BlockRows];
        if (pending == BlockRows) FlushRows();
        weights[pending] = 1;
        return rows.AsSpan(pending++ * q, q);
    }

    /// <summary>Adds the rows appended since the last block (see <see cref="AppendRow"/>).</summary>
    internal void FlushRows()
    {
        if (pending == 0) return;
        int nb = pending;
        pending = 0;
        AddBlock(nb, rowBase + RowCount);
    }

    /// <summary>Numbers the appended rows from <paramref name="firstRow"/> in error messages (default 0).</summary>
    internal void NumberRowsFrom(long firstRow) => rowBase = firstRow;
}
