using System.Globalization;

namespace LmOrganisms.Probing;

/// <summary>
/// Controls for linear probes (belief-geometry spec §2.4): k-fold cross-validation, a held-out split, and the
/// shuffled-target control. Rows are assigned to folds/splits by group: the batch's group id (e.g. the sequence a
/// row came from, so that all positions of a sequence fall on the same side) or, without ids, the row's index in
/// the stream. Assignment is a deterministic hash of (seed, group), so it needs no second pass and is identical for
/// every run with the same seed.
/// </summary>
public static class ProbeValidation
{
    /// <summary>The fold (0 … <paramref name="folds"/>−1) of <paramref name="group"/> for <paramref name="seed"/>.</summary>
    public static int FoldOf(long group, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentException($"folds is {folds}; expected at least 2.", nameof(folds));
        return (int)(Mix(group, seed) % (ulong)folds);
    }

    /// <summary>Whether <paramref name="group"/> is held out when a fraction <paramref name="testFraction"/> of groups
    /// is held out with <paramref name="seed"/>: a uniform number in [0, 1) from the hash is below the fraction.</summary>
    public static bool IsHeldOut(long group, double testFraction, int seed)
    {
        CheckFraction(testFraction);
        return (Mix(group, seed) >> 11) * (1.0 / (1UL << 53)) < testFraction;
    }

    /// <summary>
    /// k-fold cross-validation streaming over <paramref name="batches"/> (enumerated once): per-fold statistics are
    /// accumulated, fold f is predicted by the probe fitted on the merged statistics of the other folds.
    /// </summary>
    public static CrossValidationResult CrossValidate(IEnumerable<ProbeBatch> batches, int folds, int seed,
        ProbeOptions? options = null, CancellationToken cancellationToken = default)
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
            for (int r = 0; r < fold.Length; r++) fold[r] = FoldOf(GroupOf(batch, r, offset), folds, seed);
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
            var model = LinearProbe.Fit(train!, options);
            var (sse, sst) = LinearProbe.SquaredErrors(model, perFold[f]);
            results[f] = LinearProbe.Metrics(perFold[f].RowCount, perFold[f].WeightSum, sse, sst);
            for (int t = 0; t < tc; t++) sseAll[t] += sse[t];
        }
        var sstAll = new double[tc];
        for (int t = 0; t < tc; t++) sstAll[t] = total.Upper(total.FeatureCount + t, total.FeatureCount + t);
        return new CrossValidationResult(results, LinearProbe.Metrics(total.RowCount, total.WeightSum, sseAll, sstAll));
    }

    /// <summary>
    /// Held-out validation: groups with <see cref="IsHeldOut"/> form the test split, the rest the training split;
    /// the probe is fitted on the training rows and evaluated on both. The paper's control holds out 80 % of the
    /// sequences (<paramref name="testFraction"/> = 0.8).
    /// </summary>
    public static HeldOutResult HeldOut(IEnumerable<ProbeBatch> batches, double testFraction, int seed,
        ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        CheckFraction(testFraction);
        ProbeStatistics? train = null, test = null;
        long offset = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            train ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            test ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            var held = new bool[batch.RowCount];
            for (int r = 0; r < held.Length; r++) held[r] = IsHeldOut(GroupOf(batch, r, offset), testFraction, seed);
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
        var model = LinearProbe.Fit(train, options);
        return new HeldOutResult(model, LinearProbe.Evaluate(model, train), LinearProbe.Evaluate(model, test));
    }

    /// <summary>
    /// The shuffled-target control (belief-geometry spec §2.4): the target rows are permuted across all rows with a
    /// seeded Fisher–Yates shuffle, a probe is fitted to the shuffled targets, and its error is measured in sample
    /// against the true targets. With no real relation left the probe collapses to the target mean, so the result
    /// sits near the constant predictor's MSE (the average target variance). Enumerates
    /// <paramref name="batches"/> twice (targets are held in memory, features are streamed).
    /// </summary>
    public static ProbeMetrics ShuffleControl(IEnumerable<ProbeBatch> batches, int seed, ProbeOptions? options = null,
        CancellationToken cancellationToken = default)
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
        var perm = Permutation(n, seed);
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
        var model = LinearProbe.Fit(both!.SelectTargets(Enumerable.Range(0, tc).ToArray()), options);
        return LinearProbe.Evaluate(model, both.SelectTargets(Enumerable.Range(tc, tc).ToArray()));
    }

    /// <summary>The seeded Fisher–Yates permutation of 0 … n−1 used by <see cref="ShuffleControl"/>.</summary>
    public static int[] Permutation(int n, int seed)
    {
        var perm = Enumerable.Range(0, n).ToArray();
        ulong state = (ulong)seed ^ 0x5851F42D4C957F2DUL;
        for (int i = n - 1; i > 0; i--)
        {
            ulong z = SplitMix(ref state);
            int j = (int)((z >> 11) % (ulong)(i + 1));
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        return perm;
    }

    private static long GroupOf(ProbeBatch batch, int row, long offset) =>
        batch.Groups is { } g ? g[row] : offset + row;

    private static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentException(
                $"testFraction is {testFraction.ToString("R", CultureInfo.InvariantCulture)}; expected a value in (0, 1).",
                nameof(testFraction));
    }

    private static ulong Mix(long group, int seed)
    {
        ulong s = (ulong)group * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)seed << 32 | 0x2545F491UL);
        return SplitMix(ref s);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
