using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec §4.3–4.5 closed-form test vectors.</summary>
public class ClosedFormTests
{
    internal static FiniteEcology T1() => Eco.Make([0.5, 0.5], [1.0], [[[1.0, 0]], [[0.0, 1]]]);
    internal static FiniteEcology T2() => Eco.Make([0.5, 0.5], [1.0], [[[0.9, 0.1]], [[0.1, 0.9]]]);
    internal static FiniteEcology T3() => Eco.Make([0.25, 0.25, 0.25, 0.25], [1.0],
        [[Eco.Delta(3, 0)], [Eco.Delta(3, 0)], [Eco.Delta(3, 1)], [Eco.Delta(3, 2)]]);
    internal static FiniteEcology ThreeWorlds() => Eco.Make([1 / 3.0, 1 / 3.0, 1 / 3.0], [1.0],
        [[[1.0, 0, 0]], [[0.8, 0.2, 0]], [[0.0, 0, 1]]]);

    [Test]
    public void T1_DisjointPointMasses()
    {
        var e = T1();
        var d = e.Decompose([0, 0]);
        Assert.That(e.Floor(), Is.EqualTo(0));
        Assert.That(d.BayesLoss, Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(d.Excess, Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(d.JsExcess, Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(e.TaskDistance(0, 1), Is.EqualTo(1).Within(1e-15));
        Assert.That(e.BetaStar([0], [1]), Is.EqualTo(1).Within(1e-15));
    }

    [Test]
    public void T2_NinetyTen()
    {
        var e = T2();
        Assert.That(e.Floor(), Is.EqualTo(0.3250829734).Within(1e-10));
        Assert.That(e.BayesLoss([0, 0]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(e.Excess([0, 0]), Is.EqualTo(0.3680642072).Within(1e-10));
        Assert.That(e.JsExcess([0, 0]), Is.EqualTo(0.3680642072).Within(1e-10));
        Assert.That(e.TaskDistance(0, 1), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(e.BetaStar([0], [1]), Is.EqualTo(0.5310044064).Within(1e-10));
    }

    [Test]
    public void T2b_UnequalPriors()
    {
        var e = T1().WithPriors([0.75, 0.25]);
        var g = e.SplitGain([0], [1]);
        Assert.That(e.Excess([0, 0]), Is.EqualTo(0.5623351446).Within(1e-10));
        Assert.That(g.PredictiveGain, Is.EqualTo(0.5623351446).Within(1e-10));
        Assert.That(g.Lambda, Is.EqualTo(0.75).Within(1e-15));
        Assert.That(g.BetaStar, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void T3_QuotientZeroExcessAndComplexity()
    {
        var e = T3();
        Assert.That(e.QuotientPartition(), Is.EqualTo(new[] { 0, 0, 1, 2 }));
        Assert.That(e.EcologicalComplexity(), Is.EqualTo(3));
        var zero = SetPartition.AllPartitions(4).Where(p => Math.Abs(e.Excess(p)) < 1e-12).ToList();
        Assert.That(zero, Has.Count.EqualTo(2));
        Assert.That(zero.Any(p => p.SequenceEqual(new[] { 0, 0, 1, 2 })) && zero.Any(p => p.SequenceEqual(new[] { 0, 1, 2, 3 })), Is.True);
        Assert.That(e.MinimumComplexity(), Is.EqualTo(1.0397207708).Within(1e-10));
        Assert.That(e.Complexity([0, 1, 2, 3]), Is.EqualTo(Math.Log(4)).Within(1e-15));
        Assert.That(e.Complexity([0, 1, 2, 3]) - e.MinimumComplexity(), Is.EqualTo(0.3465735903).Within(1e-10));
        Assert.That(e.LinguisticPartition(), Is.EqualTo(new[] { 0, 0, 1, 2 }));
    }

    [Test]
    public void Spec44_RateDistortionStaircaseOfT3()
    {
        var curve = T3().Curve();
        double h14 = Entropy.Binary(0.25);
        Assert.That(curve.Distortion(0), Is.EqualTo(1.0397207708).Within(1e-10));
        Assert.That(curve.Distortion(h14 - 1e-9), Is.EqualTo(1.0397207708).Within(1e-10));
        Assert.That(curve.Distortion(h14), Is.EqualTo(0.4773856).Within(1e-7));
        Assert.That(curve.Distortion(Math.Log(2) - 1e-9), Is.EqualTo(0.4773856).Within(1e-7));
        Assert.That(curve.Distortion(Math.Log(2)), Is.EqualTo(0.3465735903).Within(1e-10));
        Assert.That(curve.Distortion(1.0397207708 - 1e-9), Is.EqualTo(0.3465735903).Within(1e-10));
        double iStar = T3().MinimumComplexity();
        Assert.That(curve.Distortion(iStar), Is.EqualTo(0).Within(1e-12));
        Assert.That(curve.Distortion(5), Is.EqualTo(0).Within(1e-12));
        Assert.That(curve.CriticalRate, Is.EqualTo(1.0397207708).Within(1e-10));
        Assert.That(T3().CriticalRate(), Is.EqualTo(1.0397207708).Within(1e-10));
        Assert.That(curve.Steps, Has.Count.EqualTo(4));
    }

    [Test]
    public void Spec45_ThresholdsOfThreeWorlds()
    {
        var e = ThreeWorlds();
        Assert.That(e.Floor(), Is.EqualTo(0.1668008078).Within(1e-10));
        var ab = e.SplitGain([0], [1]);
        Assert.That(ab.PredictiveGain, Is.EqualTo(0.0748817616).Within(1e-10));
        Assert.That(ab.BetaStar, Is.EqualTo(0.1080315461).Within(1e-10));
        Assert.That(e.BetaStar([0], [2]), Is.EqualTo(1).Within(1e-12));
        Assert.That(e.BetaStar([1], [2]), Is.EqualTo(1).Within(1e-12));
        var table = e.ThresholdTable([0, 1, 2]);
        Assert.That(table[0].Merged, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(e.BetaMin(), Is.EqualTo(0.1080315461).Within(1e-10));
        Assert.That(T3().BetaMin(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Spec45_GlobalPathOfThreeWorlds()
    {
        var e = ThreeWorlds();
        var path = e.GlobalPath();
        Assert.That(path.Start, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(path.Steps, Has.Count.EqualTo(2));
        var s1 = path.Steps[0];
        Assert.That(s1.Beta, Is.EqualTo(0.1080315461).Within(1e-10));
        Assert.That(s1.To, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(s1.Excess, Is.EqualTo(0.0499211744).Within(1e-10));
        Assert.That(s1.Complexity, Is.EqualTo(0.6365141683).Within(1e-10));
        var s2 = path.Steps[1];
        Assert.That(s2.Beta, Is.EqualTo(1).Within(1e-10));
        Assert.That(s2.To, Is.EqualTo(new[] { 0, 0, 0 }));
        Assert.That(s2.Excess, Is.EqualTo(0.6864353427).Within(1e-10));
        Assert.That(e.SplitGain([0, 1], [2]).PredictiveGain, Is.EqualTo(Entropy.Binary(1 / 3.0)).Within(1e-12));
        Assert.That(path.MatchingSteps, Is.EqualTo(2));
        Assert.That(path.PartitionAt(0.05), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(path.PartitionAt(0.5), Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(path.PartitionAt(2), Is.EqualTo(new[] { 0, 0, 0 }));
        foreach (double beta in new[] { 0.05, 0.5, 2.0 })
            Assert.That(e.OptimumAt(beta).Partition, Is.EqualTo(path.PartitionAt(beta)));
    }

    [Test]
    public void LocalMinimumOfQuotientIffBetaBelowBetaMin()
    {
        var e = ThreeWorlds();
        double bmin = e.BetaMin();
        Assert.That(e.IsLocalMinimum([0, 1, 2], bmin * 0.99), Is.True);
        Assert.That(e.IsLocalMinimum([0, 1, 2], bmin * 1.01), Is.False);
        Assert.That(e.IsLocalMinimumBruteForce([0, 1, 2], bmin * 0.99), Is.True);
        Assert.That(e.IsLocalMinimumBruteForce([0, 1, 2], bmin * 1.01), Is.False);
    }

    [Test]
    public void SeparationExactAndToleranceModes()
    {
        var e = Eco.Make([0.5, 0.5], [0.5, 0.5], [[[0.5, 0.5], [1.0, 0]], [[0.5, 0.5], [1 - 1e-9, 1e-9]]]);
        Assert.That(e.Separated(0, 1), Is.True);
        Assert.That(e.Separated(0, 1, tolerance: 1e-6), Is.False);
        Assert.That(e.QuotientPartition(1e-6), Is.EqualTo(new[] { 0, 0 }));
        var onlyFirst = e.WithContextWeights([1.0, 0]);
        Assert.That(onlyFirst.Separated(0, 1), Is.False);
        Assert.That(onlyFirst.LinguisticPartition(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(onlyFirst.QuotientPartition(), Is.EqualTo(new[] { 0, 0 }));
        Assert.That(e.SeparationMargin(), Is.EqualTo(e.TaskDistance(0, 1)));
    }

    [Test]
    public void BadPartitionsAreRejected()
    {
        var e = T2();
        var ex = Assert.Throws<ArgumentException>(() => e.BayesLoss([0, 0, 1]));
        Assert.That(ex!.Message, Does.Contain("3 labels, expected one per world (2)"));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Objective([0, 1], -1));
    }
}
