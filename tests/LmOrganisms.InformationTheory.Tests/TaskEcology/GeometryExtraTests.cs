using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec §2 checks: Rem 13, Thm 30(c), Prop 67 (kNN stability), Thm 66 (Gaussian-linear geometry).</summary>
public class GeometryExtraTests
{
    [Test]
    public void Rem13_HellingerBelowRenyiHalfBelowKlPerContext()
    {
        var rng = new Random(17);
        for (int t = 0; t < 500; t++)
        {
            int n = rng.Next(2, 6);
            var p = Eco.Normalised(rng, n);
            var q = Eco.Normalised(rng, n);
            double h2 = Divergence.Hellinger2(p, q), half = Divergence.RenyiHalf(p, q), kl = Divergence.KullbackLeibler(p, q);
            Assert.That(h2, Is.LessThanOrEqualTo(half + 1e-15));
            Assert.That(half, Is.LessThanOrEqualTo(kl + 1e-15));
            Assert.That(half, Is.EqualTo(-2 * Math.Log(1 - h2)).Within(1e-12));
        }
    }

    [Test]
    public void Thm30c_MergingClassHasLossStrictlyAboveFloor()
    {
        foreach (var e in Eco.Suite().Where((_, i) => i % 4 == 0))
        {
            var merging = SetPartition.AllPartitions(e.WorldCount).Where(p => e.MergesSeparatedPair(p)).ToList();
            if (merging.Count == 0) continue;
            Assert.That(merging.Min(p => e.BayesLoss(p)), Is.GreaterThan(e.Floor() + 1e-12));
            var minimisers = SetPartition.AllPartitions(e.WorldCount).Where(p => e.Excess(p) < 1e-10);
            Assert.That(minimisers.All(p => !e.MergesSeparatedPair(p)), Is.True);
        }
    }

    [Test]
    public void Prop67_KnnGraphStableUnderSmallPerturbation()
    {
        var rng = new Random(23);
        int tested = 0;
        for (int t = 0; t < 100; t++)
        {
            int n = 7, k = 2;
            var pts = Enumerable.Range(0, n).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() }).ToArray();
            var d = pts.Select(a => pts.Select(b => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2))).ToArray()).ToArray();
            double gamma = EcologyGeometry.KnnMargin(d, k);
            if (gamma <= 0) continue;
            var noisy = d.Select(row => row.Select(x => x + (rng.NextDouble() * 2 - 1) * 0.49 * gamma).ToArray()).ToArray();
            Assert.That(EcologyGeometry.KnnGraph(noisy, k), Is.EqualTo(EcologyGeometry.KnnGraph(d, k)));
            tested++;
        }
        Assert.That(tested, Is.GreaterThan(90));
    }

    [Test]
    public void Thm66_IsotropicTaskCovarianceOnVGivesProportionalDistances()
    {
        var rng = new Random(31);
        int dim = 5, sub = 2;
        var basis = Matrix<double>.Build.Dense(dim, sub, (_, _) => rng.NextDouble() - 0.5).QR().Q.SubMatrix(0, dim, 0, sub);
        var pv = basis * basis.Transpose();
        double sigmaC = 1.7;
        var iso = sigmaC * sigmaC * pv;
        var aniso = basis * Matrix<double>.Build.DenseOfDiagonalArray([4.0, 0.25]) * basis.Transpose();
        var phi = Enumerable.Range(0, 6).Select(_ => Vector<double>.Build.Dense(dim, _ => rng.NextDouble())).ToArray();
        var ratios = new List<double>();
        for (int i = 0; i < phi.Length; i++)
            for (int j = i + 1; j < phi.Length; j++)
            {
                double code = (pv * (phi[i] - phi[j])).L2Norm();
                Assert.That(code * code, Is.EqualTo(EcologyGeometry.GaussianTaskDistance(phi[i], phi[j], iso) / (sigmaC * sigmaC)).Within(1e-12));
                ratios.Add(EcologyGeometry.GaussianTaskDistance(phi[i], phi[j], aniso) / (code * code));
            }
        Assert.That(ratios.Max() - ratios.Min(), Is.GreaterThan(0.1));
    }
}

public class TwoEcologyTests
{
    [Test]
    public void Prop14_ZeroMassOnTheOnlySeparatingContextGivesStrictInclusion()
    {
        var e = Eco.Make([0.5, 0.25, 0.25], [0.5, 0.5], [
            [[0.5, 0.5], [1.0, 0]],
            [[0.5, 0.5], [0.0, 1]],
            [[0.9, 0.1], [1.0, 0]]]);
        Assert.That(e.QuotientPartition(), Is.EqualTo(new[] { 0, 1, 2 }));
        var blind = e.WithContextWeights([1.0, 0]);
        Assert.That(blind.QuotientPartition(), Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(blind.LinguisticPartition(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(SetPartition.Refines(blind.LinguisticPartition(), blind.QuotientPartition()), Is.True);
        Assert.That(SetPartition.Same(blind.LinguisticPartition(), blind.QuotientPartition()), Is.False);
    }

    [Test]
    public void Prop46_TokenOptimalIsNotEvaluationOptimal()
    {
        var token = Eco.Make([0.5, 0.5], [1.0, 0], [[[0.5, 0.5], [1.0, 0]], [[0.5, 0.5], [0.0, 1]]]);
        var evaluation = token.WithContextWeights([0.0, 1]);
        var tokenOptimal = token.QuotientPartition();
        Assert.That(token.Excess(tokenOptimal), Is.EqualTo(0).Within(1e-15));
        Assert.That(evaluation.Excess(tokenOptimal), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(EcologyInjection.GapSet(token, evaluation, 0.5), Is.EqualTo(new[] { (0, 1) }));
        Assert.That(EcologyInjection.AlphaStar(token, evaluation, 0, 1, 0.5), Is.EqualTo(0.5).Within(1e-15));
    }
}
