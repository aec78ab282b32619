using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Spec §3.10 / §4.3 property tests on 150 random ecologies (5 sizes × 30, incl. merged-pair and partial-separation ones).</summary>
public class PropertyTests
{
    private static readonly double[] Betas = [0, 0.01, 0.1, 0.5, 1, 5];

    [Test]
    public void Thm8_DecompositionIdentityOnEveryPartition()
    {
        double worst = 0;
        foreach (var e in Eco.Suite())
            foreach (var p in SetPartition.AllPartitions(e.WorldCount))
            {
                var d = e.Decompose(p);
                worst = Math.Max(worst, Math.Abs(d.Excess - d.JsExcess));
                Assert.That(d.JsExcess, Is.GreaterThanOrEqualTo(0));
            }
        Assert.That(worst, Is.LessThan(1e-10));
    }

    [Test]
    public void Thm8_ZeroExcessIffNoSeparatedPairMerged()
    {
        foreach (var e in Eco.Suite())
            foreach (var p in SetPartition.AllPartitions(e.WorldCount))
                Assert.That(e.Excess(p) < 1e-10, Is.EqualTo(!e.MergesSeparatedPair(p)));
    }

    [Test]
    public void Thm50_LeastComplexZeroExcessPartitionIsTheQuotient()
    {
        foreach (var e in Eco.Suite())
        {
            var best = SetPartition.AllPartitions(e.WorldCount).Where(p => e.Excess(p) < 1e-10)
                .OrderBy(p => e.Complexity(p)).First();
            Assert.That(best, Is.EqualTo(e.QuotientPartition()));
            Assert.That(SetPartition.Refines(e.LinguisticPartition(), e.QuotientPartition()), Is.True);
        }
    }

    [Test]
    public void Thm55_SplitIdentityForEveryCellBipartitionAndBeta()
    {
        double worst = 0;
        foreach (var e in Eco.Suite())
            foreach (var p in SetPartition.AllPartitions(e.WorldCount))
                foreach (var cell in SetPartition.Cells(p))
                    foreach (var (a, b) in SetPartition.AllBinarySplits(cell))
                    {
                        var split = SetPartition.SplitCell(p, b);
                        var gain = e.SplitGain(a, b);
                        foreach (double beta in Betas)
                            worst = Math.Max(worst, Math.Abs(e.Objective(p, beta) - e.Objective(split, beta) - gain.ThresholdRhs(beta)));
                    }
        Assert.That(worst, Is.LessThan(1e-10));
    }

    [Test]
    public void Prop57_LocalMinimumCriterionEqualsBruteForce()
    {
        int agree = 0;
        foreach (var e in Eco.Suite().Where((_, i) => i % 5 == 0))
            foreach (var p in SetPartition.AllPartitions(e.WorldCount))
                foreach (double beta in Betas)
                {
                    Assert.That(e.IsLocalMinimum(p, beta), Is.EqualTo(e.IsLocalMinimumBruteForce(p, beta)));
                    agree++;
                }
        Assert.That(agree, Is.GreaterThan(1000));
    }

    [Test]
    public void Cor58_QuotientIsLocalMinimumExactlyUpToBetaMin()
    {
        foreach (var e in Eco.Suite())
        {
            double bmin = e.BetaMin();
            var q = e.QuotientPartition();
            if (double.IsPositiveInfinity(bmin)) continue;
            Assert.That(e.IsLocalMinimumBruteForce(q, bmin * (1 - 1e-6)), Is.True);
            Assert.That(e.IsLocalMinimumBruteForce(q, bmin * (1 + 1e-6) + 1e-9), Is.False);
        }
    }

    [Test]
    public void SubsetOptimiserEqualsEnumeration()
    {
        foreach (var e in Eco.Suite())
            foreach (double beta in Betas)
            {
                var dp = e.OptimumAt(beta);
                var en = e.OptimumByEnumeration(beta);
                Assert.That(dp.Objective, Is.EqualTo(en.Objective).Within(1e-10));
                Assert.That(e.Objective(dp.Partition, beta), Is.EqualTo(dp.Objective).Within(1e-10));
            }
    }

