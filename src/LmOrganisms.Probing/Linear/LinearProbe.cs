using System.Globalization;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// The linear-probe estimator: least squares and ridge regression with an unpenalised intercept, fitted from streaming
/// sufficient statistics (<see cref="ProbeStatistics"/>); the fitted <see cref="LinearProbeModel"/> evaluates its errors
/// exactly from the statistics of any set of rows. Belief-geometry spec §2.4 (sklearn <c>LinearRegression</c>, MSE over
/// rows and components). Configure once (<c>new LinearProbe { Ridge = 1e-3 }</c>), then <c>Fit</c>.
/// </summary>
public sealed partial record LinearProbe
{
    /// <summary>Ordinary least squares with intercept; throws on rank deficiency (the belief-geometry spec's convention).</summary>
    public static LinearProbe OrdinaryLeastSquares { get; } = new();

    /// <summary>λ ≥ 0, the L2 penalty on the coefficients (never on the intercept): minimises
    /// Σ w (y − Bᵀx − c)² + λ ‖B‖²_F. 0 (default) is ordinary least squares.</summary>
    public double Ridge { get; init; }

    /// <summary>What to do with a rank-deficient design (default: throw).</summary>
    public RankDeficiency RankDeficiency { get; init; } = RankDeficiency.Throw;

    /// <summary>The design counts as rank deficient when the smallest squared Cholesky pivot of the diagonally scaled
    /// system is below this fraction of the largest; the pseudo-inverse then treats eigenvalues below this fraction of
    /// the largest as zero (default 1e-12).</summary>
    public double RankTolerance { get; init; } = 1e-12;

    /// <summary>
    /// Fits <c>ŷ = Bᵀx + c</c> minimising <c>Σ w (y − Bᵀx − c)² + λ‖B‖²</c>: <c>(Sxx + λI) B = Sxy</c> on the centred
    /// co-moments, <c>c = ȳ − Bᵀx̄</c>. Solved by Cholesky on the diagonally scaled system; a singular or
    /// numerically rank-deficient system throws or uses the pseudo-inverse, as <see cref="RankDeficiency"/> says.
    /// </summary>
    public LinearProbeModel Fit(ProbeStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var options = this;
        if (!(options.Ridge >= 0) || !double.IsFinite(options.Ridge))
            throw new ArgumentException(
                $"LinearProbe.Ridge is {options.Ridge.ToString("R", CultureInfo.InvariantCulture)}; expected a finite λ ≥ 0.", nameof(statistics));
        if (!(options.RankTolerance > 0) || !double.IsFinite(options.RankTolerance))
            throw new ArgumentException(
                $"LinearProbe.RankTolerance is {options.RankTolerance.ToString("R", CultureInfo.InvariantCulture)}; expected a finite value > 0.", nameof(statistics));
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
                    "collinear features, or fewer rows than features). Use a ridge penalty (LinearProbe.Ridge > 0) or " +
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

    /// <summary>Fits a probe streaming over <paramref name="batches"/> (enumerated once; see
    /// <see cref="ProbeStatistics.Accumulate"/> for <paramref name="degreeOfParallelism"/>).</summary>
    public LinearProbeModel Fit(IEnumerable<ProbeBatch> batches, int degreeOfParallelism = 1, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        Fit(ProbeStatistics.Accumulate(batches, degreeOfParallelism, progress, cancellationToken));

    /// <summary>Fits a probe to in-memory row-major single-precision features and double targets.</summary>
    public LinearProbeModel Fit(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<double> targets, int targetCount)
    {
        var s = ProbeStatistics.Create(featureCount, targetCount);
        s.Add(features, targets);
        return Fit(s);
    }

    /// <summary>Fits a probe to in-memory row-major double features and targets.</summary>
    public LinearProbeModel Fit(ReadOnlySpan<double> features, int featureCount, ReadOnlySpan<double> targets, int targetCount)
    {
        var s = ProbeStatistics.Create(featureCount, targetCount);
        s.Add(features, targets);
        return Fit(s);
    }

    /// <summary>Fits a probe to the rows of MathNet matrices.</summary>
    public LinearProbeModel Fit(Matrix<double> features, Matrix<double> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        var s = ProbeStatistics.Create(features.ColumnCount, targets.ColumnCount);
        s.Add(features, targets);
        return Fit(s);
    }

    /// <summary>
    /// Errors of <paramref name="model"/> on the rows summarised by <paramref name="rows"/>, computed exactly from
    /// the sufficient statistics: <c>SSE_t = Syy_tt − 2 b_tᵀ Sxy_t + b_tᵀ Sxx b_t + W (ȳ_t − b_tᵀx̄ − c_t)²</c>.
    /// </summary>
    internal static ProbeMetrics Evaluate(LinearProbeModel model, ProbeStatistics rows)
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
