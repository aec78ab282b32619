using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec markov-categories §4 A, B, D, E test vectors.</summary>
public class MarkovTests
{
    private static FiniteMarkovKernel RandomKernel(Random rng, int n, int m) =>
        FiniteMarkovKernel.Create(Enumerable.Range(0, n).Select(_ => Eco.Normalised(rng, m)).ToArray());

    [Test]
    public void A1_CompositionIsAssociativeAndDeterminismCommutesWithCopy()
    {
        var rng = new Random(5);
        var a = RandomKernel(rng, 3, 4);
        var b = RandomKernel(rng, 4, 2);
        var c = RandomKernel(rng, 2, 5);
        Assert.That(a.Then(b).Then(c).ApproximatelyEquals(a.Then(b.Then(c)), 1e-14), Is.True);
        var f = FiniteMarkovKernel.Deterministic([2, 0, 2, 1], 3);
        Assert.That(f.IsDeterministic, Is.True);
        Assert.That(f.CommutesWithCopy(), Is.True);
        Assert.That(a.IsDeterministic, Is.False);
        Assert.That(a.CommutesWithCopy(), Is.False);
        Assert.That(FiniteMarkovKernel.Identity(3).Then(a).ApproximatelyEquals(a), Is.True);
        var t = a.Tensor(b);
        Assert.That(t[1 * 4 + 2, 3 * 2 + 1], Is.EqualTo(a[1, 3] * b[2, 1]).Within(1e-16));
        Assert.That(FiniteMarkovKernel.Copy(3).Then(a.Tensor(a)).Push([0.2, 0.3, 0.5]).Sum(), Is.EqualTo(1).Within(1e-14));
    }

    [Test]
    public void A1_SoftmaxHeadChainIsRowStochasticAndCarriesAllRandomness()
    {
        var rng = new Random(9);
        var w = Matrix<double>.Build.Dense(5, 3, (_, _) => rng.NextDouble() * 2 - 1);
        var b = Vector<double>.Build.Dense(5, i => 0.1 * i);
        var h = Matrix<double>.Build.Dense(4, 3, (_, _) => rng.NextDouble());
        var head = FiniteMarkovKernel.SoftmaxHead(w, b, h);
        var chain = FiniteMarkovKernel.Chain([3, 0, 0, 1, 2, 3], head);
        Assert.That(chain.Inputs, Is.EqualTo(6));
        for (int c = 0; c < 6; c++) Assert.That(chain.Row(c).ToArray().Sum(), Is.EqualTo(1).Within(1e-14));
        Assert.That(chain.Row(0).SequenceEqual(head.Row(3)), Is.True);
        Assert.That(chain.Row(1).SequenceEqual(head.Row(0)), Is.True);
    }

    [Test]
    public void B6_NllIsEntropyPlusKl()
    {
        var rng = new Random(1);
        for (int t = 0; t < 20; t++)
        {
            var pi = Eco.Normalised(rng, 6);
            var q = Enumerable.Range(0, 6).Select(_ => Eco.Normalised(rng, 4)).ToArray();
            var qh = Enumerable.Range(0, 6).Select(_ => Eco.Normalised(rng, 4)).ToArray();
            var d = NllDecomposition.Of(pi, q, qh);
            Assert.That(Math.Abs(d.Residual), Is.LessThan(1e-12));
            Assert.That(NllDecomposition.Of(pi, q, q).CrossEntropy, Is.EqualTo(d.ConditionalEntropy).Within(1e-14));
        }
        Assert.That(NllDecomposition.Of([1.0], [[0.5, 0.3, 0.2]], [[0.5, 0.3, 0.2]]).ConditionalEntropy, Is.EqualTo(1.029653).Within(1e-6));
    }

    private static PredictiveSimilarity Toy1() => new([0.25, 0.25, 0.25, 0.25],
        [[0.8, 0.1, 0.1], [0.8, 0.1, 0.1], [0.1, 0.1, 0.8], [0.1, 0.1, 0.8]]);

