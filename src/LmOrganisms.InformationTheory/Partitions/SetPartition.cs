namespace LmOrganisms.InformationTheory;

/// <summary>
/// Set partitions of {0, …, n−1} as label arrays (<c>labels[i]</c> = cell of element i). The canonical form is the
/// restricted growth string: labels 0…k−1 in order of first occurrence (task-ecology spec §4.2). Every function that
/// returns labels returns them canonical. A cell is an ascending array of element indices.
/// </summary>
public static class SetPartition
{
    /// <summary>The Bell number B(n), the number of partitions of an n-set (B(0) = 1). Exact for n ≤ 25.</summary>
    public static long Bell(int n)
    {
        if (n < 0 || n > 25) throw new ArgumentOutOfRangeException(nameof(n), n, "Bell(n) is available for 0 ≤ n ≤ 25.");
        var row = new long[n + 1];
        row[0] = 1;
        for (int i = 1; i <= n; i++)
        {
            var next = new long[n + 1];
            next[0] = row[i - 1];
            for (int j = 1; j <= i; j++) next[j] = next[j - 1] + row[j - 1];
            row = next;
        }
        return row[0];
    }

    /// <summary>
    /// All partitions of an n-set as canonical label arrays, in lexicographic order of the restricted growth strings
    /// (identity last, one cell first). There are <see cref="Bell"/>(n) of them.
    /// </summary>
    public static IEnumerable<int[]> AllPartitions(int n)
    {
        if (n < 1 || n > 16) throw new ArgumentOutOfRangeException(nameof(n), n, "Enumeration needs 1 ≤ n ≤ 16 elements.");
        return Enumerate(n);
    }

    private static IEnumerable<int[]> Enumerate(int n)
    {
        var a = new int[n];
        var max = new int[n]; // max[i] = max(a[0..i-1])
        while (true)
        {
            yield return (int[])a.Clone();
            int i = n - 1;
            while (i > 0 && a[i] > max[i]) i--;
            if (i == 0) yield break;
            a[i]++;
            for (int j = i + 1; j < n; j++)
            {
                a[j] = 0;
                max[j] = Math.Max(max[j - 1], a[j - 1]);
            }
        }
    }

