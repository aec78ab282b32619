using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Task distance, separation and the quotient (ecology) partition of a <see cref="FiniteEcology"/>
/// (task-ecology paper §1.5, Cor 11, Def 3; spec §4.3). A tolerance of 0 selects the paper's exact mode: two worlds are
/// separated iff their laws differ (exact inequality) on some context of positive weight. A positive tolerance τ
/// declares worlds separated iff σ² &gt; τ, and the quotient then takes connected components of σ² ≤ τ (single linkage).
/// </summary>
public static class Separation
{
    /// <summary>The task distance σ²_D(w1, w2) = E_{c∼D_C}[H²(P_w1(·|c), P_w2(·|c))] ∈ [0, 1] (squared Hellinger, §1.5).</summary>
    public static double TaskDistance(this FiniteEcology ecology, int world1, int world2)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        CheckWorld(ecology, world1, nameof(world1));
        CheckWorld(ecology, world2, nameof(world2));
        double s = 0;
        for (int c = 0; c < ecology.ContextCount; c++)
        {
            double d = ecology.ContextWeights[c];
            if (d > 0) s += d * Divergence.Hellinger2Unchecked(ecology.Next(world1, c), ecology.Next(world2, c));
        }
        return s;
    }

    /// <summary>The separation matrix [σ²_D(wi, wj)] (symmetric, zero diagonal).</summary>
    public static double[][] TaskDistanceMatrix(this FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int n = ecology.WorldCount;
        var m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                m[i][j] = m[j][i] = ecology.TaskDistance(i, j);
        return m;
    }

    /// <summary>
    /// True when the ecology separates w1 and w2 (Cor 11): exact mode (tolerance 0) — the laws differ on a context of
    /// positive weight; tolerance mode — σ² &gt; tolerance.
    /// </summary>
    public static bool Separated(this FiniteEcology ecology, int world1, int world2, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        CheckTolerance(tolerance);
        CheckWorld(ecology, world1, nameof(world1));
        CheckWorld(ecology, world2, nameof(world2));
        if (tolerance > 0) return ecology.TaskDistance(world1, world2) > tolerance;
        for (int c = 0; c < ecology.ContextCount; c++)
            if (ecology.ContextWeights[c] > 0 && !ecology.Next(world1, c).SequenceEqual(ecology.Next(world2, c))) return true;
        return false;
    }

    /// <summary>The separation margin δ_D = min_{w1≠w2} σ²_D(w1, w2) (§1.5); +∞ for a single world.</summary>
    public static double SeparationMargin(this FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        double min = double.PositiveInfinity;
        for (int i = 0; i < ecology.WorldCount; i++)
            for (int j = i + 1; j < ecology.WorldCount; j++)
                min = Math.Min(min, ecology.TaskDistance(i, j));
        return min;
    }

    /// <summary>
    /// The quotient (ecology) partition W/~_μ: training-equivalent worlds share a cell (§1.5), canonical labels.
    /// The least complex zero-excess encoding (Thm 50).
    /// </summary>
    public static int[] QuotientPartition(this FiniteEcology ecology, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        CheckTolerance(tolerance);
        return Components(ecology.WorldCount, (i, j) => !ecology.Separated(i, j, tolerance));
    }

    /// <summary>The ecological complexity k_D = |W/~_μ|, the number of quotient classes.</summary>
    public static int EcologicalComplexity(this FiniteEcology ecology, double tolerance = 0) =>
        ecology.QuotientPartition(tolerance).Max() + 1;

    /// <summary>The minimum zero-excess complexity I*(μ) = H(W/~_μ), in nats (§1.9, Thm 50).</summary>
    public static double MinimumComplexity(this FiniteEcology ecology, double tolerance = 0) =>
        ecology.Complexity(ecology.QuotientPartition(tolerance));

    /// <summary>
    /// The linguistic partition W/≈_L (Def 3): worlds whose laws agree on every listed context, whatever its weight.
    /// It refines every ecology partition over the same contexts.
    /// </summary>
    public static int[] LinguisticPartition(this FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        return Components(ecology.WorldCount, (i, j) =>
            Enumerable.Range(0, ecology.ContextCount).All(c => ecology.Next(i, c).SequenceEqual(ecology.Next(j, c))));
    }

    /// <summary>True when the encoding puts two separated worlds in one cell (then its excess is positive, Thm 8).</summary>
    public static bool MergesSeparatedPair(this FiniteEcology ecology, ReadOnlySpan<int> labels, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        for (int i = 0; i < canon.Length; i++)
            for (int j = i + 1; j < canon.Length; j++)
                if (canon[i] == canon[j] && ecology.Separated(i, j, tolerance)) return true;
        return false;
    }

    /// <summary>All separated pairs (w1 &lt; w2) of the ecology.</summary>
    public static IReadOnlyList<(int World1, int World2)> SeparatedPairs(this FiniteEcology ecology, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var pairs = new List<(int, int)>();
        for (int i = 0; i < ecology.WorldCount; i++)
            for (int j = i + 1; j < ecology.WorldCount; j++)
                if (ecology.Separated(i, j, tolerance)) pairs.Add((i, j));
        return pairs;
    }

    internal static int[] Components(int n, Func<int, int, bool> linked)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (Find(i) != Find(j) && linked(i, j)) parent[Find(j)] = Find(i);
        return SetPartition.Canonicalize(Enumerable.Range(0, n).Select(Find).ToArray());
    }

    internal static void CheckWorld(FiniteEcology ecology, int w, string name)
    {
        if (w < 0 || w >= ecology.WorldCount)
            throw new ArgumentOutOfRangeException(name, w, $"World index {w} is outside 0…{ecology.WorldCount - 1}.");
    }

    internal static void CheckTolerance(double tolerance)
    {
        if (!double.IsFinite(tolerance) || tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"The separation tolerance {Laws.Num(tolerance)} must be finite and ≥ 0.");
    }
}
