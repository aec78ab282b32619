using System.Numerics.Tensors;
using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// Selection-stage statistics of a Wright–Fisher population (the paper's Exp3 diagnostic): the expected change of the
/// mean risk under fitness-proportional sampling with replacement, its exact standard deviation, the 95% band,
/// observed changes and z-scores.
/// </summary>
/// <remarks>Task-ecology paper, Sec. 5 and Exp3; spec <c>task-ecologies.md</c> §1.12, §3.6 and §4.10.</remarks>
public static class SelectionStage
{
    /// <summary>
    /// Exact conditional moments of Δ_sel = R̄_sel − R̄ when <paramref name="selectedCount"/> parents are drawn with
    /// replacement ∝ <paramref name="fitness"/> from members with risks <paramref name="risks"/> (spec §3.6):
    /// expected = Cov(w, R)/w̄ (population covariance, 1/K), sd = sqrt(Var_p(R)/K_selected) with pᵢ = wᵢ/Σw.
    /// </summary>
    public static SelectionStageStatistics Statistics(ReadOnlySpan<double> risks, ReadOnlySpan<double> fitness, int selectedCount)
    {
        Check.Finite(risks, "risks", nameof(risks));
        Check.SameLength(risks.Length, fitness.Length, "fitness values", nameof(fitness));
        Check.Fitness(fitness, "fitness values", nameof(fitness));
        Check.Positive(selectedCount, "number of selected parents", nameof(selectedCount));
        int k = risks.Length;
        double total = TensorPrimitives.Sum(fitness);
        if (!(total > 0))
            throw new ArgumentException("The total fitness is 0; expected a positive total.", nameof(fitness));
        double rBar = TensorPrimitives.Sum(risks) / k;
        double wBar = total / k;
        double cov = 0, selected = 0;
        for (int i = 0; i < k; i++)
        {
            cov += (fitness[i] - wBar) * (risks[i] - rBar);
            selected += fitness[i] * risks[i];
        }
        cov /= k;
        selected /= total;
        // Var_p(R); exactly 0 when every member with positive fitness has the same risk (no rounding residue).
        double variance = 0;
        if (HasSelectableSpread(risks, fitness))
        {
            for (int i = 0; i < k; i++)
            {
                double d = risks[i] - selected;
                variance += fitness[i] * d * d;
            }
            variance /= total;
        }
        return new SelectionStageStatistics(rBar, wBar, cov, cov / wBar, selected, Math.Sqrt(variance / selectedCount), selectedCount);
    }

    private static bool HasSelectableSpread(ReadOnlySpan<double> risks, ReadOnlySpan<double> fitness)
    {
        double? first = null;
        for (int i = 0; i < risks.Length; i++)
        {
            if (fitness[i] <= 0) continue;
            if (first is null) first = risks[i];
            else if (risks[i] != first.Value) return true;
        }
        return false;
    }

    /// <summary>
    /// The observed selection-stage change Δ_sel = R̄_sel − R̄: mean risk of the drawn parents minus the population mean.
    /// </summary>
    public static double ObservedChange(ReadOnlySpan<double> risks, ReadOnlySpan<int> parents)
    {
        Check.Finite(risks, "risks", nameof(risks));
        if (parents.Length == 0) throw new ArgumentException("No parents were given; at least one is required.", nameof(parents));
        double sum = 0;
        for (int m = 0; m < parents.Length; m++)
        {
            int p = parents[m];
            if ((uint)p >= (uint)risks.Length)
                throw new ArgumentException($"Parent {m} has index {p}, outside 0..{risks.Length - 1}.", nameof(parents));
            sum += risks[p];
        }
        return (sum / parents.Length) - (TensorPrimitives.Sum(risks) / risks.Length);
    }

    /// <summary>
    /// Summary of many selection stages (one per generation and run): coverage of the 95% band, fraction with |z| ≤ 2,
    /// rms z, mean |z|, mean Δ_sel and the OLS regression of observed on expected change (spec §3.6). Stages whose sd is
    /// 0 cannot have a z-score; they are left out of the z statistics and counted in <see cref="SelectionDiagnostics.ZeroSpreadCount"/>.
    /// </summary>
    public static SelectionDiagnostics Diagnose(IReadOnlyList<SelectionStageStatistics> stages, ReadOnlySpan<double> observedChanges)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0) throw new ArgumentException("No selection stages were given; at least one is required.", nameof(stages));
        Check.SameLength(stages.Count, observedChanges.Length, "observed changes", nameof(observedChanges));
        Check.Finite(observedChanges, "observed changes", nameof(observedChanges));
        int n = stages.Count, covered = 0, zCount = 0, withinTwo = 0, signMatches = 0;
        double sumZ2 = 0, sumAbsZ = 0, sumObs = 0, sumExp = 0;
        for (int i = 0; i < n; i++)
        {
            var s = stages[i] ?? throw new ArgumentException($"Selection stage {i} is null.", nameof(stages));
            double obs = observedChanges[i];
            sumObs += obs;
            sumExp += s.ExpectedChange;
            if (s.Covers(obs)) covered++;
            if (Math.Sign(obs) == Math.Sign(s.ExpectedChange)) signMatches++;
            if (s.HasSpread)
            {
                double z = s.ZScore(obs);
                zCount++;
                sumZ2 += z * z;
                sumAbsZ += Math.Abs(z);
                if (Math.Abs(z) <= 2) withinTwo++;
            }
        }
        double meanObs = sumObs / n, meanExp = sumExp / n;
        double sxx = 0, sxy = 0, syy = 0;
        bool expectedVaries = false;
        for (int i = 0; i < n; i++)
        {
            expectedVaries |= stages[i].ExpectedChange != stages[0].ExpectedChange;
            double dx = stages[i].ExpectedChange - meanExp, dy = observedChanges[i] - meanObs;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        // Identical expected changes leave the regression undefined (sxx would be rounding residue, not 0).
        if (!expectedVaries) sxx = 0;
        double slope = sxx > 0 ? sxy / sxx : double.NaN;
        double intercept = sxx > 0 ? meanObs - (slope * meanExp) : double.NaN;
        double rss = 0;
        if (sxx > 0)
            for (int i = 0; i < n; i++)
            {
                double r = observedChanges[i] - (intercept + (slope * stages[i].ExpectedChange));
                rss += r * r;
            }
        double r2 = sxx > 0 && syy > 0 ? 1 - (rss / syy) : double.NaN;
        return new SelectionDiagnostics(
            Count: n,
            Coverage95: (double)covered / n,
            FractionWithinTwo: zCount > 0 ? (double)withinTwo / zCount : double.NaN,
            RmsZ: zCount > 0 ? Math.Sqrt(sumZ2 / zCount) : double.NaN,
            MeanAbsZ: zCount > 0 ? sumAbsZ / zCount : double.NaN,
            MeanObservedChange: meanObs,
            Slope: slope,
            Intercept: intercept,
            RSquared: r2,
            Rmse: sxx > 0 ? Math.Sqrt(rss / n) : double.NaN,
            SignMatch: (double)signMatches / n,
            ZeroSpreadCount: n - zCount);
    }
}
