using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

public class CanonicalCorrelationAndAnglesTests
{
    [Test]
    public void One_dimensional_cca_with_a_binary_token_is_the_squared_pearson_correlation()
    {
        var rng = new Random(1);
        int n = 500;
        var h = new float[n];
        var tokens = new int[n];
        for (int r = 0; r < n; r++)
        {
            h[r] = (float)rng.NextDouble();
            tokens[r] = rng.NextDouble() < h[r] ? 1 : 0;
        }
        var rho2 = CanonicalCorrelation.SquaredWithNextToken(Rows(h, 1), tokens, 2);
        double mh = h.Average(v => (double)v), mt = tokens.Average();
        double sht = 0, shh = 0, stt = 0;
        for (int r = 0; r < n; r++)
        {
            sht += (h[r] - mh) * (tokens[r] - mt);
            shh += (h[r] - mh) * (h[r] - mh);
            stt += (tokens[r] - mt) * (tokens[r] - mt);
        }
        Assert.That(rho2, Has.Length.EqualTo(1));
        Assert.That(rho2[0], Is.EqualTo(sht * sht / (shh * stt)).Within(1e-10));
    }

    [Test]
    public void Canonical_correlations_are_invariant_under_an_invertible_map_of_h()
    {
        var rng = new Random(2);
        int n = 800, d = 3, v = 4;
        var h = new float[n * d];
        var tokens = new int[n];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < d; j++) h[r * d + j] = (float)(rng.NextDouble() - 0.5);
            tokens[r] = (h[r * d] > 0 ? 1 : 0) + (rng.NextDouble() < 0.3 ? 2 : 0);
        }
        var map = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1, 0 }, { 0, 1, 3 }, { 1, 0, 1 } });
        var g = new float[n * d];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < d; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += h[r * d + k] * map[k, j];
                g[r * d + j] = (float)s;
            }
        var a = CanonicalCorrelation.SquaredWithNextToken(Rows(h, d), tokens, v);
        var b = CanonicalCorrelation.SquaredWithNextToken(Rows(g, d), tokens, v);
        Assert.That(a, Has.Length.EqualTo(3)); // min(d = 3, rank of one-hot co-moment = v − 1 = 3)
        Assert.That(b, Is.EqualTo(a).Within(1e-5)); // float32 rounding of g
        Assert.That(a[0], Is.GreaterThan(0.5)); // the sign of h₀ decides bit 0 of the token
        Assert.That(a.All(x => x is >= 0 and <= 1), Is.True);
    }

    [Test]
    public void Alignment_efficiency_uses_the_top_d_eigenvalues()
    {
        Assert.That(CanonicalCorrelation.AlignmentEfficiency([0.5, 0.2], [0.1, 0.5, 0.3]), Is.EqualTo(0.7 / 0.8).Within(1e-15));
        var ex = Assert.Throws<ArgumentException>(() => CanonicalCorrelation.AlignmentEfficiency([0.5, 0.2], [0.5]));
        Assert.That(ex!.Message, Does.Contain("2 correlations and 1 eigenvalues"));
    }

    [Test]
    public void Principal_angles_of_known_planes_and_gauge_invariance()
    {
        double theta = 0.3;
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 }, { 0, 0 } });
        var b = Matrix<double>.Build.DenseOfArray(new double[,]
            { { 1, 0 }, { 0, Math.Cos(theta) }, { 0, Math.Sin(theta) }, { 0, 0 } });
        var angles = PrincipalAngles.Between(a, b);
        Assert.That(angles[0], Is.EqualTo(0).Within(1e-7));
        Assert.That(angles[1], Is.EqualTo(theta).Within(1e-12));
        var gl = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 1 }, { -2, 5 } });
        var again = PrincipalAngles.Between(a * gl, b * gl.Inverse());
        Assert.That(again, Is.EqualTo(angles).Within(1e-7));
        Assert.That(PrincipalAngles.MaxDegrees(a, b), Is.EqualTo(theta * 180 / Math.PI).Within(1e-9));
        var ex = Assert.Throws<ArgumentException>(() =>
            PrincipalAngles.Between(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 }, { 0, 0 } }),
                Matrix<double>.Build.Dense(3, 1, 1)));
        Assert.That(ex!.Message, Does.Contain("full column rank"));
    }

    private static Matrix<double> Rows(float[] values, int width) =>
        Matrix<double>.Build.Dense(values.Length / width, width, (r, j) => values[r * width + j]);
}
