namespace LmOrganisms.Probing;

/// <summary>
/// The distance-correlation test of the belief-geometry paper (spec §2.6, Fig. 7D): over all unordered pairs of rows
/// i &lt; j, the Euclidean distance between rows of one representation against the distance between the same rows
/// of another (ground-truth beliefs, next-token laws, probe outputs); reported as R² = the squared Pearson
/// correlation of the two distance lists (paper: 0.95 beliefs vs probe, 0.31 next token vs probe, RRXOR).
/// </summary>
public static class PairwiseDistances
{
    /// <summary>
    /// Squared Pearson correlation between ‖aᵢ − aⱼ‖ and ‖bᵢ − bⱼ‖ over all pairs i &lt; j. <paramref name="a"/> is
    /// n × <paramref name="widthA"/> and <paramref name="b"/> n × <paramref name="widthB"/>, row-major. Two passes
    /// (means, then centred sums), O(n² (widthA + widthB)) time and O(1) extra memory.
    /// </summary>
    public static double RSquared(ReadOnlySpan<double> a, int widthA, ReadOnlySpan<double> b, int widthB)
    {
        int n = Rows(a.Length, widthA, nameof(a));
        int nb = Rows(b.Length, widthB, nameof(b));
        if (n != nb) throw new ArgumentException($"a has {n} rows but b has {nb}.", nameof(b));
        if (n < 3) throw new ArgumentException($"There are {n} rows; a correlation over pairs needs at least 3.", nameof(a));
        double pairs = (double)n * (n - 1) / 2;
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                sa += Distance(a, widthA, i, j);
                sb += Distance(b, widthB, i, j);
            }
        double ma = sa / pairs, mb = sb / pairs;
        double saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double da = Distance(a, widthA, i, j) - ma;
                double db = Distance(b, widthB, i, j) - mb;
                saa += da * da;
                sbb += db * db;
                sab += da * db;
            }
        if (saa == 0 || sbb == 0)
            throw new ArgumentException(
                $"All pairwise distances of {(saa == 0 ? "a" : "b")} are equal; the correlation is undefined.",
                saa == 0 ? nameof(a) : nameof(b));
        return sab * sab / (saa * sbb);
    }

    private static double Distance(ReadOnlySpan<double> x, int width, int i, int j) =>
        System.Numerics.Tensors.TensorPrimitives.Distance(x.Slice(i * width, width), x.Slice(j * width, width));

    private static int Rows(int length, int width, string name)
    {
        if (width < 1) throw new ArgumentException($"The width of {name} is {width}; expected at least 1.", name);
        if (length % width != 0)
            throw new ArgumentException($"{name} has {length} entries, not a multiple of its width {width}.", name);
        return length / width;
    }
}
