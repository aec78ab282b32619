using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class SelectionStageTests
{
    // Spec §4.10: risks (1,2,3), w = e^{−R}, K = 3: w̄ = 0.1843339309, Cov = −0.1060307909,
    // expected Δ_sel = −0.5752103826 (= E_p[R] − R̄), sd = 0.3761225619.
    [Test]
    public void SpecVector_Risks123()
    {
        double[] r = [1, 2, 3];
        var s = SelectionStage.Statistics(r, Fitness.Exponential(r), 3);
        Assert.That(s.MeanFitness, Is.EqualTo(0.1843339309).Within(1e-10));
        Assert.That(s.Covariance, Is.EqualTo(-0.1060307909).Within(1e-10));
        Assert.That(s.ExpectedChange, Is.EqualTo(-0.5752103826).Within(1e-10));
        Assert.That(s.StandardDeviation, Is.EqualTo(0.3761225619).Within(1e-10));
        Assert.That(s.MeanRisk, Is.EqualTo(2).Within(1e-15));
        // Independent: E_p[R] − R̄ with p = w/Σw.
        double e1 = Math.Exp(-1), e2 = Math.Exp(-2), e3 = Math.Exp(-3), z = e1 + e2 + e3;
        double ep = ((1 * e1) + (2 * e2) + (3 * e3)) / z;
        Assert.That(s.ExpectedSelectedMean, Is.EqualTo(ep).Within(1e-15));
        Assert.That(s.ExpectedChange, Is.EqualTo(ep - 2).Within(1e-14));
        Assert.That(s.Lower95, Is.EqualTo(s.ExpectedChange - (1.96 * s.StandardDeviation)).Within(1e-15));
        Assert.That(s.Upper95, Is.EqualTo(s.ExpectedChange + (1.96 * s.StandardDeviation)).Within(1e-15));
        Assert.That(s.ZScore(0), Is.EqualTo(0.5752103826 / 0.3761225619).Within(1e-9));
        Assert.That(s.Covers(0), Is.True);
        Assert.That(s.Covers(-1.4), Is.False);
    }

    // Expected change = Price selection term on every random population (uniform frequencies, population covariance).
    [Test]
    public void ExpectedChange_EqualsPriceSelectionTerm()
    {
        var rng = new Random(2);
        for (int trial = 0; trial < 200; trial++)
        {
            int k = 2 + rng.Next(30);
            var r = RandomPopulations.Uniform(rng, k, 2, 3.5);
            var w = Fitness.Exponential(r);
            var s = SelectionStage.Statistics(r, w, k);
            Assert.That(s.ExpectedChange, Is.EqualTo(Price.SelectionTerm(w, r)).Within(1e-13));
            Assert.That(s.ExpectedChange, Is.EqualTo(s.ExpectedSelectedMean - s.MeanRisk).Within(1e-13));
        }
    }

    // Monte Carlo: Δ_sel from WrightFisher.SampleParents has the stated mean and sd; the 95% band covers ≈ 95% and
    // rms z ≈ 1 (the Exp3 diagnostics on a population whose truth is known).
    [Test]
    public void WrightFisherSelection_IsCalibrated()
    {
        var rng = new Random(7);
        const int k = 40, stages = 4000;
        var r = RandomPopulations.Uniform(rng, k, 2.5, 3.2);
        var w = Fitness.Exponential(r.Select(v => 8 * v).ToArray()); // strong selection
        var s = SelectionStage.Statistics(r, w, k);
        var stats = new SelectionStageStatistics[stages];
        var observed = new double[stages];
        double sum = 0, sum2 = 0;
        for (int g = 0; g < stages; g++)
        {
            var parents = WrightFisher.SampleParents(w, k, seed: 1000 + g);
            observed[g] = SelectionStage.ObservedChange(r, parents);
            stats[g] = s;
            sum += observed[g];
            sum2 += observed[g] * observed[g];
        }
        double mean = sum / stages, sd = Math.Sqrt((sum2 / stages) - (mean * mean));
        // The sample mean has sd s.sd/√stages; allow 4 of them.
        Assert.That(mean, Is.EqualTo(s.ExpectedChange).Within(4 * s.StandardDeviation / Math.Sqrt(stages)));
        // The sample sd of n normal-ish values has relative sd ≈ 1/√(2n) ≈ 0.011; allow 5%.
        Assert.That(sd, Is.EqualTo(s.StandardDeviation).Within(0.05 * s.StandardDeviation));
        var d = SelectionStage.Diagnose(stats, observed);
        // Coverage: binomial sd √(.95·.05/4000) = 0.0034, plus the normal approximation of a mean of 40 draws: allow 0.02.
        Assert.That(d.Coverage95, Is.EqualTo(0.95).Within(0.02));
        // E[z²] = 1 exactly (exact variance); sd of mean z² ≈ √(2/4000) = 0.022: allow 0.1 on rms z.
        Assert.That(d.RmsZ, Is.EqualTo(1).Within(0.1));
        Assert.That(d.MeanAbsZ, Is.EqualTo(Math.Sqrt(2 / Math.PI)).Within(0.05));
        Assert.That(d.Count, Is.EqualTo(stages));
        Assert.That(d.ZeroSpreadCount, Is.Zero);
        // Every stage has the same expected change, so the regression of observed on expected is undefined.
        Assert.That(d.Slope, Is.NaN);
        Assert.That(d.RSquared, Is.NaN);
    }

    // An evolving population (Exp3 at the level of exact types): K = 40 members of 6 types with fixed risks, fitness
    // e^{−6R}, Wright–Fisher selection then uniform mutation, 3,000 generations. Each generation's selection stage is
    // compared with its exact conditional law: coverage of the 95% band ≈ 0.95 and rms z ≈ 1 (E[z²] = 1 exactly).
    [Test]
    public void EvolvingPopulation_SelectionDiagnosticsAreCalibrated()
    {
        double[] typeRisk = [2.60, 2.65, 2.72, 2.80, 2.90, 3.05];
        var mutation = MutationKernel.Uniform(typeRisk.Length, 0.3);
        const int k = 40, generations = 3000;
        var rng = new Random(99);
        var types = Enumerable.Range(0, k).Select(_ => rng.Next(typeRisk.Length)).ToArray();
        var stages = new List<SelectionStageStatistics>();
        var observed = new List<double>();
        for (int g = 0; g < generations; g++)
        {
            var risks = types.Select(t => typeRisk[t]).ToArray();
            var fitness = Fitness.Exponential(risks.Select(r => 6 * r).ToArray());
            var parents = WrightFisher.SampleParents(fitness, k, seed: g);
            stages.Add(SelectionStage.Statistics(risks, fitness, k));
            observed.Add(SelectionStage.ObservedChange(risks, parents));
            // Mutation: each child takes its parent's type through Q (uniform, rate 0.3).
            var child = new int[k];
            for (int m = 0; m < k; m++)
            {
                int t = types[parents[m]];
                double u = rng.NextDouble(), c = 0;
                int j = 0;
                for (; j < typeRisk.Length - 1; j++)
                {
                    c += mutation[t, j];
                    if (u < c) break;
                }
                child[m] = j;
            }
            types = child;
        }
        var d = SelectionStage.Diagnose(stages, observed.ToArray());
        Assert.That(d.ZeroSpreadCount, Is.Zero);
        // Binomial sd of the coverage √(.95·.05/3000) = 0.004; with the normal approximation of a mean of 40 discrete draws,
        // allow 0.02.
        Assert.That(d.Coverage95, Is.EqualTo(0.95).Within(0.02));
        Assert.That(d.RmsZ, Is.EqualTo(1).Within(0.1));
        // Selection lowers mean risk, and observed changes regress on expected ones with slope ≈ 1 (standard error
        // ≈ √((1 − R²)/(R² n)) ≈ 0.012 here, R² ≈ 0.7; allow 0.1) and intercept ≈ 0.
        Assert.That(d.MeanObservedChange, Is.LessThan(0));
        Assert.That(d.Slope, Is.EqualTo(1).Within(0.1));
        Assert.That(d.Intercept, Is.EqualTo(0).Within(0.01));
    }

    [Test]
    public void Diagnose_HandMadeStages()
    {
        // Stage i: expected eᵢ, sd 1; observed = eᵢ + zᵢ with z = (0, 1, −2.5, 0.5): coverage 3/4, |z| ≤ 2: 3/4.
        double[] e = [-0.1, -0.2, -0.3, -0.4];
        double[] z = [0, 1, -2.5, 0.5];
        var stages = e.Select(v => new SelectionStageStatistics(0, 1, 0, v, v, 1, 10)).ToArray();
        var obs = e.Zip(z, (a, b) => a + b).ToArray();
        var d = SelectionStage.Diagnose(stages, obs);
        Assert.That(d.Coverage95, Is.EqualTo(0.75));
        Assert.That(d.FractionWithinTwo, Is.EqualTo(0.75));
        Assert.That(d.RmsZ, Is.EqualTo(Math.Sqrt((0 + 1 + 6.25 + 0.25) / 4)).Within(1e-14));
        Assert.That(d.MeanAbsZ, Is.EqualTo(4.0 / 4).Within(1e-14));
        Assert.That(d.MeanObservedChange, Is.EqualTo(obs.Average()).Within(1e-15));
        // Exact linear data: slope 2, intercept 0.01, R² 1, residual RMSE 0.
        var lin = SelectionStage.Diagnose(stages, e.Select(v => (2 * v) + 0.01).ToArray());
        Assert.That(lin.Slope, Is.EqualTo(2).Within(1e-12));
        Assert.That(lin.Intercept, Is.EqualTo(0.01).Within(1e-12));
        Assert.That(lin.RSquared, Is.EqualTo(1).Within(1e-12));
        Assert.That(lin.Rmse, Is.EqualTo(0).Within(1e-12));
        Assert.That(lin.SignMatch, Is.EqualTo(1));
    }

    [Test]
    public void ZeroSpread_HasNoZScore()
    {
        var s = SelectionStage.Statistics([2, 2, 2], [0.1, 0.2, 0.3], 3);
        Assert.That(s.StandardDeviation, Is.Zero);
        Assert.That(s.ExpectedChange, Is.EqualTo(0).Within(1e-15));
        Assert.That(s.HasSpread, Is.False);
        Assert.Throws<InvalidOperationException>(() => s.ZScore(0));
        var d = SelectionStage.Diagnose([s], [0.0]);
        Assert.That(d.ZeroSpreadCount, Is.EqualTo(1));
        Assert.That(d.Coverage95, Is.EqualTo(1));
    }

    [Test]
    public void ObservedChange_MeanOfParentsMinusMean()
    {
        Assert.That(SelectionStage.ObservedChange([1, 2, 3], [0, 0, 1]), Is.EqualTo((4.0 / 3) - 2).Within(1e-15));
        var ex = Assert.Throws<ArgumentException>(() => SelectionStage.ObservedChange([1, 2, 3], [0, 3]));
        Assert.That(ex!.Message, Does.Contain("Parent 1 has index 3"));
    }
}
