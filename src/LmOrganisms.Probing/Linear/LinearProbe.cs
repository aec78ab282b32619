using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// Linear probes: least squares and ridge regression with an unpenalised intercept, fitted from streaming
/// sufficient statistics (<see cref="ProbeStatistics"/>), and their errors evaluated exactly from the statistics of
/// any set of rows. Belief-geometry spec §2.4 (sklearn <c>LinearRegression</c>, MSE over rows and components).
/// </summary>
public static class LinearProbe
{
    /// <summary>
    /// Fits <c>ŷ = Bᵀx + c</c> minimising <c>Σ w (y − Bᵀx − c)² + λ‖B‖²</c>: <c>(Sxx + λI) B = Sxy</c> on the centred
    /// co-moments, <c>c = ȳ − Bᵀx̄</c>. Solved by Cholesky on the diagonally scaled system; a singular or
    /// numerically rank-deficient system throws or uses the pseudo-inverse, as <paramref name="options"/> says.
    /// </summary>
    public static LinearProbeModel Fit(ProbeStatistics statistics, ProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        options ??= ProbeOptions.OrdinaryLeastSquares;
        if (!(options.Ridge >= 0) || !double.IsFinite(options.Ridge))
            throw new ArgumentException(
                $"Ridge is {options.Ridge.ToString("R", CultureInfo.InvariantCulture)}; expected a finite λ ≥ 0.", nameof(options));
        if (statistics.WeightSum <= 0)
            throw new ArgumentException(
                $"The statistics hold no weighted rows ({statistics.RowCount} rows, total weight {statistics.WeightSum}).",
                nameof(statistics));
        int p = statistics.FeatureCount;
        var sxx = statistics.FeatureComoment();
        var sxy = statistics.CrossComoment();
        var d = new double[p];
        for (int i = 0; i < p; i++) d[i] = sxx[i, i] > 0 ? Math.Sqrt(sxx[i, i]) : 1.0;
        var a = Matrix<double>.Build.Dense(p, p, (i, j) => sxx[i, j] / (d[i] * d[j]));
        for (int i = 0; i < p; i++) a[i, i] += options.Ridge / (d[i] * d[i]);
        var rhs = Matrix<double>.Build.Dense(p, statistics.TargetCount, (i, t) => sxy[i, t] / d[i]);

        Matrix<double> scaled;
        int rank = p;
        var chol = TryCholesky(a, options.RankTolerance);
        if (chol is not null)
        {
            scaled = chol.Solve(rhs);
        }
        else
        {
            var evd = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            var lambda = evd.EigenValues.Map(z => z.Real);
            double max = lambda.Maximum();
            double cut = options.RankTolerance * Math.Max(max, double.Epsilon);
            rank = lambda.Count(l => l > cut);
            if (options.RankDeficiency == RankDeficiency.Throw)
                throw new ArgumentException(
                    $"The centred feature co-moment is rank deficient (numerical rank {rank} of {p} features at relative " +
                    $"tolerance {options.RankTolerance.ToString("R", CultureInfo.InvariantCulture)}; e.g. constant or " +
                    "collinear features, or fewer rows than features). Use a ridge penalty (ProbeOptions.Ridge > 0) or " +
                    "RankDeficiency.PseudoInverse.", nameof(statistics));
            var v = evd.EigenVectors;
            var inv = Vector<double>.Build.Dense(p, k => lambda[k] > cut ? 1.0 / lambda[k] : 0.0);
            scaled = v * Matrix<double>.Build.DenseOfDiagonalVector(inv) * (v.TransposeThisAndMultiply(rhs));
        }
        var b = Matrix<double>.Build.Dense(p, statistics.TargetCount, (i, t) => scaled[i, t] / d[i]);
        var xm = statistics.FeatureMeans();
        var ym = statistics.TargetMeans();
        var c = new double[statistics.TargetCount];
        for (int t = 0; t < c.Length; t++)
        {
            double s = ym[t];
            for (int i = 0; i < p; i++) s -= b[i, t] * xm[i];
            c[t] = s;
        }
        return new LinearProbeModel(b, c, options.Ridge, rank);
    }