    [Test]
    public void D10_Toy1Spectra()
    {
        var s = Toy1();
        Assert.That(s.Marginal.ToArray(), Is.EqualTo(new[] { 0.45, 0.1, 0.45 }).Within(1e-15));
        Assert.That(s.EuclideanSpectrum, Is.EqualTo(new[] { 0.245, 0, 0, 0 }).Within(1e-12));
        Assert.That(s.ChiSquareSpectrum, Is.EqualTo(new[] { 0.544444, 0, 0, 0 }).Within(1e-6));
        Assert.That(s.ChiSquareSpectrum[0], Is.EqualTo(0.49 / 0.9).Within(1e-14));
        var norm = s.NormalizedAffinity.Evd(Symmetricity.Symmetric).EigenValues.Real().OrderByDescending(x => x).ToArray();
        Assert.That(norm, Is.EqualTo(new[] { 1, 0.544444, 0, 0 }).Within(1e-6));
        Assert.That(s.Affinity.RowSums().ToArray(), Is.EqualTo(new[] { 0.25, 0.25, 0.25, 0.25 }).Within(1e-15));
        var sqrtPi = Vector<double>.Build.Dense(4, 0.5);
        Assert.That((s.NormalizedAffinity - s.ChiSquare - sqrtPi.OuterProduct(sqrtPi)).FrobeniusNorm(), Is.LessThan(1e-14));
        Assert.That((s.ChiSquare * sqrtPi).L2Norm(), Is.LessThan(1e-15));
    }

