using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Simplicity pressure and the split–merge threshold (task-ecology paper Defs 53–56, Thm 55, Prop 57, Cor 58;
/// spec §4.5), in nats.
/// </summary>
public static class SplitMerge
{
    /// <summary>Δ_pred(A, B), λ, h(λ) and β* for two disjoint non-empty sets of worlds (Thm 55).</summary>
    public static SplitGain SplitGain(this FiniteEcology ecology, IReadOnlyList<int> cellA, IReadOnlyList<int> cellB)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        EcologyLoss.CheckCell(ecology, cellA);
        EcologyLoss.CheckCell(ecology, cellB);
        if (cellA.Intersect(cellB).Any()) throw new ArgumentException("The two cells share a world.", nameof(cellB));
        double ma = ecology.CellMass(cellA), mb = ecology.CellMass(cellB), lambda = ma / (ma + mb);
        double gain = 0;
        for (int c = 0; c < ecology.ContextCount; c++)
        {
            double d = ecology.ContextWeights[c];
            if (d > 0) gain += d * Divergence.JensenShannonUnchecked(ecology.CellAverage(cellA, c), ecology.CellAverage(cellB, c), lambda);
        }
        return new SplitGain(gain, lambda, Entropy.Binary(lambda), ma + mb);
    }

    /// <summary>π_S (Δ_pred(A, B) − β h(λ)), which equals J(merged) − J(split) (Thm 55).</summary>
    public static double SplitThresholdRhs(this FiniteEcology ecology, IReadOnlyList<int> cellA, IReadOnlyList<int> cellB, double beta)
    {
        EcologyLoss.CheckBeta(beta);
        return ecology.SplitGain(cellA, cellB).ThresholdRhs(beta);
    }

    /// <summary>β*(A, B) = Δ_pred / h(λ) (Thm 55); 1 when the cell averages have disjoint supports on every context.</summary>
    public static double BetaStar(this FiniteEcology ecology, IReadOnlyList<int> cellA, IReadOnlyList<int> cellB) =>
        ecology.SplitGain(cellA, cellB).BetaStar;

    /// <summary>All pairs of cells of a partition with their merge thresholds, sorted by β* ascending (spec §4.5).</summary>
    public static IReadOnlyList<CellPairThreshold> ThresholdTable(this FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        var cells = SetPartition.Cells(canon);
        var rows = new List<CellPairThreshold>();
        for (int a = 0; a < cells.Length; a++)
            for (int b = a + 1; b < cells.Length; b++)
                rows.Add(new CellPairThreshold(a, b, ecology.SplitGain(cells[a], cells[b]), SetPartition.MergeCells(canon, a, b)));
        return rows.OrderBy(r => r.Gain.BetaStar).ThenBy(r => r.CellA).ThenBy(r => r.CellB).ToArray();
    }

    /// <summary>
    /// The local-minimum criterion of Prop 57: (a) every bipartition of every cell has Δ_pred ≤ β h(λ) and (b) every
    /// pair of cells has Δ_pred ≥ β h(λ), both up to <paramref name="tolerance"/> on π_S(Δ_pred − β h).
    /// </summary>
    public static bool IsLocalMinimum(this FiniteEcology ecology, ReadOnlySpan<int> labels, double beta, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        EcologyLoss.CheckBeta(beta);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        var cells = SetPartition.Cells(canon);
        foreach (var cell in cells)
            foreach (var (a, b) in SetPartition.AllBinarySplits(cell))
                if (ecology.SplitGain(a, b).ThresholdRhs(beta) > tolerance) return false;
        for (int a = 0; a < cells.Length; a++)
            for (int b = a + 1; b < cells.Length; b++)
                if (ecology.SplitGain(cells[a], cells[b]).ThresholdRhs(beta) < -tolerance) return false;
        return true;
    }

    /// <summary>
    /// Brute-force local-minimum test: J(p) ≤ J(p') + tolerance for every p' one split or one merge away
    /// (the neighbourhood N(p) of Prop 57), each J evaluated directly.
    /// </summary>
    public static bool IsLocalMinimumBruteForce(this FiniteEcology ecology, ReadOnlySpan<int> labels, double beta, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        double j = ecology.Objective(canon, beta);
        var cells = SetPartition.Cells(canon);
        foreach (var cell in cells)
            foreach (var (a, _) in SetPartition.AllBinarySplits(cell))
                if (ecology.Objective(SetPartition.SplitCell(canon, a), beta) < j - tolerance) return false;
        for (int a = 0; a < cells.Length; a++)
            for (int b = a + 1; b < cells.Length; b++)
                if (ecology.Objective(SetPartition.MergeCells(canon, a, b), beta) < j - tolerance) return false;
        return true;
    }

    /// <summary>
    /// β_min = min over pairs of quotient classes of Δ_pred/h(λ) (Prop 57, Cor 58): the quotient is a local minimum of J
    /// iff β ≤ β_min. +∞ when the quotient has one class.
    /// </summary>
    /// <remarks>
    /// Computed pair by pair from the classes' masses and average laws (each computed once), without building the
    /// threshold table: O(k² · contexts · vocabulary) time and O(k · contexts · vocabulary) memory for k classes, so it
    /// scales to thousands of worlds. The value equals <c>ThresholdTable(QuotientPartition(tolerance))[0].Gain.BetaStar</c>.
    /// </remarks>
    public static double BetaMin(this FiniteEcology ecology, double tolerance = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var cells = SetPartition.Cells(ecology.QuotientPartition(tolerance));
        if (cells.Length < 2) return double.PositiveInfinity;
        var live = Enumerable.Range(0, ecology.ContextCount).Where(c => ecology.ContextWeights[c] > 0).ToArray();
        var mass = cells.Select(ecology.CellMass).ToArray();
        var averages = cells.Select(cell => live.Select(c => ecology.CellAverage(cell, c)).ToArray()).ToArray();
        double best = double.PositiveInfinity;
        for (int a = 0; a < cells.Length; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int b = a + 1; b < cells.Length; b++)
            {
                double lambda = mass[a] / (mass[a] + mass[b]), gain = 0;
                for (int k = 0; k < live.Length; k++)
                    gain += ecology.ContextWeights[live[k]] * Divergence.JensenShannonUnchecked(averages[a][k], averages[b][k], lambda);
                double betaStar = gain / Entropy.Binary(lambda);
                if (betaStar < best || double.IsNaN(betaStar)) best = betaStar;
            }
        }
        return best;
    }

    /// <summary>
    /// The global split–merge path (task-ecology spec §3.5, Exp2 algorithm): from the current optimum p_c the next
    /// optimum is the partition o of smaller complexity minimising β = max(0, (L*(o) − L*(p_c)) / (H(p_c) − H(o)));
    /// ties (within 1e-12) go to the lower complexity, i.e. the optimum just above the breakpoint. Each step records
    /// whether it equals the local prediction (merge of the pair of current cells with the smallest β*).
    /// Enumerates all partitions, so it is limited to 12 worlds.
    /// </summary>
    public static SplitMergePath GlobalPath(this FiniteEcology ecology, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int n = ecology.WorldCount;
        if (n > 12) throw new ArgumentException($"The global path enumerates Bell({n}) partitions; it is limited to 12 worlds.", nameof(ecology));
        var table = new SubsetCosts(ecology, cancellationToken);
        var parts = new List<int[]>();
        var loss = new List<double>();
        var comp = new List<double>();
        foreach (var p in SetPartition.AllPartitions(n))
        {
            cancellationToken.ThrowIfCancellationRequested();
            parts.Add(p);
            loss.Add(table.BayesLoss(p));
            comp.Add(table.Complexity(p));
        }
        double floor = ecology.Floor();
        var start = ecology.QuotientPartition();
        int current = parts.FindIndex(p => p.AsSpan().SequenceEqual(start));
        var steps = new List<SplitMergeStep>();
        double lastBeta = 0;
        // The path ends at the one-cell partition (parts[0]). Its complexity −π ln π is not exactly 0 when the priors
        // sum to 1 only within the tolerance (1 − 1.6e-14 gives 1.6e-14), so the end is told by the number of cells.
        while (parts[current].Max() > 0)
        {
            int bestIdx = -1;
            double bestBeta = double.PositiveInfinity;
            for (int i = 0; i < parts.Count; i++)
            {
                if (comp[i] >= comp[current] - 1e-15) continue;
                double beta = Math.Max(0, (loss[i] - loss[current]) / (comp[current] - comp[i]));
                bool better = bestIdx < 0 || beta < bestBeta - 1e-12 || (beta <= bestBeta + 1e-12 && comp[i] < comp[bestIdx]);
                if (!better) continue;
                bestBeta = bestIdx < 0 ? beta : Math.Min(beta, bestBeta);
                bestIdx = i;
            }
            if (bestIdx < 0)
            {
                // No partition is measurably less complex (cells of negligible mass): the last step merges everything.
                bestIdx = 0;
                double dh = comp[current] - comp[0];
                bestBeta = dh > 0 ? Math.Max(0, (loss[0] - loss[current]) / dh) : lastBeta;
            }
            var local = ecology.ThresholdTable(parts[current])[0];
            bestBeta = Math.Max(bestBeta, lastBeta);
            steps.Add(new SplitMergeStep(bestBeta, parts[current], parts[bestIdx], loss[bestIdx] - floor, comp[bestIdx],
                local.Merged, local.Gain.BetaStar, local.Merged.AsSpan().SequenceEqual(parts[bestIdx])));
            progress?.Report(steps.Count);
            lastBeta = bestBeta;
            current = bestIdx;
        }
        return new SplitMergePath(start, steps);
    }
}