    /// <summary>Fits a probe streaming over <paramref name="batches"/> (enumerated once); see
    /// <see cref="Accumulate"/> for <paramref name="degreeOfParallelism"/>.</summary>
    public static LinearProbeModel Fit(IEnumerable<ProbeBatch> batches, ProbeOptions? options = null,
        IProgress<long>? rowsDone = null, CancellationToken cancellationToken = default, int degreeOfParallelism = 1) =>
        Fit(Accumulate(batches, rowsDone, cancellationToken, degreeOfParallelism), options);

    /// <summary>Fits a probe to in-memory row-major single-precision features and double targets.</summary>
    public static LinearProbeModel Fit(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<double> targets,
        int targetCount, ProbeOptions? options = null)
    {
        var s = ProbeStatistics.Create(featureCount, targetCount);
        s.Add(features, targets);
        return Fit(s, options);
    }

    /// <summary>Fits a probe to in-memory row-major double features and targets.</summary>
    public static LinearProbeModel Fit(ReadOnlySpan<double> features, int featureCount, ReadOnlySpan<double> targets,
        int targetCount, ProbeOptions? options = null)
    {
        var s = ProbeStatistics.Create(featureCount, targetCount);
        s.Add(features, targets);
        return Fit(s, options);
    }

    /// <summary>Fits a probe to the rows of MathNet matrices.</summary>
    public static LinearProbeModel Fit(Matrix<double> features, Matrix<double> targets, ProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        var s = ProbeStatistics.Create(features.ColumnCount, targets.ColumnCount);
        s.Add(features, targets);
        return Fit(s, options);
    }

    /// <summary>
    /// Accumulates the statistics of all rows of <paramref name="batches"/> (enumerated once, on the calling thread).
    /// With <paramref name="degreeOfParallelism"/> k &gt; 1, batch i goes to worker i mod k, each worker accumulates
    /// its own statistics, and they are merged in worker order: the result is the same for every run with the same
    /// k (it may differ from k = 1 in the last bits, from the different summation order).
    /// </summary>
    public static ProbeStatistics Accumulate(IEnumerable<ProbeBatch> batches, IProgress<long>? rowsDone = null,
        CancellationToken cancellationToken = default, int degreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (degreeOfParallelism < 1)
            throw new ArgumentException(
                $"degreeOfParallelism is {degreeOfParallelism}; expected at least 1.", nameof(degreeOfParallelism));
        return degreeOfParallelism == 1
            ? AccumulateSequential(batches, rowsDone, cancellationToken)
            : AccumulateParallel(batches, rowsDone, cancellationToken, degreeOfParallelism);
    }

