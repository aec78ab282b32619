using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

public class LinearProbeTests
{
    private static readonly LinearProbe Ols = LinearProbe.OrdinaryLeastSquares;

    internal static (double[] X, double[] Y, double[,] B, double[] C) Planted(int n, int p, int t, double noise, int seed,
        double featureOffset = 0)
    {
        var rng = new Random(seed);
        var x = new double[n * p];
        for (int i = 0; i < x.Length; i++) x[i] = featureOffset + 2 * rng.NextDouble() - 1;
        var b = new double[p, t];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < t; k++) b[i, k] = rng.NextDouble() - 0.5;
        var c = Enumerable.Range(0, t).Select(k => 0.25 * (k + 1)).ToArray();
        var y = new double[n * t];
        for (int r = 0; r < n; r++)
            for (int k = 0; k < t; k++)
            {
                double s = c[k];
                for (int i = 0; i < p; i++) s += x[r * p + i] * b[i, k];
                y[r * t + k] = s + noise * Gaussian(rng);
            }
        return (x, y, b, c);
    }

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Test]
    public void Recovers_a_planted_affine_map_exactly_without_noise()
    {
        var (x, y, b, c) = Planted(500, 7, 3, 0, 1, featureOffset: 100);
        var model = Ols.Fit(x, 7, y, 3);
        for (int i = 0; i < 7; i++)
            for (int k = 0; k < 3; k++) Assert.That(model.Coefficients[i, k], Is.EqualTo(b[i, k]).Within(1e-10));
        for (int k = 0; k < 3; k++) Assert.That(model.Intercept[k], Is.EqualTo(c[k]).Within(1e-8));
        var s = ProbeStatistics.Create(7, 3);
        s.Add(x, y);
        var m = model.Evaluate(s);
        Assert.That(m.Mse, Is.LessThan(1e-20));
        Assert.That(m.R2, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(model.Rank, Is.EqualTo(7));
    }

    [Test]
    public void Recovers_a_planted_map_to_tolerance_with_noise()
    {
        const double noise = 0.1;
        var (x, y, b, _) = Planted(20_000, 5, 2, noise, 2);
        var model = Ols.Fit(x, 5, y, 2);
        // Standard error of each coefficient ≈ σ / (√n · sd(x)) = 0.1 / (141 · 0.577) ≈ 1.2e-3.
        for (int i = 0; i < 5; i++)
            for (int k = 0; k < 2; k++) Assert.That(model.Coefficients[i, k], Is.EqualTo(b[i, k]).Within(6e-3));
        var s = ProbeStatistics.Create(5, 2);
        s.Add(x, y);
        var m = model.Evaluate(s);
        Assert.That(m.Mse, Is.EqualTo(noise * noise).Within(0.05 * noise * noise));
    }

    [Test]
    public void Agrees_with_MathNet_QR_least_squares_on_random_data()
    {
        var rng = new Random(3);
        int n = 300, p = 12, t = 4;
        var x = new double[n * p];
        var y = new double[n * t];
        for (int i = 0; i < x.Length; i++) x[i] = Gaussian(rng) * (1 + i % p);
        for (int i = 0; i < y.Length; i++) y[i] = Gaussian(rng);
        var model = Ols.Fit(x, p, y, t);
        var design = Matrix<double>.Build.Dense(n, p + 1, (r, j) => j == p ? 1.0 : x[r * p + j]);
        var yy = Matrix<double>.Build.Dense(n, t, (r, k) => y[r * t + k]);
        var qr = design.QR().Solve(yy);
        for (int k = 0; k < t; k++)
        {
            for (int i = 0; i < p; i++) Assert.That(model.Coefficients[i, k], Is.EqualTo(qr[i, k]).Within(1e-9));
            Assert.That(model.Intercept[k], Is.EqualTo(qr[p, k]).Within(1e-9));
        }
    }

    [Test]
    public void Single_and_double_precision_features_and_MathNet_matrices_give_the_same_fit()
    {
        var (x, y, _, _) = Planted(400, 6, 2, 0.05, 4);
        var xf = x.Select(v => (float)v).ToArray();
        var fromSingle = Ols.Fit(xf, 6, y, 2);
        var fromDouble = Ols.Fit(xf.Select(v => (double)v).ToArray(), 6, y, 2);
        var fromMatrix = Ols.Fit(Matrix<double>.Build.Dense(400, 6, (r, j) => xf[r * 6 + j]),
            Matrix<double>.Build.Dense(400, 2, (r, k) => y[r * 2 + k]));
        Assert.That((fromSingle.Coefficients - fromDouble.Coefficients).FrobeniusNorm(), Is.LessThan(1e-12));
        Assert.That((fromSingle.Coefficients - fromMatrix.Coefficients).FrobeniusNorm(), Is.LessThan(1e-12));
        var pred = fromSingle.Predict(xf);
        var predM = fromMatrix.Predict(Matrix<double>.Build.Dense(400, 6, (r, j) => xf[r * 6 + j]));
        Assert.That(pred[2 * 17 + 1], Is.EqualTo(predM[17, 1]).Within(1e-12));
    }

    [Test]
    public void Ridge_matches_the_closed_form_with_an_unpenalised_intercept()
    {
        var (x, y, _, _) = Planted(200, 5, 2, 0.3, 5, featureOffset: 3);
        const double lambda = 7.5;
        var model = new LinearProbe { Ridge = lambda }.Fit(x, 5, y, 2);
        // Closed form: centre X and Y, B = (XcᵀXc + λI)⁻¹ XcᵀYc, c = ȳ − Bᵀx̄.
        var xm = Matrix<double>.Build.Dense(200, 5, (r, j) => x[r * 5 + j]);
        var ym = Matrix<double>.Build.Dense(200, 2, (r, k) => y[r * 2 + k]);
        var xbar = xm.ColumnSums() / 200;
        var ybar = ym.ColumnSums() / 200;
        var xc = xm - Matrix<double>.Build.Dense(200, 5, (_, j) => xbar[j]);
        var yc = ym - Matrix<double>.Build.Dense(200, 2, (_, k) => ybar[k]);
        var b = (xc.TransposeThisAndMultiply(xc) + lambda * Matrix<double>.Build.DenseIdentity(5)).Inverse()
            * xc.TransposeThisAndMultiply(yc);
        for (int k = 0; k < 2; k++)
        {
            for (int i = 0; i < 5; i++) Assert.That(model.Coefficients[i, k], Is.EqualTo(b[i, k]).Within(1e-10));
            Assert.That(model.Intercept[k], Is.EqualTo(ybar[k] - b.Column(k).DotProduct(xbar)).Within(1e-10));
        }
        Assert.That(model.Ridge, Is.EqualTo(lambda));
    }

    [Test]
    public void Weighted_rows_equal_repeated_rows()
    {
        var (x, y, _, _) = Planted(50, 3, 1, 0.2, 6);
        var w = Enumerable.Range(0, 50).Select(r => (double)(r % 3)).ToArray();
        var weighted = ProbeStatistics.Create(3, 1);
        weighted.Add(x, y, w);
        var repeated = ProbeStatistics.Create(3, 1);
        for (int r = 0; r < 50; r++)
            for (int k = 0; k < w[r]; k++) repeated.Add(x.AsSpan(r * 3, 3), y.AsSpan(r, 1));
        var a = Ols.Fit(weighted);
        var b = Ols.Fit(repeated);
        Assert.That((a.Coefficients - b.Coefficients).FrobeniusNorm(), Is.LessThan(1e-10));
        Assert.That(a.Intercept[0], Is.EqualTo(b.Intercept[0]).Within(1e-10));
        var ma = a.Evaluate(weighted);
        var mb = b.Evaluate(repeated);
        Assert.That(ma.Mse, Is.EqualTo(mb.Mse).Within(1e-12));
        Assert.That(weighted.WeightSum, Is.EqualTo(w.Sum()));
        Assert.That(weighted.RowCount, Is.EqualTo(50));
    }

    [Test]
    public void Metrics_match_direct_computation_and_sklearn_r2_conventions()
    {
        var (x, y, _, _) = Planted(300, 4, 3, 0.5, 7);
        var model = Ols.Fit(x.AsSpan(0, 150 * 4), 4, y.AsSpan(0, 150 * 3), 3);
        var test = ProbeStatistics.Create(4, 3);
        test.Add(x.AsSpan(150 * 4), y.AsSpan(150 * 3));
        var m = model.Evaluate(test);
        var pred = model.Predict(x.AsSpan(150 * 4));
        var sse = new double[3];
        var sst = new double[3];
        for (int k = 0; k < 3; k++)
        {
            double mean = Enumerable.Range(150, 150).Average(r => y[r * 3 + k]);
            for (int r = 0; r < 150; r++)
            {
                double e = y[(150 + r) * 3 + k] - pred[r * 3 + k];
                sse[k] += e * e;
                double d = y[(150 + r) * 3 + k] - mean;
                sst[k] += d * d;
            }
        }
        Assert.That(m.Mse, Is.EqualTo(sse.Sum() / 450).Within(1e-12));
        for (int k = 0; k < 3; k++)
        {
            Assert.That(m.MsePerTarget[k], Is.EqualTo(sse[k] / 150).Within(1e-12));
            Assert.That(m.R2PerTarget[k], Is.EqualTo(1 - sse[k] / sst[k]).Within(1e-12));
        }
        Assert.That(m.R2, Is.EqualTo(1 - sse.Sum() / sst.Sum()).Within(1e-12));
        Assert.That(m.R2UniformAverage, Is.EqualTo(Enumerable.Range(0, 3).Average(k => 1 - sse[k] / sst[k])).Within(1e-12));
    }

    [Test]
    public void A_constant_target_follows_sklearn_r2_force_finite()
    {
        var x = new double[] { 0, 1, 2, 3 };
        var y = new double[] { 5, 1, 5, 3, 5, 5, 5, 7 }; // target 0 constant, target 1 = 2x + 1
        var model = Ols.Fit(x, 1, y, 2);
        var s = ProbeStatistics.Create(1, 2);
        s.Add(x, y);
        var m = model.Evaluate(s);
        Assert.That(m.R2PerTarget[0], Is.EqualTo(1.0));
        Assert.That(m.R2PerTarget[1], Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Rank_deficiency_throws_or_uses_the_pseudo_inverse()
    {
        // Feature 2 = feature 0 + feature 1: collinear.
        var rng = new Random(8);
        int n = 100;
        var x = new double[n * 3];
        var y = new double[n];
        for (int r = 0; r < n; r++)
        {
            x[r * 3] = rng.NextDouble();
            x[r * 3 + 1] = rng.NextDouble();
            x[r * 3 + 2] = x[r * 3] + x[r * 3 + 1];
            y[r] = 2 * x[r * 3] - x[r * 3 + 1] + 0.5;
        }
        var ex = Assert.Throws<ArgumentException>(() => Ols.Fit(x, 3, y, 1));
        Assert.That(ex!.Message, Does.Contain("rank deficient").And.Contain("Ridge"));
        var pinv = new LinearProbe { RankDeficiency = RankDeficiency.PseudoInverse }.Fit(x, 3, y, 1);
        Assert.That(pinv.Rank, Is.EqualTo(2));
        var s = ProbeStatistics.Create(3, 1);
        s.Add(x, y);
        // Normal equations square the condition number: the pseudo-inverse fit is exact to about √ε.
        Assert.That(pinv.Evaluate(s).Mse, Is.LessThan(1e-14));
        var p = pinv.Predict(x);
        for (int r = 0; r < n; r++) Assert.That(p[r], Is.EqualTo(y[r]).Within(1e-6));
    }

    [Test]
    public void Bad_input_names_the_value_and_where()
    {
        var s = ProbeStatistics.Create(2, 1);
        var ex = Assert.Throws<ArgumentException>(() => s.Add(new double[] { 1, 2, 3 }, new double[] { 1 }));
        Assert.That(ex!.Message, Does.Contain("3 entries").And.Contain("2 features"));
        ex = Assert.Throws<ArgumentException>(() => s.Add(new double[] { 1, double.NaN }, new double[] { 1 }));
        Assert.That(ex!.Message, Does.Contain("feature 1 of row 0").And.Contain("NaN"));
        ex = Assert.Throws<ArgumentException>(() => s.Add(new double[] { 1, 2 }, new double[] { 1 }, new double[] { -1 }));
        Assert.That(ex!.Message, Does.Contain("rowWeights[0] is -1"));
        ex = Assert.Throws<ArgumentException>(() => Ols.Fit(s));
        Assert.That(ex!.Message, Does.Contain("no weighted rows"));
        s.Add(new double[] { 1, 2, 3, 4, 5, 7 }, new double[] { 1, 2, 3 });
        ex = Assert.Throws<ArgumentException>(() => new LinearProbe { Ridge = -1 }.Fit(s));
        Assert.That(ex!.Message, Does.Contain("Ridge is -1"));
    }
}