    [Test]
    public void D10_Toy2TwoStateChain()
    {
        var s = new PredictiveSimilarity([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]]);
        Assert.That(s.ChiSquareSpectrum, Is.EqualTo(new[] { 0.64, 0 }).Within(1e-14));
        Assert.That(s.EuclideanSpectrum, Is.EqualTo(new[] { 0.32, 0 }).Within(1e-14));
    }

    [Test]
    public void D10_ThreeStateChain()
    {
        double[][] p = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5]];
        double[] pi = [7 / 24.0, 13 / 24.0, 1 / 6.0];
        for (int j = 0; j < 3; j++) Assert.That(pi.Select((x, i) => x * p[i][j]).Sum(), Is.EqualTo(pi[j]).Within(1e-15));
        var s = new PredictiveSimilarity(pi, p);
        Assert.That(s.ChiSquareSpectrum, Is.EqualTo(new[] { 0.361184, 0.159476, 0 }).Within(1e-6));
        var m = Matrix<double>.Build.DenseOfRowArrays(p);
        var a = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(Math.Sqrt).ToArray()) * m *
                Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(x => 1 / Math.Sqrt(x)).ToArray());
        var sv = a.Svd(false).S.ToArray().OrderByDescending(x => x).ToArray();
        Assert.That(sv[0], Is.EqualTo(1).Within(1e-12));
        Assert.That(s.ChiSquareSpectrum[0], Is.EqualTo(sv[1] * sv[1]).Within(1e-12));
        Assert.That(s.ChiSquareSpectrum[1], Is.EqualTo(sv[2] * sv[2]).Within(1e-12));
        Assert.That(s.ChiSquareSpectrum.Sum(), Is.EqualTo(s.ChiSquareMutualInformation).Within(1e-12));
    }

    private static PredictiveSimilarity RandomOperator(Random rng, int n, int v)
    {
        var pi = Eco.Normalised(rng, n, 0.1);
        var q = Enumerable.Range(0, n).Select(_ => Eco.Normalised(rng, v, 0.05)).ToArray();
        return new PredictiveSimilarity(pi, q);
    }

    [Test]
    public void D10_to_14_InvariantsOnRandomSources()
    {
        var rng = new Random(21);
        for (int t = 0; t < 10; t++)
        {
            var s = RandomOperator(rng, 12, 5);
            var lam = s.ChiSquareSpectrum;
            Assert.That(lam.Sum(), Is.EqualTo(s.ChiSquareMutualInformation).Within(1e-12));
            Assert.That(lam.All(x => x >= -1e-12 && x <= 1 + 1e-12), Is.True);
            int d = 2;
            var h = Matrix<double>.Build.Dense(12, d, (_, _) => rng.NextDouble() * 2 - 1);
            var rho = s.SquaredCanonicalCorrelationsOf(h);
            for (int i = 0; i < d; i++) Assert.That(rho[i], Is.LessThanOrEqualTo(lam[i] + 1e-12));
            Assert.That(s.LdaEigenvalues(h), Is.EqualTo(rho).Within(1e-10));
            var white = s.CenterWhiten(h);
            var sts = white.Orthonormal.TransposeThisAndMultiply(white.Orthonormal);
            Assert.That((sts - Matrix<double>.Build.DenseIdentity(d)).FrobeniusNorm(), Is.LessThan(1e-12));
            Assert.That(s.DirichletEnergy(white.Whitened), Is.EqualTo(d - rho.Sum()).Within(1e-10));
            var g = Matrix<double>.Build.DenseOfArray(new[,] { { 2.0, 1 }, { -0.5, 3 } });
            Assert.That(s.PrincipalAngles(h * g), Is.EqualTo(s.PrincipalAngles(h)).Within(1e-9));
            double eta = s.AlignmentEfficiency(h);
            Assert.That(eta, Is.InRange(0, 1 + 1e-12));
            // The top-d eigenspace itself (as a representation) is perfectly aligned.
            var pi = Enumerable.Range(0, 12).Select(c => s.Laplacian[c, c] + s.Affinity[c, c]).ToArray();
            var top = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(x => 1 / Math.Sqrt(x)).ToArray()) * s.TopEigenspace(d);
            Assert.That(s.AlignmentEfficiency(top), Is.EqualTo(1).Within(1e-9));
            Assert.That(s.PrincipalAngles(top).Max(), Is.LessThan(1e-6));
        }
    }

    [Test]
    public void D14_DirichletEnergyOfToy1()
    {
        var s = Toy1();
        var h = Matrix<double>.Build.DenseOfColumnArrays([1.0, 1, -1, -1]);
        Assert.That(s.DirichletEnergy(h), Is.EqualTo(0.455556).Within(1e-6));
        Assert.That(s.DirichletEnergy(h), Is.EqualTo(1 - s.ChiSquareSpectrum[0]).Within(1e-14));
        Assert.That(s.SquaredCanonicalCorrelationsOf(h)[0], Is.EqualTo(s.ChiSquareSpectrum[0]).Within(1e-14));
        Assert.That(s.Prototypes(h).Column(0).ToArray(), Is.EqualTo(new[] { 0.8 / 0.9 - 0.1 / 0.9, 0, 0.1 / 0.9 - 0.8 / 0.9 }).Within(1e-14));
    }

    [Test]
    public void E16_FisherPullbackClosedForms()
    {
        var w = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { -1.0 } });
        var b = Vector<double>.Build.Dense(2);
        double[] hs = [0, 0.5, 1];
        double[] expected = [1, 0.786448, 0.419974];
        for (int i = 0; i < 3; i++)
        {
            var g = FisherRao.Pullback(w, b, Vector<double>.Build.Dense([hs[i]]));
            Assert.That(g[0, 0], Is.EqualTo(expected[i]).Within(1e-6));
            Assert.That(g[0, 0], Is.EqualTo(1 / Math.Pow(Math.Cosh(hs[i]), 2)).Within(1e-14));
        }
        int v = 5;
        var eye = Matrix<double>.Build.DenseIdentity(v);
        var gi = FisherRao.Pullback(eye, Vector<double>.Build.Dense(v), Vector<double>.Build.Dense(v));
        var eig = gi.Evd(Symmetricity.Symmetric).EigenValues.Real().OrderBy(x => x).ToArray();
        Assert.That(eig[0], Is.EqualTo(0).Within(1e-15));
        Assert.That(eig.Skip(1), Is.All.EqualTo(1.0 / v).Within(1e-15));
    }

    [Test]
    public void E16_FisherPullbackIsKlCurvatureNllHessianAndBounded()
    {
        var rng = new Random(4);
        int v = 4, d = 3;
        var w = Matrix<double>.Build.Dense(v, d, (_, _) => rng.NextDouble() * 2 - 1);
        var b = Vector<double>.Build.Dense(v, _ => rng.NextDouble() - 0.5);
        var h = Vector<double>.Build.Dense(d, _ => rng.NextDouble() - 0.5);
        var g = FisherRao.Pullback(w, b, h);
        var p0 = FisherRao.Softmax(w * h + b).ToArray();
        var dir = Vector<double>.Build.Dense(d, _ => rng.NextDouble() - 0.5).Normalize(2);
        foreach (double eps in new[] { 1e-2, 1e-3 })
        {
            var delta = eps * dir;
            double kl = Divergence.KullbackLeibler(p0, FisherRao.Softmax(w * (h + delta) + b).ToArray());
            Assert.That(kl / (0.5 * delta * (g * delta)), Is.EqualTo(1).Within(10 * eps));
        }
        const double step = 1e-4;
        for (int target = 0; target < v; target++)
        {
            double Nll(Vector<double> x) => -Math.Log(FisherRao.Softmax(w * x + b)[target]);
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    var ei = Vector<double>.Build.Dense(d);
                    var ej = Vector<double>.Build.Dense(d);
                    ei[i] = step;
                    ej[j] = step;
                    double fd = (Nll(h + ei + ej) - Nll(h + ei - ej) - Nll(h - ei + ej) + Nll(h - ei - ej)) / (4 * step * step);
                    Assert.That(fd, Is.EqualTo(g[i, j]).Within(1e-6));
                }
        }
        var upper = FisherRao.UpperBound(w) - g;
        Assert.That(upper.Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum(), Is.GreaterThanOrEqualTo(-1e-12));
        double bound = (w * h + b).AbsoluteMaximum();
        var lower = g - FisherRao.LowerBound(w, bound);
        Assert.That(lower.Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum(), Is.GreaterThanOrEqualTo(-1e-12));
    }
}
