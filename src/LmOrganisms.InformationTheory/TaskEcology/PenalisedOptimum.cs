using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// The exact global minimiser of the penalised objective J_{D,β}(p) = L*_D(p) + β H(p(W)) over all partitions of the
/// worlds (task-ecology paper Def 53, §1.10). J is a sum of per-cell costs π_S Σ_c d_c H(P̄_S) − β π_S ln π_S, so the
/// optimum is a dynamic programme over subsets: f(S) = min over cells T ∋ min(S) of cost(T) + f(S∖T), O(3ⁿ) time and
/// O(2ⁿ) memory; exact for up to 20 worlds without enumerating the Bell(n) partitions.
/// </summary>
public static class PenalisedOptimum
{
    /// <summary>The exact optimum of J at β ≥ 0 (subset dynamic programme).</summary>
    public static OptimumResult OptimumAt(this FiniteEcology ecology, double beta, CancellationToken cancellationToken = default) =>
        ecology.OptimaAt([beta], cancellationToken)[0];

    /// <summary>Exact optima of J at several β, sharing one table of per-subset losses.</summary>
    public static IReadOnlyList<OptimumResult> OptimaAt(this FiniteEcology ecology, IReadOnlyList<double> betas,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(betas);
        foreach (double b in betas) EcologyLoss.CheckBeta(b);
        var table = new SubsetCosts(ecology, cancellationToken);
        return betas.Select(b => Solve(table, b, cancellationToken)).ToArray();
    }

