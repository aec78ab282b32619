using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory.Tests;

public class MeasureTests
{
    private static readonly double[] P91 = [0.9, 0.1];
    private static readonly double[] P19 = [0.1, 0.9];

    [Test]
    public void Spec41_JensenShannonOfDisjointPointMassesIsLn2()
    {
        Assert.That(Divergence.JensenShannon([1.0, 0], [0.0, 1]), Is.EqualTo(0.6931471806).Within(1e-10));
        Assert.That(Divergence.JensenShannon([1.0, 0], [0.0, 1]), Is.EqualTo(Math.Log(2)).Within(1e-15));
    }

    [Test]
    public void Spec41_WeightedJsOfTwoPointMassesIsBinaryEntropy()
    {
        double[][] laws = [[1.0, 0], [0.0, 1]];
        Assert.That(Divergence.JensenShannon(laws, [0.75, 0.25]), Is.EqualTo(0.5623351446).Within(1e-10));
        Assert.That(Entropy.Binary(0.75), Is.EqualTo(0.5623351446).Within(1e-10));
        Assert.That(Divergence.JensenShannonKl(laws, [0.75, 0.25]), Is.EqualTo(0.5623351446).Within(1e-10));
    }

    [Test]
    public void Spec41_ClosedFormsOnNinetyTen()
    {
        Assert.That(Entropy.Shannon(P91), Is.EqualTo(0.3250829734).Within(1e-10));
        Assert.That(Divergence.Hellinger2(P91, P19), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(Divergence.RenyiHalf(P91, P19), Is.EqualTo(1.0216512475).Within(1e-10));
        Assert.That(Divergence.Renyi(P91, P19, 0.5), Is.EqualTo(1.0216512475).Within(1e-10));
        Assert.That(Divergence.KullbackLeibler(P91, P19), Is.EqualTo(1.7577796619).Within(1e-10));
        Assert.That(Divergence.Hellinger2(P91, P19), Is.LessThanOrEqualTo(Divergence.RenyiHalf(P91, P19)));
        Assert.That(Divergence.RenyiHalf(P91, P19), Is.LessThanOrEqualTo(Divergence.KullbackLeibler(P91, P19)));
    }

    [Test]
    public void Spec41_HellingerOfDisjointSupportsIsOne() =>
        Assert.That(Divergence.Hellinger2([0.5, 0.5, 0], [0.0, 0, 1]), Is.EqualTo(1).Within(1e-15));

    [Test]
    public void Spec41_JsEntropyFormEqualsKlFormOnRandomInputs()
    {
        var rng = new Random(7);
        for (int t = 0; t < 200; t++)
        {
            int k = rng.Next(1, 6), n = rng.Next(2, 8);
            var laws = Enumerable.Range(0, k).Select(_ => Eco.Normalised(rng, n)).ToArray();
            var w = Eco.Normalised(rng, k);
            Assert.That(Divergence.JensenShannon(laws, w), Is.EqualTo(Divergence.JensenShannonKl(laws, w)).Within(1e-14));
        }
    }

    [Test]
    public void KlIsInfiniteWhenSupportNotContained()
    {
        Assert.That(Divergence.KullbackLeibler([0.5, 0.5], [1.0, 0]), Is.EqualTo(double.PositiveInfinity));
        Assert.That(Divergence.KullbackLeibler([1.0, 0], [0.5, 0.5]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(Divergence.CrossEntropy([0.5, 0.5], [1.0, 0]), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void CrossEntropyIsEntropyPlusKl()
    {
        double[] p = [0.2, 0.5, 0.3], q = [0.1, 0.6, 0.3];
        Assert.That(Divergence.CrossEntropy(p, q), Is.EqualTo(Entropy.Shannon(p) + Divergence.KullbackLeibler(p, q)).Within(1e-15));
    }

    [Test]
    public void ZeroLogZeroIsZeroAndBitsConvert()
    {
        Assert.That(Entropy.Shannon([1.0, 0, 0]), Is.EqualTo(0));
        Assert.That(Units.ToBits(Entropy.Shannon([0.5, 0.25, 0.25])), Is.EqualTo(1.5).Within(1e-15));
        Assert.That(Units.ToBits(Entropy.Binary(0.5)), Is.EqualTo(1).Within(1e-15));
        Assert.That(Entropy.Binary(0), Is.EqualTo(0));
    }

    [Test]
    public void RenyiOrdersAndLimits()
    {
        double[] p = [0.5, 0.3, 0.2];
        Assert.That(Entropy.Renyi(p, 1), Is.EqualTo(Entropy.Shannon(p)).Within(1e-15));
        Assert.That(Entropy.Renyi(p, 2), Is.EqualTo(-Math.Log(0.25 + 0.09 + 0.04)).Within(1e-15));
        Assert.That(Entropy.Renyi(p, 0), Is.EqualTo(Math.Log(3)).Within(1e-15));
        Assert.That(Entropy.Renyi(p, double.PositiveInfinity), Is.EqualTo(-Math.Log(0.5)).Within(1e-15));
        Assert.That(Divergence.Renyi(p, [0.2, 0.3, 0.5], 1), Is.EqualTo(Divergence.KullbackLeibler(p, [0.2, 0.3, 0.5])).Within(1e-15));
        Assert.That(Divergence.Renyi(p, [0.2, 0.3, 0.5], 1 + 1e-7), Is.EqualTo(Divergence.KullbackLeibler(p, [0.2, 0.3, 0.5])).Within(1e-6));
        Assert.That(Divergence.Renyi([0.5, 0.5], [1.0, 0], 2), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void BrierEntropyAndTotalVariation()
    {
        Assert.That(Entropy.Brier([0.5, 0.3, 0.2]), Is.EqualTo(0.62).Within(1e-15));
        Assert.That(Divergence.TotalVariation([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]), Is.EqualTo(0.3).Within(1e-15));
    }

    [Test]
    public void SpecMc5_CategoricalEntropies()
    {
        double[] p = [0.5, 0.3, 0.2];
        Assert.That(CategoricalEntropy.KullbackLeibler(p), Is.EqualTo(Entropy.Shannon(p)).Within(1e-15));
        Assert.That(CategoricalEntropy.TotalVariation(p), Is.EqualTo(0.62).Within(1e-15));
        foreach (double alpha in new[] { 0.3, 0.5, 1.5 })
            Assert.That(CategoricalEntropy.Renyi(p, alpha), Is.EqualTo(Entropy.Renyi(p, 2 - alpha)).Within(1e-14));
    }

    [Test]
    public void SpecMc_ChannelCategoricalEntropyIsConditionalEntropy()
    {
        double[] mu = [0.6, 0.4];
        double[][] k = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]];
        double expected = 0.6 * Entropy.Shannon(k[0]) + 0.4 * Entropy.Shannon(k[1]);
        Assert.That(CategoricalEntropy.OfChannel(mu, k, Divergence.KullbackLeibler), Is.EqualTo(expected).Within(1e-14));
        Assert.That(Channel.ConditionalEntropy(mu, k), Is.EqualTo(expected).Within(1e-15));
    }

    [Test]
    public void SpecMc6_CrossEntropyIsConditionalEntropyPlusExpectedKl()
    {
        var rng = new Random(3);
        var pi = Eco.Normalised(rng, 5);
        var q = Enumerable.Range(0, 5).Select(_ => Eco.Normalised(rng, 4)).ToArray();
        var qh = Enumerable.Range(0, 5).Select(_ => Eco.Normalised(rng, 4)).ToArray();
        Assert.That(Channel.CrossEntropy(pi, q, qh),
            Is.EqualTo(Channel.ConditionalEntropy(pi, q) + Channel.ExpectedKullbackLeibler(pi, q, qh)).Within(1e-12));
        // i.i.d. source D: H = 1.029653
        Assert.That(Channel.ConditionalEntropy([1.0], [[0.5, 0.3, 0.2]]), Is.EqualTo(1.029653).Within(1e-6));
    }

    [Test]
    public void MutualInformationOfIndependentAndCopyChannels()
    {
        Assert.That(Channel.MutualInformation([0.5, 0.5], [[0.3, 0.7], [0.3, 0.7]]), Is.EqualTo(0).Within(1e-15));
        Assert.That(Channel.MutualInformation([0.5, 0.5], [[1.0, 0], [0.0, 1]]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(Channel.ChiSquareMutualInformation([0.5, 0.5], [[1.0, 0], [0.0, 1]]), Is.EqualTo(1).Within(1e-15));
    }

    [Test]
    public void NonDistributionsAreRejectedWithWhere()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Entropy.Shannon([0.5, 0.43]));
        Assert.That(e1!.Message, Does.Contain("sums to 0.93"));
        var e2 = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler([1.2, -0.2], [0.5, 0.5]));
        Assert.That(e2!.Message, Does.Contain("Entry 1 of p is negative"));
        var e3 = Assert.Throws<ArgumentException>(() => Divergence.Hellinger2([1.0, 0], [0.5, 0.25, 0.25]));
        Assert.That(e3!.Message, Does.Contain("same support"));
        var e4 = Assert.Throws<ArgumentException>(() => Channel.ConditionalEntropy([1.0], [[0.5, 0.6]]));
        Assert.That(e4!.Message, Does.Contain("row 0 of channel"));
    }
}
