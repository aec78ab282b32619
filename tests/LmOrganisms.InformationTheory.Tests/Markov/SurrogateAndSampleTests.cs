using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

public class SurrogateAndSampleTests
{
    [Test]
    public void B7_JointMutualInformation()
    {
        Assert.That(JointInformation.MutualInformation([[0.06, 0.14], [0.24, 0.56]]), Is.EqualTo(0).Within(1e-15));
        Assert.That(JointInformation.MutualInformation([[0.5, 0], [0, 0.5]]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        var rng = new Random(2);
        var pi = Eco.Normalised(rng, 4);
        var q = Enumerable.Range(0, 4).Select(_ => Eco.Normalised(rng, 3)).ToArray();
        var joint = q.Select((row, x) => row.Select(v => pi[x] * v).ToArray()).ToArray();
        Assert.That(JointInformation.MutualInformation(joint), Is.EqualTo(Channel.MutualInformation(pi, q)).Within(1e-14));
        // Z = X xor Y with X, Y fair independent bits: I(X;Y|Z) = ln 2; Z a copy of X and Y independent: 0.
        var xor = new double[2][][];
        var copy = new double[2][][];
        for (int x = 0; x < 2; x++)
        {
            xor[x] = new double[2][];
            copy[x] = new double[2][];
            for (int y = 0; y < 2; y++)
            {
                xor[x][y] = new double[2];
                copy[x][y] = new double[2];
                xor[x][y][x ^ y] = 0.25;
                copy[x][y][x] = 0.25;
            }
        }
        Assert.That(JointInformation.ConditionalMutualInformation(xor), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(JointInformation.ConditionalMutualInformation(copy), Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void D15_BohningIsAGlobalUpperBoundTangentAtZero()
    {
        var rng = new Random(8);
        for (int t = 0; t < 20000; t++)
        {
            int v = 2 + t % 5;
            var z = Vector<double>.Build.Dense(v, _ => (rng.NextDouble() - 0.5) * 8);
            var q = Vector<double>.Build.DenseOfArray(Eco.Normalised(rng, v));
            Assert.That(QuadraticSurrogate.Bohning(z, q), Is.GreaterThanOrEqualTo(QuadraticSurrogate.SoftmaxLoss(z, q) - 1e-12));
        }
        var zero = Vector<double>.Build.Dense(3);
        var target = Vector<double>.Build.DenseOfArray([0.2, 0.3, 0.5]);
        Assert.That(QuadraticSurrogate.Bohning(zero, target), Is.EqualTo(QuadraticSurrogate.SoftmaxLoss(zero, target)).Within(1e-15));
    }

    [Test]
    public void D15_FisherCalibratedQuadraticIsExactToSecondOrder()
    {
        var p = Vector<double>.Build.DenseOfArray([0.5, 0.3, 0.2]);
        var q = Vector<double>.Build.DenseOfArray([0.1, 0.6, 0.3]);
        var z0 = p.Map(Math.Log);
        var dir = Vector<double>.Build.DenseOfArray([0.3, -0.7, 0.2]);
        double previous = double.NaN;
        foreach (double eps in new[] { 1e-1, 1e-2 })
        {
            var z = z0 + eps * dir;
            double err = Math.Abs(QuadraticSurrogate.FisherCalibrated(z, q, p) - QuadraticSurrogate.SoftmaxLoss(z, q));
            if (!double.IsNaN(previous)) Assert.That(err / previous, Is.LessThan(2e-3)); // O(eps^3): 1000x smaller
            previous = err;
        }
        Assert.That(QuadraticSurrogate.FisherCalibrated(z0, q, p), Is.EqualTo(QuadraticSurrogate.SoftmaxLoss(z0, q)).Within(1e-15));
    }

    [Test]
    public void D12_SampleCcaAgreesWithPopulation()
    {
        var rng = new Random(13);
        int nCtx = 6, v = 4, d = 2, n = 400_000;
        var pi = Eco.Normalised(rng, nCtx, 0.2);
        var q = Enumerable.Range(0, nCtx).Select(_ => Eco.Normalised(rng, v, 0.1)).ToArray();
        var s = new PredictiveSimilarity(pi, q);
        var h = Matrix<double>.Build.Dense(nCtx, d, (_, _) => rng.NextDouble() * 2 - 1);
        var population = s.SquaredCanonicalCorrelationsOf(h);
        var samples = Matrix<double>.Build.Dense(n, d);
        var tokens = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = Draw(rng, pi);
            tokens[i] = Draw(rng, q[c]);
            samples.SetRow(i, h.Row(c));
        }
        var estimate = CanonicalCorrelation.SquaredWithNextToken(samples, tokens, v);
        Assert.That(estimate, Is.EqualTo(population).Within(2e-3));
    }

    private static int Draw(Random rng, double[] p)
    {
        double u = rng.NextDouble(), acc = 0;
        for (int i = 0; i < p.Length; i++)
        {
            acc += p[i];
            if (u < acc) return i;
        }
        return p.Length - 1;
    }
}

public class ReducedRankTests
{
    [Test]
    public void D15_FisherOptimalHeadGivesEntropyMinusHalfCanonicalCorrelations()
    {
        var rng = new Random(41);
        for (int t = 0; t < 5; t++)
        {
            int n = 10, v = 5, d = 2;
            var pi = Eco.Normalised(rng, n, 0.1);
            var q = Enumerable.Range(0, n).Select(_ => Eco.Normalised(rng, v, 0.1)).ToArray();
            var s = new PredictiveSimilarity(pi, q);
            var h = Matrix<double>.Build.Dense(n, d, (_, _) => rng.NextDouble() * 2 - 1);
            var head = s.FisherOptimalHead(h);
            double loss = s.FisherSurrogateLoss(h, head);
            double entropy = Entropy.Shannon(s.Marginal.ToArray());
            Assert.That(loss, Is.EqualTo(entropy - 0.5 * s.SquaredCanonicalCorrelationsOf(h).Sum()).Within(1e-12));
            for (int k = 0; k < 20; k++)
            {
                var dw = Matrix<double>.Build.Dense(v, d, (_, _) => (rng.NextDouble() - 0.5) * 1e-3);
                var db = Vector<double>.Build.Dense(v, _ => (rng.NextDouble() - 0.5) * 1e-3);
                Assert.That(s.FisherSurrogateLoss(h, new LinearHead(head.Weights + dw, head.Bias + db)), Is.GreaterThanOrEqualTo(loss - 1e-15));
            }
            // The best d-dimensional representation is the top-d eigenspace: gap to full rank is half the tail eigenvalues.
            var top = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(x => 1 / Math.Sqrt(x)).ToArray()) * s.TopEigenspace(d);
            double best = s.FisherSurrogateLoss(top, s.FisherOptimalHead(top));
            Assert.That(best, Is.EqualTo(entropy - 0.5 * s.ChiSquareSpectrum.Take(d).Sum()).Within(1e-12));
            Assert.That(best, Is.LessThanOrEqualTo(loss + 1e-12));
        }
    }
}

public class BohningReducedRankTests
{
    [Test]
    public void D15_BohningOptimalHeadAndTopEigenspaceOfEuclideanOperator()
    {
        var rng = new Random(43);
        for (int t = 0; t < 5; t++)
        {
            int n = 9, v = 4, d = 2;
            var pi = Eco.Normalised(rng, n, 0.1);
            var q = Enumerable.Range(0, n).Select(_ => Eco.Normalised(rng, v, 0.1)).ToArray();
            var s = new PredictiveSimilarity(pi, q);
            var u = 1.0 / v;
            double constant = Math.Log(v) - s.Marginal.Sum(x => (x - u) * (x - u));
            var h = Matrix<double>.Build.Dense(n, d, (_, _) => rng.NextDouble() * 2 - 1);
            var head = s.BohningOptimalHead(h);
            double loss = s.BohningSurrogateLoss(h, head);
            var so = s.CenterWhiten(h).Orthonormal;
            Assert.That(loss, Is.EqualTo(constant - so.TransposeThisAndMultiply(s.Euclidean * so).Trace()).Within(1e-12));
            for (int k = 0; k < 20; k++)
            {
                var dw = Matrix<double>.Build.Dense(v, d, (_, _) => (rng.NextDouble() - 0.5) * 1e-3);
                var db = Vector<double>.Build.Dense(v, _ => (rng.NextDouble() - 0.5) * 1e-3);
                Assert.That(s.BohningSurrogateLoss(h, new LinearHead(head.Weights + dw, head.Bias + db)), Is.GreaterThanOrEqualTo(loss - 1e-15));
            }
            var top = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(x => 1 / Math.Sqrt(x)).ToArray()) * s.TopEigenspace(d, euclideanOperator: true);
            double best = s.BohningSurrogateLoss(top, s.BohningOptimalHead(top));
            Assert.That(best, Is.EqualTo(constant - s.EuclideanSpectrum.Take(d).Sum()).Within(1e-12));
            Assert.That(best, Is.LessThanOrEqualTo(loss + 1e-12));
        }
    }
}
