using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class ComputationalMechanicsTests
{
    private static double H2(params double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log2(v));

    [Test]
    public void RrxorEntropyRateIsTwoThirdsBitAndComplexityFromFiveStates()
    {
        var p = Processes.Rrxor();
        var rate = EntropyRate.Compute(p);
        Assert.That(rate.IsExact, Is.True);
        Assert.That(Units.ToBits(rate.Value), Is.EqualTo(2 / 3.0).Within(1e-12));
        Assert.That(p.Theory(10).StatisticalComplexity! / Math.Log(2), Is.EqualTo(H2(1 / 3.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0)).Within(1e-12));
        // Excess entropy independently: lim H(L) − L h_μ from the block-entropy curve (different code path), L = 300.
        var e = ExcessEntropy.Compute(p);
        var curves = BlockEntropy.Curves(p, 300);
        Assert.That(e.Value, Is.EqualTo(curves.Block(300) - 300 * rate.Value).Within(1e-9));
        Assert.That(e.IsExact, Is.True);
    }

    [Test]
    public void Z1RClosedForms()
    {
        var p = Processes.Z1R();
        Assert.That(Units.ToBits(EntropyRate.Compute(p).Value), Is.EqualTo(1 / 3.0).Within(1e-12));
        Assert.That(p.Theory(10).StatisticalComplexity! / Math.Log(2), Is.EqualTo(Math.Log2(3)).Within(1e-12));
        Assert.That(Units.ToBits(ExcessEntropy.Compute(p).Value), Is.EqualTo(Math.Log2(3)).Within(1e-12));
    }

    [TestCase(0.5)]
    [TestCase(0.3)]
    public void GoldenMeanClosedForms(double q)
    {
        // Order-1 Markov: h = H(q)/(1+q), C = H(1/(1+q)), E = H(1) − h with Pr(1) = q/(1+q).
        var p = Processes.GoldenMean(q);
        double h = H2(q, 1 - q) / (1 + q);
        Assert.That(Units.ToBits(EntropyRate.Compute(p).Value), Is.EqualTo(h).Within(1e-12));
        Assert.That(p.Theory(10).StatisticalComplexity! / Math.Log(2), Is.EqualTo(H2(1 / (1 + q), q / (1 + q))).Within(1e-12));
        Assert.That(Units.ToBits(ExcessEntropy.Compute(p).Value), Is.EqualTo(H2(q / (1 + q), 1 / (1 + q)) - h).Within(1e-12));
        if (q == 0.5) Assert.That(Units.ToBits(EntropyRate.Compute(p).Value), Is.EqualTo(2 / 3.0).Within(1e-12));
    }

    [Test]
    public void EvenProcessClosedForms()
    {
        // Even process (p = 1/2): h = 2/3 bit, C_μ = E = log2 3 − 2/3 = H(2/3) bit (Crutchfield & Feldman 2003).
        var p = Processes.Even();
        Assert.That(Units.ToBits(EntropyRate.Compute(p).Value), Is.EqualTo(2 / 3.0).Within(1e-12));
        Assert.That(p.Theory(10).StatisticalComplexity! / Math.Log(2), Is.EqualTo(Math.Log2(3) - 2 / 3.0).Within(1e-12));
        Assert.That(Units.ToBits(ExcessEntropy.Compute(p).Value), Is.EqualTo(Math.Log2(3) - 2 / 3.0).Within(1e-12));
    }

    [Test]
    public void CoinHasZeroComplexityAndExcessEntropy()
    {
        var p = Processes.BiasedCoin(0.3);
        Assert.That(Units.ToBits(EntropyRate.Compute(p).Value), Is.EqualTo(H2(0.3, 0.7)).Within(1e-12));
        Assert.That(p.Theory(10).StatisticalComplexity, Is.EqualTo(0).Within(1e-15));
        Assert.That(ExcessEntropy.Compute(p).Value, Is.EqualTo(0).Within(1e-15));
        Assert.That(p.Theory(10).TransientInformation, Is.EqualTo(0).Within(1e-15));
    }

    [Test]
    public void TransientAndSynchronisationInformationMatchTheirDefinitionsOnTheCurves()
    {
        var p = Processes.Rrxor();
        var curves = BlockEntropy.Curves(p, 400);
        double h = EntropyRate.Compute(p).Value, e = ExcessEntropy.Compute(p).Value;
        double t = Enumerable.Range(0, 401).Sum(l => e + h * l - curves.Block(l));
        Assert.That(p.Theory(10).TransientInformation, Is.EqualTo(t).Within(1e-8));
        Assert.That(p.Theory(10).SynchronisationInformation, Is.EqualTo(curves.BeliefEntropies.Sum()).Within(1e-9));
        var sync = p.Theory(29).BlockEntropies.BeliefEntropies;
        Assert.That(sync[0], Is.EqualTo(H2(1 / 3.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0) * Math.Log(2)).Within(1e-12));
        Assert.That(sync[30], Is.LessThan(sync[3]));
    }

    [Test]
    public void Mess3EntropyRateIsBracketedAndMatchesMonteCarlo()
    {
        var p = Processes.Mess3();
        var rate = EntropyRate.Compute(p, maxLength: 9);
        TestContext.Out.WriteLine($"Mess3 h = {rate.Value} ± {rate.ErrorBound} nats ({rate.Method})");
        Assert.That(rate.IsExact, Is.False);
        Assert.That(rate.ErrorBound, Is.LessThan(2e-3));
        Assert.That(p.Theory(10).StatisticalComplexity, Is.Null); // infinitely many causal states: C_μ diverges
        // Monte Carlo: −(1/N) ln Pr(x_1..x_N) over sampled sequences (AEP), mean ± standard error over sequences.
        const int n = 4000, count = 24;
        var batch = p.Sample(count, n, seed: 3);
        var per = new double[count];
        var flat = new double[p.StateCount];
        for (int r = 0; r < count; r++)
        {
            var eta = p.StationaryDistribution.ToArray();
            double logp = 0;
            foreach (var x in batch.Row(r))
            {
                logp += Math.Log(BeliefFilter.NextTokenLaw(p, eta)[x]);
                eta = BeliefFilter.Update(p, eta, x);
            }
            per[r] = -logp / n;
        }
        double mean = per.Average(), se = Math.Sqrt(per.Sum(v => (v - mean) * (v - mean)) / (count - 1) / count);
        TestContext.Out.WriteLine($"Monte Carlo {mean} ± {se}");
        Assert.That(Math.Abs(mean - rate.Value), Is.LessThan(3 * se + rate.ErrorBound));
        var excess = ExcessEntropy.Compute(p, maxLength: 9);
        Assert.That(excess.Value, Is.GreaterThan(0).And.LessThan(Math.Log(3)));
    }

    [Test]
    public void OptimalLossPerPositionDecreasesToTheEntropyRate()
    {
        var rrxor = Processes.Rrxor();
        var a = rrxor.Theory(10).OptimalLossFor(LossConvention.A);
        var b = rrxor.Theory(10).OptimalLossFor(LossConvention.B);
        var curves = BlockEntropy.Curves(rrxor, 11);
        double h = EntropyRate.Compute(rrxor).Value;
        for (int k = 1; k <= 10; k++)
        {
            Assert.That(a.PerPosition[k - 1], Is.EqualTo(curves.Myopic(k + 1)).Within(1e-12), "A: position k is h(k+1)");
            Assert.That(b.PerPosition[k - 1], Is.EqualTo(curves.Myopic(k)).Within(1e-12), "B: position k−1 is h(k)");
            Assert.That(a.PerPosition[k - 1], Is.GreaterThanOrEqualTo(h - 1e-12));
            if (k > 1) Assert.That(a.PerPosition[k - 1], Is.LessThanOrEqualTo(a.PerPosition[k - 2] + 1e-12));
        }
        Assert.That(Units.ToBits(a.PerPosition[0]), Is.EqualTo(1).Within(1e-12));
        Assert.That(a.Mean, Is.EqualTo(0.578185).Within(1e-6)); // RRXOR optimum of the paper's model, spec §5
        Assert.That(Units.ToBits(a.Mean), Is.EqualTo(a.Mean / Math.Log(2)).Within(1e-15));
        // Z1R: equal to the entropy rate from position 3 on (convention A).
        var z = Processes.Z1R().Theory(10).OptimalLoss;
        for (int k = 3; k <= 10; k++) Assert.That(Units.ToBits(z.PerPosition[k - 1]), Is.EqualTo(1 / 3.0).Within(1e-12));
    }

    [Test]
    public void OptimalLossNeedsLongEnoughCurves()
    {
        var curves = BlockEntropy.Curves(Processes.Z1R(), 5);
        var ex = Assert.Throws<ArgumentException>(() => OptimalLoss.FromCurves(curves, 5, LossConvention.A));
        Assert.That(ex!.Message, Does.Contain("L = 5").And.Contain("needs L = 6"));
        Assert.That(OptimalLoss.FromCurves(curves, 5, LossConvention.B).PerPosition, Has.Length.EqualTo(5));
    }

    [Test]
    public void Mess3OptimalLossMatchesSpecOptimum()
    {
        var a = Processes.Mess3().Theory(10).OptimalLoss;
        Assert.That(a.Mean, Is.EqualTo(0.802512).Within(1e-6));
        for (int k = 1; k < 10; k++) Assert.That(a.PerPosition[k], Is.LessThan(a.PerPosition[k - 1]));
    }
}
