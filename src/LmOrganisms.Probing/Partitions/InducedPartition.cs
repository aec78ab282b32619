using System.Globalization;

namespace LmOrganisms.Probing;

/// <summary>
/// The partition of worlds induced by a trained model (task-ecology spec §1.6 operational encoding, measured as in
/// §3.2): the connected components of the graph with an edge between worlds whose behavioural distance is at most
/// τ (single linkage, union–find), as a restricted growth string (labels 0 … k−1 in order of first occurrence).
/// </summary>
public static class InducedPartition
{
    /// <summary>Labels of the single-linkage partition of <paramref name="distances"/> (a symmetric n × n matrix
    /// with zero diagonal) at threshold <paramref name="threshold"/>: D ≤ τ joins two worlds.</summary>
    public static int[] FromDistances(IReadOnlyList<IReadOnlyList<double>> distances, double threshold)
    {
        int n = Check(distances, threshold);
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (distances[i][j] <= threshold)
                {
                    int a = Find(i), b = Find(j);
                    if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
                }
        var labels = new int[n];
        var seen = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int root = Find(i);
            if (!seen.TryGetValue(root, out int label)) seen[root] = label = seen.Count;
            labels[i] = label;
        }
        return labels;
    }

    /// <summary>(s, k): pairs with D &gt; τ and the number of cells of <see cref="FromDistances"/>.</summary>
    public static SeparationSummary Summary(IReadOnlyList<IReadOnlyList<double>> distances, double threshold)
    {
        int n = Check(distances, threshold);
        int s = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (distances[i][j] > threshold) s++;
        return new SeparationSummary(s, FromDistances(distances, threshold).Max() + 1);
    }

    private static int Check(IReadOnlyList<IReadOnlyList<double>> d, double threshold)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!(threshold >= 0) || !double.IsFinite(threshold))
            throw new ArgumentException(
                $"threshold is {threshold.ToString("R", CultureInfo.InvariantCulture)}; expected a finite τ ≥ 0.", nameof(threshold));
        int n = d.Count;
        if (n == 0) throw new ArgumentException("The distance matrix has no worlds.", nameof(d));
        for (int i = 0; i < n; i++)
        {
            if (d[i] is null || d[i].Count != n)
                throw new ArgumentException($"Row {i} of the distance matrix has {d[i]?.Count ?? 0} entries; expected {n}.", "distances");
            for (int j = 0; j < n; j++)
            {
                double v = d[i][j];
                if (!(v >= 0) || !double.IsFinite(v))
                    throw new ArgumentException(
                        $"Distance [{i}, {j}] is {v.ToString("R", CultureInfo.InvariantCulture)}; expected a finite value ≥ 0.", "distances");
                if (d[j][i] != v)
                    throw new ArgumentException(
                        $"The distance matrix is not symmetric: [{i}, {j}] = {v.ToString("R", CultureInfo.InvariantCulture)} but [{j}, {i}] = {d[j][i].ToString("R", CultureInfo.InvariantCulture)}.",
                        "distances");
            }
        }
        return n;
    }
}