    /// <summary>The canonical (restricted growth) form of any label array: labels renumbered by first occurrence.</summary>
    public static int[] Canonicalize(ReadOnlySpan<int> labels)
    {
        if (labels.Length == 0) throw new ArgumentException("The label array is empty.", nameof(labels));
        var map = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out int l))
            {
                l = map.Count;
                map[labels[i]] = l;
            }
            result[i] = l;
        }
        return result;
    }

    /// <summary>True when the labels are already canonical (restricted growth string).</summary>
    public static bool IsCanonical(ReadOnlySpan<int> labels)
    {
        int max = -1;
        foreach (int l in labels)
        {
            if (l < 0 || l > max + 1) return false;
            max = Math.Max(max, l);
        }
        return labels.Length > 0;
    }

    /// <summary>The number of cells (classes) of the partition.</summary>
    public static int NumClasses(ReadOnlySpan<int> labels) => Canonicalize(labels).Max() + 1;

    /// <summary>The cells of the partition in canonical order, each an ascending array of elements.</summary>
    public static int[][] Cells(ReadOnlySpan<int> labels)
    {
        var canon = Canonicalize(labels);
        int k = canon.Max() + 1;
        var lists = new List<int>[k];
        for (int c = 0; c < k; c++) lists[c] = [];
        for (int i = 0; i < canon.Length; i++) lists[canon[i]].Add(i);
        return lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>The canonical labels of the partition with the given cells (which must cover 0…n−1 exactly once).</summary>
    public static int[] FromCells(IReadOnlyList<IReadOnlyList<int>> cells, int n)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var labels = Enumerable.Repeat(-1, n).ToArray();
        for (int c = 0; c < cells.Count; c++)
            foreach (int i in cells[c])
            {
                if (i < 0 || i >= n) throw new ArgumentException($"Cell {c} holds element {i}, outside 0…{n - 1}.", nameof(cells));
                if (labels[i] >= 0) throw new ArgumentException($"Element {i} lies in cells {labels[i]} and {c}.", nameof(cells));
                labels[i] = c;
            }
        int missing = Array.IndexOf(labels, -1);
        if (missing >= 0) throw new ArgumentException($"Element {missing} lies in no cell.", nameof(cells));
        return Canonicalize(labels);
    }

    /// <summary>The identity (finest) partition {0}, {1}, …, {n−1}.</summary>
    public static int[] Identity(int n) => Enumerable.Range(0, n).ToArray();

    /// <summary>The one-cell (coarsest) partition.</summary>
    public static int[] OneCell(int n) => new int[n];

    /// <summary>True when <paramref name="finer"/> refines <paramref name="coarser"/>: every cell of the first lies inside a cell of the second.</summary>
    public static bool Refines(ReadOnlySpan<int> finer, ReadOnlySpan<int> coarser)
    {
        if (finer.Length != coarser.Length)
            throw new ArgumentException($"The partitions cover {finer.Length} and {coarser.Length} elements.", nameof(coarser));
        var image = new Dictionary<int, int>();
        for (int i = 0; i < finer.Length; i++)
        {
            if (image.TryGetValue(finer[i], out int c)) { if (c != coarser[i]) return false; }
            else image[finer[i]] = coarser[i];
        }
        return true;
    }

    /// <summary>True when both label arrays describe the same partition.</summary>
    public static bool Same(ReadOnlySpan<int> a, ReadOnlySpan<int> b) =>
        a.Length == b.Length && Canonicalize(a).AsSpan().SequenceEqual(Canonicalize(b));

    /// <summary>
    /// All bipartitions {A, B} of a cell into two non-empty parts, A containing the cell's first element;
    /// 2^(k−1) − 1 of them for a k-element cell.
    /// </summary>
    public static IEnumerable<(int[] A, int[] B)> AllBinarySplits(IReadOnlyList<int> cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Count > 30) throw new ArgumentException($"A cell of {cell.Count} elements has too many splits to list.", nameof(cell));
        return Splits(cell.ToArray());
    }

    private static IEnumerable<(int[] A, int[] B)> Splits(int[] cell)
    {
        int k = cell.Length;
        long count = (1L << (k - 1)) - 1;
        for (long mask = 0; mask < count; mask++)
        {
            // element 0 always in A; bits of mask choose the members of B among elements 1..k-1 (never all of them in A)
            long b = mask + 1;
            var a = new List<int> { cell[0] };
            var bl = new List<int>();
            for (int j = 1; j < k; j++)
                if ((b >> (j - 1) & 1) == 1) bl.Add(cell[j]); else a.Add(cell[j]);
            yield return (a.ToArray(), bl.ToArray());
        }
    }

    /// <summary>The partition with cells <paramref name="cellA"/> and <paramref name="cellB"/> (canonical labels) merged.</summary>
    public static int[] MergeCells(ReadOnlySpan<int> labels, int cellA, int cellB)
    {
        var canon = Canonicalize(labels);
        int k = canon.Max() + 1;
        if (cellA < 0 || cellA >= k || cellB < 0 || cellB >= k || cellA == cellB)
            throw new ArgumentException($"Cannot merge cells {cellA} and {cellB} of a partition with {k} cells.", nameof(cellB));
        for (int i = 0; i < canon.Length; i++)
            if (canon[i] == cellB) canon[i] = cellA;
        return Canonicalize(canon);
    }

    /// <summary>The partition with the elements of <paramref name="part"/> split off their (single, common) cell into a new cell.</summary>
    public static int[] SplitCell(ReadOnlySpan<int> labels, IReadOnlyList<int> part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var canon = Canonicalize(labels);
        if (part.Count == 0) throw new ArgumentException("The part to split off is empty.", nameof(part));
        int cell = canon[part[0]];
        if (part.Any(i => canon[i] != cell))
            throw new ArgumentException("The part to split off spans several cells.", nameof(part));
        if (canon.Count(l => l == cell) == part.Count)
            throw new ArgumentException($"The part is the whole of cell {cell}; a split needs two non-empty parts.", nameof(part));
        int fresh = canon.Max() + 1;
        foreach (int i in part) canon[i] = fresh;
        return Canonicalize(canon);
    }

    /// <summary>Validates a label array over n elements and returns its canonical form.</summary>
    public static int[] Check(ReadOnlySpan<int> labels, int n, string paramName = "labels")
    {
        if (labels.Length != n)
            throw new ArgumentException($"The partition has {labels.Length} labels, expected one per world ({n}).", paramName);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0) throw new ArgumentException($"Label {i} of the partition is negative ({labels[i]}).", paramName);
        return Canonicalize(labels);
    }

    /// <summary>A bit mask (bit i set for element i) of a cell; n ≤ 31.</summary>
    internal static int Mask(IEnumerable<int> cell) => cell.Aggregate(0, (m, i) => m | (1 << i));
}
