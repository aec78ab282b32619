namespace LmOrganisms.BeliefStates;

/// <summary>
/// Set of distinct probability vectors merged within a max-norm tolerance, with insertion-order indices.
/// Vectors are hashed on their first d − 1 coordinates quantised to cells of width <c>2 · tolerance</c>; a query looks at
/// the at most 2^(d−1) cells a tolerance ball can touch (its own and, per coordinate, the neighbour on the nearer side) and confirms with the full max-norm, so no pairwise search.
/// The first stored vector within tolerance wins (first occurrence). Memory: one vector and two ints per entry.
/// </summary>
internal sealed class BeliefIndex
{
    private readonly int dim;
    private readonly int hashDims;
    private readonly double tolerance;
    private readonly double scale;
    private readonly Dictionary<long, int> head = new();
    private readonly List<int> next = new();
    private double[] values;

    public BeliefIndex(int dim, double tolerance, int capacity = 1024)
    {
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"The merge tolerance must be positive and finite; got {tolerance}.");
        this.dim = dim;
        hashDims = Math.Max(1, dim - 1);
        this.tolerance = tolerance;
        scale = 1 / (2 * tolerance);
        values = new double[Math.Max(1, capacity) * dim];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<double> this[int index] => values.AsSpan(index * dim, dim);

    public double[] Values => values;

    /// <summary>Index of the first stored vector within tolerance of <paramref name="v"/>, or −1.</summary>
    public int Find(ReadOnlySpan<double> v)
    {
        Span<long> cell = stackalloc long[hashDims];
        Span<int> dir = stackalloc int[hashDims];
        for (int k = 0; k < hashDims; k++)
        {
            double q = v[k] * scale;
            double f = Math.Floor(q);
            cell[k] = (long)f;
            dir[k] = q - f < 0.5 ? -1 : 1;
        }
        int best = -1;
        int combos = 1 << hashDims;
        Span<long> probe = stackalloc long[hashDims];
        for (int mask = 0; mask < combos; mask++)
        {
            for (int k = 0; k < hashDims; k++) probe[k] = cell[k] + (((mask >> k) & 1) != 0 ? dir[k] : 0);
            long key = Key(probe);
            if (!head.TryGetValue(key, out int e)) continue;
            for (; e >= 0; e = next[e])
                if ((best < 0 || e < best) && Within(v, e)) best = e;
        }
        return best;
    }

    /// <summary>Adds a vector unconditionally; returns its index.</summary>
    public int Add(ReadOnlySpan<double> v)
    {
        if ((Count + 1) * dim > values.Length) Array.Resize(ref values, Math.Max(values.Length * 2, (Count + 1) * dim));
        v.CopyTo(values.AsSpan(Count * dim, dim));
        Span<long> cell = stackalloc long[hashDims];
        for (int k = 0; k < hashDims; k++) cell[k] = (long)Math.Floor(v[k] * scale);
        long key = Key(cell);
        next.Add(head.TryGetValue(key, out int h) ? h : -1);
        head[key] = Count;
        return Count++;
    }

    /// <summary>Finds a vector within tolerance or adds it; <paramref name="added"/> tells which.</summary>
    public int FindOrAdd(ReadOnlySpan<double> v, out bool added)
    {
        int i = Find(v);
        added = i < 0;
        return added ? Add(v) : i;
    }

    private bool Within(ReadOnlySpan<double> v, int e)
    {
        var w = values.AsSpan(e * dim, dim);
        for (int k = 0; k < dim; k++)
            if (Math.Abs(v[k] - w[k]) > tolerance) return false;
        return true;
    }

    private static long Key(ReadOnlySpan<long> cell)
    {
        ulong h = 1469598103934665603UL;
        foreach (var c in cell)
        {
            h ^= (ulong)c;
            h *= 1099511628211UL;
            h ^= h >> 29;
        }
        return (long)h;
    }
}
