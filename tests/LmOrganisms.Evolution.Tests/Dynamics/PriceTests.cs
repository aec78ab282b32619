using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class PriceTests
{
    // Spec §4.10: linear fitness W = 4 − R, uniform x over R = (1,2,3) ⇒ ΔR̄_sel = −Var/W̄ = −1/3.
    [Test]
    public void SpecVector_LinearFitnessSelectionTerm()
    {
        double[] r = [1, 2, 3];
        double[] w = [3, 2, 1];
        Assert.That(Price.SelectionTerm(w, r), Is.EqualTo(-1.0 / 3).Within(1e-15));
        var d = Price.Decompose(w, r, r);
        Assert.That(d.Selection, Is.EqualTo(-1.0 / 3).Within(1e-15));
        Assert.That(d.Transmission, Is.EqualTo(0).Within(1e-15));
        Assert.That(d.Change, Is.EqualTo(-1.0 / 3).Within(1e-15));
        Assert.That(d.MeanFitness, Is.EqualTo(2).Within(1e-15));
    }

    // Price identity w̄ Δz̄ = Cov_x(w,z) + E_x[w δz] holds exactly on random populations; Δz̄ is computed directly.
    [Test]
    public void Identity_HoldsOnRandomPopulations()
    {
        var rng = new Random(21);
        double worst = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            int n = 1 + rng.Next(12);
            var x = RandomPopulations.Simplex(rng, n);
            var w = RandomPopulations.Uniform(rng, n, 0, 5);
            var z = RandomPopulations.Uniform(rng, n, -3, 3);
            var z1 = RandomPopulations.Uniform(rng, n, -3, 3);
            var d = Price.Decompose(x, w, z, z1);
            worst = Math.Max(worst, Math.Abs(d.Change - (d.Selection + d.Transmission)));
            // Independent forms: selection = E_p[z] − z̄ with p ∝ x w; transmission = E_p[z' − z].
            double s = 0, ez = 0, ed = 0, zBar = 0;
            for (int i = 0; i < n; i++) { s += x[i] * w[i]; zBar += x[i] * z[i]; }
            for (int i = 0; i < n; i++) { ez += x[i] * w[i] / s * z[i]; ed += x[i] * w[i] / s * (z1[i] - z[i]); }
            Assert.That(d.Selection, Is.EqualTo(ez - zBar).Within(1e-12));
            Assert.That(d.Transmission, Is.EqualTo(ed).Within(1e-12));
            Assert.That(d.MeanTrait, Is.EqualTo(zBar).Within(1e-14));
        }
        Assert.That(worst, Is.LessThan(1e-13));
    }

    // Spec §1.12: linear fitness W = T C − T R ⇒ ΔR̄ = −T Var_x(R)/W̄ + E_x[W δR]/W̄.
    [Test]
    public void LinearFitness_ClosedForm()
    {
        var rng = new Random(8);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = 2 + rng.Next(8);
            var x = RandomPopulations.Simplex(rng, n);
            var r = RandomPopulations.Uniform(rng, n, 0, 2);
            var dr = RandomPopulations.Uniform(rng, n, -0.2, 0.2);
            double t = 0.5 + (2 * rng.NextDouble()), c = 3;
            var w = r.Select(ri => t * (c - ri)).ToArray();
            var offspring = r.Zip(dr, (a, b) => a + b).ToArray();
            double rBar = 0, wBar = 0, var = 0, ewd = 0;
            for (int i = 0; i < n; i++) { rBar += x[i] * r[i]; wBar += x[i] * w[i]; }
            for (int i = 0; i < n; i++) { var += x[i] * (r[i] - rBar) * (r[i] - rBar); ewd += x[i] * w[i] * dr[i]; }
            var d = Price.Decompose(x, w, r, offspring);
            Assert.That(d.Selection, Is.EqualTo(-t * var / wBar).Within(1e-12));
            Assert.That(d.Change, Is.EqualTo((-t * var / wBar) + (ewd / wBar)).Within(1e-12));
        }
    }

    // Realised Price equation of one Wright–Fisher draw: with wᵢ = offspring count of member i (uniform x) and unchanged
    // offspring traits, the selection term is exactly the observed selection-stage change R̄_sel − R̄.
    [Test]
    public void RealisedSelectionTerm_EqualsObservedChange()
    {
        var rng = new Random(31);
        for (int trial = 0; trial < 50; trial++)
        {
            int k = 3 + rng.Next(20);
            var r = RandomPopulations.Uniform(rng, k, 2, 4);
            var fitness = Fitness.Exponential(r);
            var parents = WrightFisher.SampleParents(fitness, k, seed: trial);
            var counts = WrightFisher.SampleCounts(fitness, k, seed: trial).Select(c => (double)c).ToArray();
            var d = Price.Decompose(counts, r, r);
            Assert.That(d.Selection, Is.EqualTo(SelectionStage.ObservedChange(r, parents)).Within(1e-12));
            Assert.That(d.Transmission, Is.Zero);
        }
    }

    // Replicator–mutator and Price agree: for a type-level trait z, the mean-field change Σⱼ x'ⱼ zⱼ − z̄ (x' = one
    // replicator–mutator step) equals selection + transmission with offspring trait z'ᵢ = Σⱼ Qᵢⱼ zⱼ.
    [Test]
    public void ReplicatorMutatorChange_EqualsPriceDecomposition()
    {
        var rng = new Random(17);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = 2 + rng.Next(7);
            var x = RandomPopulations.Simplex(rng, n);
            var w = RandomPopulations.Uniform(rng, n, 0.1, 2);
            var z = RandomPopulations.Uniform(rng, n, -1, 1);
            var q = MutationKernel.FromRows(RandomPopulations.StochasticRows(rng, n));
            var next = ReplicatorMutator.Step(x, w, q);
            var offspring = new double[n];
            double zNext = 0, zBar = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) offspring[i] += q[i, j] * z[j];
                zNext += next[i] * z[i];
                zBar += x[i] * z[i];
            }
            var d = Price.Decompose(x, w, z, offspring);
            Assert.That(d.Change, Is.EqualTo(zNext - zBar).Within(1e-13));
            Assert.That(d.Selection + d.Transmission, Is.EqualTo(zNext - zBar).Within(1e-13));
        }
    }

    [Test]
    public void BadInputs_NameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => Price.Decompose([0.5, 0.5], [1, 1], [1, double.NaN], [1, 1]));
        Assert.That(ex!.Message, Does.Contain("Entry 1 of the traits is NaN"));
        var ex2 = Assert.Throws<ArgumentException>(() => Price.SelectionTerm([0, 0], [1, 2]));
        Assert.That(ex2!.Message, Does.Contain("mean fitness is 0"));
    }
}
