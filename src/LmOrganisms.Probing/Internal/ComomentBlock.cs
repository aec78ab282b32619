namespace LmOrganisms.Probing;

/// <summary>
/// One block update of the streaming centred co-moment (<see cref="ProbeStatistics"/>): a block of at most
/// <see cref="Rows"/> rows of q values, centred on its own weighted mean and packed for <see cref="GramKernel"/>, is
/// added to the co-moment rows <c>[rowFrom, rowTo)</c> and merged into the running mean and weight with the pairwise
/// update of Chan, Golub and LeVeque. Every co-moment entry, mean and weight depends only on its own columns, so
/// workers that own disjoint row ranges of one co-moment and see the same blocks produce exactly the bits of a single
/// worker that owns all rows (<see cref="ProbeStatistics"/> accumulates in parallel that way).
/// </summary>
internal sealed class ComomentBlock
{
    /// <summary>Rows per block (the centring block of the statistics; changing it changes the rounding).</summary>
    public const int Rows = 128;

    private readonly int q;
    private readonly int mp;
    private readonly int rowFrom;
    private readonly int rowTo;
    private readonly int columnFrom;
    private readonly double[] blockMean;
    private readonly double[] delta;
    private readonly double[] packed;

    /// <summary>A block updater for q columns padded to <paramref name="mp"/> (<see cref="GramKernel.PaddedDimension"/>)
    /// owning co-moment rows <c>[rowFrom, rowTo)</c>; <paramref name="rowFrom"/> is a multiple of
    /// <see cref="GramKernel.TileRows"/>, and <paramref name="rowTo"/> one too or ≥ q.</summary>
    public ComomentBlock(int q, int mp, int rowFrom, int rowTo)
    {
        this.q = q;
        this.mp = mp;
        this.rowFrom = rowFrom;
        this.rowTo = Math.Min(rowTo, q);
        columnFrom = rowFrom / GramKernel.PanelWidth * GramKernel.PanelWidth;
        Values = new double[Rows * q];
        Weights = new double[Rows];
        blockMean = new double[q];
        delta = new double[q];
        packed = new double[mp / GramKernel.PanelWidth * Rows * GramKernel.PanelWidth];
    }

    /// <summary>The block's rows, row-major (<see cref="Rows"/> × q), filled by the caller before <see cref="Add"/>.</summary>
    public double[] Values { get; }

    /// <summary>The block's row weights, filled by the caller before <see cref="Add"/>.</summary>
    public double[] Weights { get; }

    /// <summary>Adds the first <paramref name="nb"/> rows of <see cref="Values"/> to the owned rows of
    /// <paramref name="comoment"/> (mp × mp) and merges their weighted mean into <paramref name="mean"/> and
    /// <paramref name="weightSum"/> (only the columns this updater reads, from its first panel on).</summary>
    public void Add(int nb, double[] comoment, double[] mean, ref double weightSum)
    {
        var r = Values;
        var w = Weights;
        double wb = 0;
        for (int i = 0; i < nb; i++) wb += w[i];
        if (wb == 0 || rowFrom >= rowTo) return;

        int c0 = columnFrom;
        Array.Clear(blockMean, c0, q - c0);
        for (int i = 0; i < nb; i++)
        {
            double wi = w[i];
            if (wi == 0) continue;
            var row = r.AsSpan(i * q, q);
            for (int j = c0; j < q; j++) blockMean[j] += wi * row[j];
        }
        for (int j = c0; j < q; j++) blockMean[j] /= wb;

        const int pw = GramKernel.PanelWidth;
        int stride = nb * pw;
        int firstPanel = c0 / pw, panelCount = mp / pw;
        Array.Clear(packed, firstPanel * stride, (panelCount - firstPanel) * stride);
        for (int i = 0; i < nb; i++)
        {
            double s = Math.Sqrt(w[i]);
            var row = r.AsSpan(i * q, q);
            for (int j = c0; j < q; j++)
                packed[(j / pw) * stride + i * pw + (j % pw)] = s * (row[j] - blockMean[j]);
        }
        GramKernel.AddUpper(packed, nb, nb, q, comoment, mp, rowFrom, rowTo);
        MergeMoments(comoment, mp, mean, ref weightSum, blockMean, wb, delta, rowFrom, rowTo, c0, q);
    }

    /// <summary>
    /// Adds the between-means term of a block of weight <paramref name="wb"/> and mean <paramref name="otherMean"/>,
    /// whose centred co-moment is already in <paramref name="comoment"/>, to rows <c>[rowFrom, rowTo)</c>, and moves
    /// <paramref name="mean"/> (columns <c>[columnFrom, q)</c>) and <paramref name="weightSum"/> to the merged values.
    /// </summary>
    public static void MergeMoments(double[] comoment, int mp, double[] mean, ref double weightSum,
        double[] otherMean, double wb, double[] delta, int rowFrom, int rowTo, int columnFrom, int q)
    {
        double wa = weightSum;
        double total = wa + wb;
        if (wa > 0)
        {
            for (int j = columnFrom; j < q; j++) delta[j] = otherMean[j] - mean[j];
            double f = wa * wb / total;
            for (int i = rowFrom; i < rowTo; i++)
            {
                double fi = f * delta[i];
                if (fi == 0) continue;
                for (int j = i; j < q; j++) comoment[i * mp + j] += fi * delta[j];
            }
            double g = wb / total;
            for (int j = columnFrom; j < q; j++) mean[j] += g * delta[j];
        }
        else
        {
            Array.Copy(otherMean, columnFrom, mean, columnFrom, q - columnFrom);
        }
        weightSum = total;
    }
}