    /// <summary>
    /// The subset DP. With <paramref name="preferCoarse"/>, objective values within 1e-12 (relative) count as ties and the
    /// lower complexity wins (both J and H are sums over cells, so the lexicographic order is itself a DP): this selects
    /// the optimum just above β at a breakpoint.
    /// </summary>
    internal static OptimumResult Solve(SubsetCosts table, double beta, CancellationToken cancellationToken, bool preferCoarse = false)
    {
        int n = table.Worlds, full = (1 << n) - 1;
        var cost = new double[full + 1];
        var entropy = new double[full + 1];
        for (int s = 1; s <= full; s++)
        {
            double m = table.Mass[s];
            entropy[s] = -m * Math.Log(m);
            cost[s] = table.Loss[s] + beta * entropy[s];
        }
        var best = new double[full + 1];
        var bestH = new double[full + 1];
        var choice = new int[full + 1];
        for (int s = 1; s <= full; s++)
        {
            if ((s & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int low = s & -s, rest = s ^ low;
            double bestValue = cost[s], bestEntropy = entropy[s];
            int bestCell = s;
            // proper submasks t of rest: the cell is t | low, the remainder rest ^ t (non-empty)
            for (int t = (rest - 1) & rest; ; t = (t - 1) & rest)
            {
                int cell = t | low, remainder = rest ^ t;
                double v = cost[cell] + best[remainder];
                if (!preferCoarse)
                {
                    if (v < bestValue)
                    {
                        bestValue = v;
                        bestCell = cell;
                    }
                }
                else
                {
                    double tol = 1e-12 * (1 + Math.Abs(bestValue)), h = entropy[cell] + bestH[remainder];
                    if (v < bestValue - tol || (v <= bestValue + tol && h < bestEntropy))
                    {
                        bestValue = v;
                        bestEntropy = h;
                        bestCell = cell;
                    }
                }
                if (t == 0) break;
            }
            best[s] = bestValue;
            bestH[s] = bestEntropy;
            choice[s] = bestCell;
        }
        var labels = new int[n];
        int label = 0;
        for (int s = full; s != 0; s ^= choice[s], label++)
            for (int w = 0; w < n; w++)
                if ((choice[s] >> w & 1) == 1) labels[w] = label;
        var canon = SetPartition.Canonicalize(labels);
        return new OptimumResult(beta, canon, best[full], table.BayesLoss(canon), table.Complexity(canon));
    }

    /// <summary>
    /// The global split–merge path without enumeration (up to 20 worlds): from the current optimum p_c, walk down the
    /// lower convex hull of {(H(p), L*(p))} — take the one-cell partition o, set β = (L*(o) − L*(p_c))/(H(p_c) − H(o)),
    /// and while the exact optimum at β lies strictly below the line through p_c and o replace o by it; at the breakpoint
    /// the next optimum is the exact optimum at β with ties broken towards lower complexity. Same steps as
    /// <see cref="SplitMerge.GlobalPath"/> (which enumerates, as in the paper).
    /// </summary>
    public static SplitMergePath GlobalPathExact(this FiniteEcology ecology, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var table = new SubsetCosts(ecology, cancellationToken);
        double floor = ecology.Floor();
        var start = ecology.QuotientPartition();
        var current = start;
        double lc = table.BayesLoss(current), hc = table.Complexity(current), lastBeta = 0;
        var oneCell = SetPartition.OneCell(ecology.WorldCount);
        double lOne = table.BayesLoss(oneCell), hOne = table.Complexity(oneCell);
        var steps = new List<SplitMergeStep>();
        // The path ends at the one-cell partition. Its complexity −π ln π is not exactly 0 when the priors sum to 1 only
        // within the tolerance (1 − 1.6e-14 gives 1.6e-14), so the end is told by the number of cells.
        while (current.Max() > 0)
        {
            double lo = lOne, ho = hOne, beta;
            var other = oneCell;
            if (hc - ho <= 1e-15)
            {
                // No partition is measurably less complex (cells of negligible mass): the last step merges everything.
                beta = Math.Max(lastBeta, hc > ho ? Math.Max(0, (lo - lc) / (hc - ho)) : 0);
                AddStep(new OptimumResult(beta, oneCell, lo + beta * ho, lo, ho));
                continue;
            }
            while (true)
            {
                beta = Math.Max(lastBeta, Math.Max(0, (lo - lc) / (hc - ho)));
                var r = Solve(table, beta, cancellationToken);
                double jc = lc + beta * hc;
                if (r.Objective < jc - 1e-12 * (1 + Math.Abs(jc)) && r.Complexity < hc - 1e-15)
                {
                    lo = r.BayesLoss;
                    ho = r.Complexity;
                    other = r.Partition;
                    continue;
                }
                break;
            }
            var next = Solve(table, beta, cancellationToken, preferCoarse: true);
            if (next.Complexity >= hc - 1e-15) next = new OptimumResult(beta, other, lo + beta * ho, lo, ho);
            AddStep(next);
        }
        return new SplitMergePath(start, steps);

        void AddStep(OptimumResult next)
        {
            var local = ecology.ThresholdTable(current)[0];
            steps.Add(new SplitMergeStep(next.Beta, current, next.Partition, next.BayesLoss - floor, next.Complexity,
                local.Merged, local.Gain.BetaStar, local.Merged.AsSpan().SequenceEqual(next.Partition)));
            progress?.Report(steps.Count);
            current = next.Partition;
            lc = next.BayesLoss;
            hc = next.Complexity;
            lastBeta = next.Beta;
        }
    }

    /// <summary>
    /// The optimum of J by enumerating every partition (Bell(n) of them; n ≤ 12), evaluating L* and H independently of
    /// the subset table. For small ecologies and as a test oracle of <see cref="OptimumAt"/>.
    /// </summary>
    public static OptimumResult OptimumByEnumeration(this FiniteEcology ecology, double beta)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        EcologyLoss.CheckBeta(beta);
        if (ecology.WorldCount > 12)
            throw new ArgumentException($"Enumeration over Bell({ecology.WorldCount}) partitions is limited to 12 worlds; use OptimumAt.", nameof(ecology));
        OptimumResult? best = null;
        foreach (var p in SetPartition.AllPartitions(ecology.WorldCount))
        {
            double loss = ecology.BayesLoss(p), h = ecology.Complexity(p), j = loss + beta * h;
            if (best is null || j < best.Objective) best = new OptimumResult(beta, p, j, loss, h);
        }
        return best!;
    }
}
