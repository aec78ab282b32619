using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory.Partitions;

namespace LmOrganisms.InformationTheory.TaskEcology;

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

    internal static OptimumResult Solve(SubsetCosts table, double beta, CancellationToken cancellationToken)
    {
        int n = table.Worlds, full = (1 << n) - 1;
        var cost = new double[full + 1];
        for (int s = 1; s <= full; s++)
        {
            double m = table.Mass[s];
            cost[s] = table.Loss[s] - beta * m * Math.Log(m);
        }
        var best = new double[full + 1];
        var choice = new int[full + 1];
        for (int s = 1; s <= full; s++)
        {
            if ((s & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int low = s & -s, rest = s ^ low;
            double bestValue = cost[s];
            int bestCell = s;
            // proper submasks t of rest: the cell is t | low, the remainder rest ^ t (non-empty)
            for (int t = (rest - 1) & rest; ; t = (t - 1) & rest)
            {
                double v = cost[t | low] + best[rest ^ t];
                if (v < bestValue)
                {
                    bestValue = v;
                    bestCell = t | low;
                }
                if (t == 0) break;
            }
            best[s] = bestValue;
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
