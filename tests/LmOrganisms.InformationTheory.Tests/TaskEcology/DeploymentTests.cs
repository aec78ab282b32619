using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec §4.6–4.9, 4.11, 4.12 test vectors.</summary>
public class DeploymentTests
{
    private static FiniteEcology Planted()
    {
        double[] u = [0.25, 0.25, 0.25, 0.25];
        return Eco.Make(u, [0.90, 0.05, 0.05], [
            [[0.51, 0.49, 0, 0], u, [0.4, 0.1, 0.3, 0.2]],
            [[0.49, 0.51, 0, 0], u, [0.4, 0.1, 0.3, 0.2]],
            [Eco.Delta(4, 2), [0.2, 0.3, 0.4, 0.1], [0.1, 0.2, 0.6, 0.1]],
            [Eco.Delta(4, 3), [0.3, 0.1, 0.2, 0.4], [0.2, 0.2, 0.1, 0.5]]]);
    }

    private static FiniteEcology Strong() =>
        Eco.Make([0.25, 0.25, 0.25, 0.25], [0.5, 0.5], Enumerable.Range(0, 4).Select(w => new[] { Eco.Delta(4, w), Eco.Delta(4, w) }).ToArray());

    [Test]
    public void Spec46_PlantedRescueThreshold()
    {
        var mu0 = Planted();
        var nu = Strong();
        double s0 = mu0.TaskDistance(0, 1);
        Assert.That(s0, Is.EqualTo(1.8001800360e-4).Within(1e-13));
        Assert.That(nu.TaskDistance(0, 1), Is.EqualTo(1).Within(1e-15));
        double mid = (s0 + 1) / 2;
        Assert.That(mid, Is.EqualTo(0.5000900090).Within(1e-10));
        Assert.That(EcologyInjection.AlphaStar(mu0, nu, 0, 1, mid), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(EcologyInjection.AlphaStar(mu0, nu, 0, 1, 0.1), Is.EqualTo(0.0998379546).Within(1e-10));
        var mix = FiniteEcology.Mixture(mu0, nu, 0.25);
        Assert.That(mix.TaskDistance(0, 1), Is.EqualTo(0.2501350135).Within(1e-10));
        Assert.That(EcologyInjection.InterpolatedTaskDistance(mu0, nu, 0.25)[0][1], Is.EqualTo(mix.TaskDistance(0, 1)).Within(1e-15));
        var g = mu0.SplitGain([0], [1]);
        Assert.That(g.PredictiveGain, Is.EqualTo(1.80012e-4).Within(1e-9));
        Assert.That(g.BetaStar, Is.EqualTo(2.597e-4).Within(1e-7));
        Assert.That(g.BetaStar, Is.EqualTo(g.PredictiveGain / Math.Log(2)).Within(1e-15));
        Assert.That(mu0.TaskDistance(0, 2), Is.EqualTo(0.90605417).Within(1e-8));
        Assert.That(mu0.TaskDistance(0, 3), Is.EqualTo(0.90572467).Within(1e-8));
        Assert.That(mu0.TaskDistance(2, 3), Is.EqualTo(0.91445131).Within(1e-8));
        Assert.That(EcologyInjection.GapSet(mu0, nu, 0.1), Is.EqualTo(new[] { (0, 1) }));
        Assert.That(EcologyInjection.RescuedSet(mu0, nu, 0.09, 0.1), Is.Empty);
        Assert.That(EcologyInjection.RescuedSet(mu0, nu, 0.11, 0.1), Is.EqualTo(new[] { (0, 1) }));
        Assert.That(EcologyInjection.Resolved(0.2, 0.1) && !EcologyInjection.Resolved(0.1, 0.1), Is.True);
        Assert.Throws<ArgumentException>(() => EcologyInjection.AlphaStar(0.5, 0.4, 0.45));
    }

    [Test]
    public void Prop47_InterpolationIsLinearOnRandomPairs()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var a = Eco.Random(seed, 4, 3, 4);
            var b = Eco.Random(seed + 500, 4, 2, 4).WithPriors(a.Priors.ToArray());
            foreach (double alpha in new[] { 0, 0.1, 0.25, 0.5, 0.8, 1 })
            {
                var mix = FiniteEcology.Mixture(a, b, alpha);
                var interp = EcologyInjection.InterpolatedTaskDistance(a, b, alpha);
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++)
                        Assert.That(mix.TaskDistance(i, j), Is.EqualTo(interp[i][j]).Within(1e-14));
            }
        }
    }

    [Test]
    public void Spec46_MixturePartitionRefinesBase()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            var mu0 = Eco.Random(seed, 4, 3, 3, kind: 1);
            var nu = Eco.Random(seed + 77, 4, 2, 3, kind: seed % 2).WithPriors(mu0.Priors.ToArray());
            foreach (double alpha in new[] { 0.05, 0.2, 0.5, 0.8, 0.95 })
            {
                var mix = FiniteEcology.Mixture(mu0, nu, alpha);
                Assert.That(SetPartition.Refines(mix.QuotientPartition(), mu0.QuotientPartition()), Is.True);
                Assert.That(OffEcology.Refines(mix, mu0), Is.True);
            }
        }
    }

    private static FiniteEcology OffEco(double[] d) => Eco.Make([1 / 3.0, 1 / 3.0, 1 / 3.0], d, [
        [Eco.Delta(3, 0), Eco.Delta(3, 0)],
        [Eco.Delta(3, 0), Eco.Delta(3, 1)],
        [Eco.Delta(3, 2), Eco.Delta(3, 2)]]);

    [Test]
    public void Spec47_OffEcologyExcessMeetsTightBound()
    {
        var train = OffEco([1.0, 0]);
        var deploy = OffEco([0.7, 0.3]);
        Assert.That(train.TaskDistance(0, 1), Is.EqualTo(0));
        Assert.That(train.QuotientPartition(), Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(train.Excess(train.QuotientPartition()), Is.EqualTo(0).Within(1e-15));
        Assert.That(deploy.TaskDistance(0, 1), Is.EqualTo(0.3).Within(1e-15));
        Assert.That(OffEcology.OffEcologyExcess(train, deploy), Is.EqualTo(0.1386294361).Within(1e-10));
        Assert.That(OffEcology.ExcessLowerBound(deploy, 0, 1), Is.EqualTo(2 / 3.0 * 0.3 * Math.Log(2)).Within(1e-15));
        Assert.That(OffEcology.OffEcologyExcess(train, deploy), Is.EqualTo(OffEcology.ExcessLowerBound(deploy, 0, 1)).Within(1e-15));
        Assert.That(OffEcology.StrictlyRefines(deploy, train), Is.True);
    }

    [Test]
    public void Spec47_GeneralistAndSpecialist()
    {
        var task1 = OffEco([1.0, 0]);
        var task2 = OffEco([0.0, 1]);
        Assert.That(OffEcology.SpecialistExcess(task1, task2), Is.EqualTo(0.4620981204).Within(1e-10));
        var mixture = OffEcology.UniformTaskMixture([task1, task2]);
        Assert.That(OffEcology.SpecialistExcess(task1, mixture), Is.EqualTo(0.2310490602).Within(1e-10));
        Assert.That(OffEcology.GeneralistExcess([task1, task2]), Is.All.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void Prop78_NonIdentifiableDecoders()
    {
        var train = OffEco([1.0, 0]);
        var deploy = OffEco([0.7, 0.3]);
        var r = OffEcology.NonIdentifiable(train, deploy, 0, 1);
        Assert.That(r.OffEcologyContexts, Is.EqualTo(new[] { 1 }));
        Assert.That(r.TrainingLossFirst, Is.EqualTo(r.TrainingLossSecond).Within(1e-15));
        Assert.That(r.TrainingLossFirst, Is.EqualTo(train.BayesLoss(train.QuotientPartition())).Within(1e-15));
        Assert.That(r.First[0][1], Is.Not.EqualTo(r.Second[0][1]));
        Assert.That(r.DeploymentLossFirst, Is.GreaterThan(deploy.BayesLoss(train.QuotientPartition())));
    }

    [Test]
    public void Spec48_SampleSizes()
    {
        double n = FiniteClassBound.SampleSizeUniform(0.1, 0.1, 0, 15, 0.05);
        Assert.That(n, Is.EqualTo(6783.17).Within(0.01));
        Assert.That(Math.Ceiling(n), Is.EqualTo(6784));
        // The general-prior bound with the uniform prior and all excesses equal to γ reduces to ln(2/α) + ln M.
        var same = FiniteClassBound.SampleSizePrior(0.1, 0.1, 0, 0.05, 1 / 15.0, Enumerable.Repeat((1 / 15.0, 0.1), 14));
        Assert.That(same, Is.EqualTo(n).Within(1e-9));
        double eta = FiniteClassBound.Radius(0.1, 1 / 15.0, 0.05, 1000);
        Assert.That(eta, Is.EqualTo(Math.Log(10) * Math.Sqrt((Math.Log(15) + Math.Log(40)) / 2000)).Within(1e-15));
        Assert.That(FiniteClassBound.NearOptimalityProbability(15, 1000, eta, 0.1), Is.EqualTo(1 - 30 * Math.Exp(-2000 * eta * eta / Math.Pow(Math.Log(10), 2))).Within(1e-15));
        var e = ClosedFormTests.ThreeWorlds();
        var parts = SetPartition.AllPartitions(3).ToArray();
        var rho = FiniteClassBound.EntropicPrior(e, parts, 2);
        Assert.That(rho.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(rho[0] / rho[^1], Is.EqualTo(Math.Exp(2 * Math.Log(3))).Within(1e-12));
        Assert.That(FiniteClassBound.CertificationGap(e), Is.EqualTo(e.Excess([0, 0, 1])).Within(1e-15));
    }

    [Test]
    public void Spec49_DecoderGap()
    {
        var e = ClosedFormTests.T2();
        int[] id = [0, 1];
        var uniform = e.UniformDecoder(2);
        Assert.That(e.DecoderClassLoss(id, [uniform]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(e.Gap(id, [uniform]), Is.EqualTo(0.3680642072).Within(1e-10));
        Assert.That(e.Gap(id, [uniform, e.BayesDecoder(id)]), Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void Spec411_KernelEmbeddingAndRanks()
    {
        var k = ClosedFormTests.T1().TaskKernel();
        Assert.That(k.ToArray(), Is.EqualTo(new[,] { { 0.25, -0.25 }, { -0.25, 0.25 } }).Within(1e-15));
        var psi = ClosedFormTests.T1().HellingerEmbedding();
        Assert.That(0.5 * psi[0].Zip(psi[1], (a, b) => (a - b) * (a - b)).Sum(), Is.EqualTo(1).Within(1e-15));
        foreach (var e in Eco.Suite().Take(60))
        {
            var emb = e.HellingerEmbedding();
            for (int i = 0; i < e.WorldCount; i++)
                for (int j = 0; j < e.WorldCount; j++)
                    Assert.That(0.5 * emb[i].Zip(emb[j], (a, b) => (a - b) * (a - b)).Sum(), Is.EqualTo(e.TaskDistance(i, j)).Within(1e-14));
            foreach (bool weighted in new[] { false, true })
            {
                var kk = e.TaskKernel(weighted);
                Assert.That(kk.Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum(), Is.GreaterThanOrEqualTo(-1e-12));
            }
        }
        // line codes on k classes: rank 1; simplex codes: rank k - 1
        double[][] line = [[0.0], [1.0], [1.0], [2.0], [3.0]];
        Assert.That(EcologyGeometry.CenteredGramRank(line), Is.EqualTo(1));
        double[][] simplex = [[1.0, 0, 0, 0], [0.0, 1, 0, 0], [0.0, 0, 1, 0], [0.0, 0, 0, 1], [1.0, 0, 0, 0]];
        Assert.That(EcologyGeometry.CenteredGramRank(simplex), Is.EqualTo(3));
    }

    [Test]
    public void Spec412_OutputTableSeparation()
    {
        var rng = new Random(11);
        for (int t = 0; t < 50; t++)
        {
            int nc = 4, nw = 4;
            var table = new double[nc][][];
            for (int c = 0; c < nc; c++)
            {
                table[c] = new double[nw][];
                for (int w = 0; w < nw; w++)
                    table[c][w] = w > 0 && rng.NextDouble() < 0.5 ? table[c][w - 1] : Eco.Normalised(rng, 3);
            }
            var all = PairSet(OutputTableSeparation.SeparationSet(table));
            var subset = Enumerable.Range(0, nc).Where(_ => rng.NextDouble() < 0.5).ToArray();
            Assert.That(PairSet(OutputTableSeparation.SeparationSet(table, subset)).IsSubsetOf(all), Is.True);
            var weights = new double[] { 0.5, 0.5, 0, 0 };
            var induced = OutputTableSeparation.InducedPartition(table, weights);
            var changed = new[] { table[0], table[1], Enumerable.Range(0, nw).Select(_ => Eco.Normalised(rng, 3)).ToArray(), table[3] };
            var withoutZero = OutputTableSeparation.InducedPartition(changed, weights);
            Assert.That(OutputTableSeparation.SeparationSet(changed), Has.Count.EqualTo(nw * (nw - 1) / 2));
            Assert.That(induced, Is.EqualTo(withoutZero));
            for (int i = 0; i < nw; i++)
                for (int j = i + 1; j < nw; j++)
                {
                    bool sameOnLive = table[0][i].SequenceEqual(table[0][j]) && table[1][i].SequenceEqual(table[1][j]);
                    Assert.That(induced[i] == induced[j], Is.EqualTo(sameOnLive));
                }
        }
    }

    private static HashSet<(int, int)> PairSet(IEnumerable<(int, int)> pairs) => [.. pairs];
}