    private static ProbeStatistics AccumulateSequential(IEnumerable<ProbeBatch> batches, IProgress<long>? rowsDone,
        CancellationToken cancellationToken)
    {
        ProbeStatistics? s = null;
        long rows = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            s ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
            CheckTargets(batch, s.TargetCount);
            s.Add(batch);
            rows += batch.RowCount;
            rowsDone?.Report(rows);
        }
        return s ?? throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
    }

    private static ProbeStatistics AccumulateParallel(IEnumerable<ProbeBatch> batches, IProgress<long>? rowsDone,
        CancellationToken cancellationToken, int k)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queues = Enumerable.Range(0, k)
            .Select(_ => new System.Collections.Concurrent.BlockingCollection<ProbeBatch>(boundedCapacity: 2)).ToArray();
        var stats = new ProbeStatistics?[k];
        var workers = Enumerable.Range(0, k).Select(i => Task.Run(() =>
        {
            try
            {
                foreach (var batch in queues[i].GetConsumingEnumerable(failed.Token))
                {
                    stats[i] ??= ProbeStatistics.Create(batch.FeatureCount, batch.TargetCount);
                    stats[i]!.Add(batch);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Cancel();
                throw;
            }
        })).ToArray();
        long rows = 0;
        int index = 0, targets = -1;
        try
        {
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (targets < 0) targets = batch.TargetCount;
                CheckTargets(batch, targets);
                queues[index++ % k].Add(batch, failed.Token);
                rows += batch.RowCount;
                rowsDone?.Report(rows);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker failed; its exception is rethrown below.
        }
        finally
        {
            foreach (var q in queues) q.CompleteAdding();
        }
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException e)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        finally
        {
            foreach (var q in queues) q.Dispose();
        }
        cancellationToken.ThrowIfCancellationRequested();
        ProbeStatistics? total = null;
        foreach (var s in stats)
        {
            if (s is null) continue;
            if (total is null) total = s;
            else total.Merge(s);
        }
        return total ?? throw new ArgumentException("batches is empty; at least one batch is required.", nameof(batches));
    }

    private static void CheckTargets(ProbeBatch batch, int targetCount)
    {
        if (batch.TargetCount != targetCount)
            throw new ArgumentException(
                $"A batch has {batch.TargetCount} targets; the first batch had {targetCount}.", "batches");
    }

    /// <summary>
    /// Errors of <paramref name="model"/> on the rows summarised by <paramref name="rows"/>, computed exactly from
    /// the sufficient statistics: <c>SSE_t = Syy_tt − 2 b_tᵀ Sxy_t + b_tᵀ Sxx b_t + W (ȳ_t − b_tᵀx̄ − c_t)²</c>.
    /// </summary>
    public static ProbeMetrics Evaluate(LinearProbeModel model, ProbeStatistics rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (model.FeatureCount != rows.FeatureCount || model.TargetCount != rows.TargetCount)
            throw new ArgumentException(
                $"The probe maps {model.FeatureCount} features to {model.TargetCount} targets; the rows have " +
                $"{rows.FeatureCount} and {rows.TargetCount}.", nameof(rows));
        var (sse, sst) = SquaredErrors(model, rows);
        return Metrics(rows.RowCount, rows.WeightSum, sse, sst);
    }

    internal static (double[] Sse, double[] Sst) SquaredErrors(LinearProbeModel model, ProbeStatistics rows)
    {
        int p = rows.FeatureCount, tc = rows.TargetCount;
        var sxx = rows.FeatureComoment();
        var sxy = rows.CrossComoment();
        var xm = rows.FeatureMeans();
        var ym = rows.TargetMeans();
        var sse = new double[tc];
        var sst = new double[tc];
        for (int t = 0; t < tc; t++)
        {
            var b = model.Coefficients.Column(t);
            double syy = rows.Upper(p + t, p + t);
            double centred = syy - 2 * b.DotProduct(sxy.Column(t)) + b.DotProduct(sxx * b);
            double bias = ym[t] - b.DotProduct(Vector<double>.Build.DenseOfArray(xm)) - model.Intercept[t];
            // A sum of squares: non-negative by construction; only rounding can take it below 0.
            sse[t] = Math.Max(0, centred) + rows.WeightSum * bias * bias;
            sst[t] = syy;
        }
        return (sse, sst);
    }

    internal static ProbeMetrics Metrics(long rowCount, double weightSum, double[] sse, double[] sst)
    {
        int tc = sse.Length;
        var msePer = new double[tc];
        var r2Per = new double[tc];
        double sseSum = 0, sstSum = 0;
        for (int t = 0; t < tc; t++)
        {
            msePer[t] = sse[t] / weightSum;
            r2Per[t] = sst[t] > 0 ? 1 - sse[t] / sst[t] : (sse[t] == 0 ? 1.0 : 0.0);
            sseSum += sse[t];
            sstSum += sst[t];
        }
        double pooled = sstSum > 0 ? 1 - sseSum / sstSum : (sseSum == 0 ? 1.0 : 0.0);
        return new ProbeMetrics(rowCount, weightSum, sseSum / (weightSum * tc), msePer, pooled, r2Per.Average(), r2Per);
    }

    private static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? TryCholesky(Matrix<double> a,
        double tolerance)
    {
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> chol;
        try
        {
            chol = a.Cholesky();
        }
        catch (ArgumentException)
        {
            return null;
        }
        var l = chol.Factor;
        double min = double.PositiveInfinity, max = 0;
        for (int i = 0; i < l.RowCount; i++)
        {
            double v = l[i, i] * l[i, i];
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return min > tolerance * max ? chol : null;
    }
}