    [Test]
    public void SubsetOptimiserEqualsEnumerationOnEightWorlds()
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var e = Eco.Random(seed, 8, 2, 3);
            foreach (double beta in new[] { 0.02, 0.2, 0.6 })
                Assert.That(e.OptimumAt(beta).Objective, Is.EqualTo(e.OptimumByEnumeration(beta).Objective).Within(1e-10));
        }
    }

    [Test]
    public void GlobalPathIsTheOptimumOnBothSidesOfEachBreakpoint()
    {
        foreach (var e in Eco.Suite().Where((_, i) => i % 5 == 0))
        {
            var path = e.GlobalPath();
            Assert.That(path.Steps[^1].To.All(l => l == 0), Is.True);
            for (int i = 0; i < path.Steps.Count; i++)
            {
                var s = path.Steps[i];
                if (i > 0) Assert.That(s.Beta, Is.GreaterThanOrEqualTo(path.Steps[i - 1].Beta));
                double above = s.Beta * (1 + 1e-7) + 1e-9;
                Assert.That(e.Objective(s.To, above), Is.EqualTo(e.OptimumByEnumeration(above).Objective).Within(1e-10));
                if (s.Beta > 1e-6)
                {
                    double below = s.Beta * (1 - 1e-7);
                    Assert.That(e.Objective(s.From, below), Is.EqualTo(e.OptimumByEnumeration(below).Objective).Within(1e-10));
                }
            }
        }
    }

    [Test]
    public void BrierAnalogueOfTheorem8()
    {
        // Brier loss 1 + |q|^2 - 2<p,q> is minimised by the cell average; its excess is the Brier-entropy gap.
        foreach (var e in Eco.Suite().Where((_, i) => i % 10 == 0))
            foreach (var p in SetPartition.AllPartitions(e.WorldCount))
            {
                var dec = e.BayesDecoder(p);
                double loss = 0, floor = 0, gap = 0;
                for (int w = 0; w < e.WorldCount; w++)
                    for (int c = 0; c < e.ContextCount; c++)
                    {
                        var pw = e.Next(w, c).ToArray();
                        var q = dec[p[w]][c];
                        double wt = e.Priors[w] * e.ContextWeights[c];
                        loss += wt * (1 + q.Sum(x => x * x) - 2 * pw.Zip(q, (a, b) => a * b).Sum());
                        floor += wt * Entropy.Brier(pw);
                    }
                foreach (var cell in SetPartition.Cells(p))
                    for (int c = 0; c < e.ContextCount; c++)
                    {
                        double m = cell.Sum(w => e.Priors[w]);
                        var avg = e.CellAverage(cell, c);
                        gap += e.ContextWeights[c] * (m * Entropy.Brier(avg) - cell.Sum(w => e.Priors[w] * Entropy.Brier(e.Next(w, c))));
                    }
                Assert.That(loss - floor, Is.EqualTo(gap).Within(1e-12));
            }
    }
}

public class ExactPathTests
{
    [Test]
    public void HullWalkPathEqualsEnumeratedPath()
    {
        foreach (var e in Eco.Suite().Where((_, i) => i % 3 == 0).Append(ClosedFormTests.ThreeWorlds()).Append(ClosedFormTests.T3()))
        {
            var a = e.GlobalPath();
            var b = e.GlobalPathExact();
            Assert.That(b.Start, Is.EqualTo(a.Start));
            Assert.That(b.Steps, Has.Count.EqualTo(a.Steps.Count));
            for (int i = 0; i < a.Steps.Count; i++)
            {
                Assert.That(b.Steps[i].Beta, Is.EqualTo(a.Steps[i].Beta).Within(1e-10));
                Assert.That(b.Steps[i].To, Is.EqualTo(a.Steps[i].To));
                Assert.That(b.Steps[i].MatchesLocalPrediction, Is.EqualTo(a.Steps[i].MatchesLocalPrediction));
            }
        }
    }

    [Test]
    public void HullWalkPathOnTenWorldsEqualsEnumeration()
    {
        var e = Eco.Random(99, 9, 2, 3);
        var a = e.GlobalPath();
        var b = e.GlobalPathExact();
        Assert.That(b.Steps.Select(s => string.Join(",", s.To)), Is.EqualTo(a.Steps.Select(s => string.Join(",", s.To))));
        Assert.That(b.Steps.Select(s => s.Beta), Is.EqualTo(a.Steps.Select(s => s.Beta)).Within(1e-10));
    }
}
