using System.Globalization;
using LmOrganisms.Probing;

namespace LmOrganisms;

public sealed partial record LinearProbe
{
    /// <summary>
    /// k-fold cross-validation streaming over <paramref name="batches"/> (enumerated once): per-fold statistics are
    /// accumulated, fold f is predicted by the probe fitted on the merged statistics of the other folds.
    /// </summary>
    public CrossValidationResult CrossValidate(IEnumerable<ProbeBatch> batches, int folds, int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (folds < 2) throw new ArgumentException($"folds is {folds}; expected at least 2.", nameof(folds));
        ProbeStatistics[]? perFold = null;
        long offset = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            perFold ??= Enumerable.Range(0, folds)
                .Select(_ => ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount)).ToArray();
            var fold = new int[batch.RowCount];
            for (int r = 0; r < fold.Length; r++) fold[r] = ProbeValidation.FoldOf(ProbeValidation.GroupOf(batch, r, offset), folds, seed);
            for (int f = 0; f < folds; f++)
            {
                int ff = f;
                perFold[f].Add(batch.Where(r => fold[r] == ff));
            }
            offset += batch.RowCount;
        }
        if (perFold is null) throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
        var total = perFold[0].Clone();
        for (int f = 1; f < folds; f++) total.Merge(perFold[f]);
        var results = new ProbeMetrics[folds];
        int tc = total.TargetCount;
        var sseAll = new double[tc];
        for (int f = 0; f < folds; f++)
        {
            if (perFold[f].WeightSum == 0)
                throw new ArgumentException(
                    $"Fold {f} of {folds} received no rows (seed {seed}); use fewer folds or more groups.", nameof(batches));
            ProbeStatistics? train = null;
            for (int g = 0; g < folds; g++)
            {
                if (g == f) continue;
                if (train is null) train = perFold[g].Clone();
                else train.Merge(perFold[g]);
            }
            var model = Fit(train!);
            var (sse, sst) = LinearProbe.SquaredErrors(model, perFold[f]);
            results[f] = LinearProbe.Metrics(perFold[f].RowCount, perFold[f].WeightSum, sse, sst);
            for (int t = 0; t < tc; t++) sseAll[t] += sse[t];
        }
        var sstAll = new double[tc];
        for (int t = 0; t < tc; t++) sstAll[t] = total.Upper(total.FeatureCount + t, total.FeatureCount + t);
        return new CrossValidationResult(results, LinearProbe.Metrics(total.RowCount, total.WeightSum, sseAll, sstAll));
    }

    /// <summary>
    /// Held-out validation: groups with <see cref="ProbeValidation.IsHeldOut"/> form the test split, the rest the training split;
    /// the probe is fitted on the training rows and evaluated on both. The paper's control holds out 80 % of the
    /// sequences (<paramref name="testFraction"/> = 0.8).
    /// </summary>
    public HeldOutResult HeldOut(IEnumerable<ProbeBatch> batches, double testFraction, int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ProbeValidation.CheckFraction(testFraction);
        ProbeStatistics? train = null, test = null;
        long offset = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            train ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            test ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            var held = new bool[batch.RowCount];
            for (int r = 0; r < held.Length; r++) held[r] = ProbeValidation.IsHeldOut(ProbeValidation.GroupOf(batch, r, offset), testFraction, seed);
            train.Add(batch.Where(r => !held[r]));
            test.Add(batch.Where(r => held[r]));
            offset += batch.RowCount;
        }
        if (train is null || test is null)
            throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
        if (test.WeightSum == 0 || train.WeightSum == 0)
            throw new ArgumentException(
                $"The split with testFraction {testFraction.ToString("R", CultureInfo.InvariantCulture)} and seed {seed} " +
                $"left {train.RowCount} training and {test.RowCount} test rows; both must be non-empty.", nameof(batches));
        var model = Fit(train);
        return new HeldOutResult(model, model.Evaluate(train), model.Evaluate(test));
    }

    /// <summary>
    /// The shuffled-target control (belief-geometry spec §2.4): the target rows are permuted across all rows with a
    /// seeded Fisher–Yates shuffle, a probe is fitted to the shuffled targets, and its error is measured in sample
    /// against the true targets. With no real relation left the probe collapses to the target mean, so the result
    /// sits near the constant predictor's MSE (the average target variance). Enumerates
    /// <paramref name="batches"/> twice (targets are held in memory, features are streamed).
    /// </summary>
    public ProbeMetrics ShuffleControl(IEnumerable<ProbeBatch> batches, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var targets = new List<double>();
        int tc = 0;
        foreach (var batch in batches)
        {
            tc = batch.TargetCount;
            targets.AddRange(batch.Targets);
        }
        if (tc == 0) throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
        int n = targets.Count / tc;
        var perm = ProbeValidation.Permutation(n, seed);
        ProbeStatistics? both = null;
        int offset = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            both ??= ProbeStatistics.Create(batch.FeatureCount, 2 * tc);
            var joined = new double[batch.RowCount * 2 * tc];
            for (int r = 0; r < batch.RowCount; r++)
                for (int t = 0; t < tc; t++)
                {
                    joined[r * 2 * tc + t] = targets[perm[offset + r] * tc + t];
                    joined[r * 2 * tc + tc + t] = batch.Targets[r * tc + t];
                }
            both.Add(batch.WithTargets(joined, 2 * tc));
            offset += batch.RowCount;
        }
        if (offset != n)
            throw new ArgumentException($"batches gave {n} rows the first time and {offset} the second.", nameof(batches));
        var model = Fit(both!.SelectTargets(Enumerable.Range(0, tc).ToArray()));
        return model.Evaluate(both.SelectTargets(Enumerable.Range(tc, tc).ToArray()));
    }

}
