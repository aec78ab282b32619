using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec §3.10 finite-class check by exhaustive enumeration (3 worlds, 2 contexts, 2 tokens, n = 1..4).</summary>
public class DatasetEnumerationTests
{
    [Test]
    public void HoeffdingDeviationBoundHoldsExactly()
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var e = Eco.Random(seed, 3, 2, 2);
            foreach (var p in SetPartition.AllPartitions(3))
            {
                double c = DatasetEnumeration.MaxLoss(e, p);
                for (int n = 1; n <= 4; n++)
                    foreach (double eta in new[] { 0.05, 0.2, 0.5 })
                    {
                        double exact = DatasetEnumeration.DeviationProbability(e, p, n, eta);
                        Assert.That(exact, Is.InRange(0, 1 + 1e-12));
                        Assert.That(exact, Is.LessThanOrEqualTo(2 * Math.Exp(-2 * n * eta * eta / (c * c)) + 1e-12));
                    }
            }
        }
    }

    [Test]
    public void FailureProbabilityIsBelowTheUnionBound()
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var e = Eco.Random(seed, 3, 2, 2);
            var parts = SetPartition.AllPartitions(3).ToArray();
            double gamma = FiniteClassBound.CertificationGap(e);
            double c = parts.Max(p => DatasetEnumeration.MaxLoss(e, p));
            for (int n = 1; n <= 4; n++)
            {
                double fail = DatasetEnumeration.FailureProbability(e, parts, n);
                double bound = 2 * parts.Length * Math.Exp(-2 * n * Math.Pow(gamma / 2, 2) / (c * c));
                Assert.That(fail, Is.InRange(0, 1 + 1e-12));
                Assert.That(fail, Is.LessThanOrEqualTo(bound));
            }
        }
    }

    [Test]
    public void SingleSampleProbabilitiesSumToOne()
    {
        var e = Eco.Random(4, 3, 2, 2);
        // |mean − L*| > −1 holds on every dataset, so this is the total probability mass of the enumeration.
        double all = DatasetEnumeration.DeviationProbability(e, [0, 0, 0], 1, -1);
        Assert.That(all, Is.EqualTo(1).Within(1e-12));
        Assert.That(DatasetEnumeration.FailureProbability(e, [[0, 1, 2]], 2), Is.EqualTo(0));
        Assert.That(DatasetEnumeration.FailureProbability(e, [[0, 0, 0]], 2), Is.EqualTo(1).Within(1e-12));
    }
}
