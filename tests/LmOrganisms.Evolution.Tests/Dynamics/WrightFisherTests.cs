using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class WrightFisherTests
{
    [Test]
    public void SampleParents_IsReproducibleForASeed()
    {
        double[] w = [0.3, 1.2, 0.01, 2.0, 0.5];
        var a = WrightFisher.SampleParents(w, 50, seed: 42);
        var b = WrightFisher.SampleParents(w, 50, seed: 42);
        var c = WrightFisher.SampleParents(w, 50, seed: 43);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(WrightFisher.SampleCounts(w, 50, 42).Sum(), Is.EqualTo(50));
        var counts = WrightFisher.SampleCounts(w, 50, 42);
        for (int i = 0; i < w.Length; i++) Assert.That(counts[i], Is.EqualTo(a.Count(p => p == i)));
    }

    [Test]
    public void SampleParents_FrequenciesMatchFitnessShares()
    {
        double[] w = [1, 0, 3, 4];
        const int n = 200_000;
        var counts = WrightFisher.SampleCounts(w, n, seed: 9);
        Assert.That(counts[1], Is.Zero); // zero fitness is never drawn
        for (int i = 0; i < w.Length; i++)
        {
            double p = w[i] / 8;
            double sd = Math.Sqrt(p * (1 - p) / n);
            Assert.That((double)counts[i] / n, Is.EqualTo(p).Within((5 * sd) + 1e-15));
        }
    }

    // E[offspring counts]/K = replicator–mutator step; the mean over R independent generations has per-type sd at most
    // √(1/(4 K R)); allow 5 sd.
    [Test]
    public void Step_MeanEqualsReplicatorMutatorStep()
    {
        var rng = new Random(4);
        var q = MutationKernel.FromRows(RandomPopulations.StochasticRows(rng, 3));
        double[] w = [0.5, 1.0, 2.0];
        int[] counts = [60, 30, 10];
        const int k = 100, reps = 3000;
        var x = counts.Select(c => (double)c / k).ToArray();
        var expected = ReplicatorMutator.Step(x, w, q);
        var mean = new double[3];
        for (int r = 0; r < reps; r++)
        {
            var next = WrightFisher.Step(counts, w, q, seed: r);
            Assert.That(next.Sum(), Is.EqualTo(k));
            for (int j = 0; j < 3; j++) mean[j] += (double)next[j] / k / reps;
        }
        double tol = 5 * Math.Sqrt(1.0 / (4.0 * k * reps));
        Assert.That(mean, Is.EqualTo(expected).Within(tol));
    }

    // Finite K tracks the mean field on a fixed horizon with O(1/√K) noise (spec §1.12).
    [Test]
    public void Simulate_TracksMeanFieldForLargeK()
    {
        var q = MutationKernel.FromRows([[0.9, 0.1], [0.2, 0.8]]);
        double[] w = [1, 2];
        const int k = 200_000;
        var run = WrightFisher.Simulate([k / 2, k / 2], w, q, generations: 5, seed: 1);
        var mf = ReplicatorMutator.Trajectory([0.5, 0.5], w, q, 5);
        Assert.That(run, Has.Length.EqualTo(6));
        for (int g = 0; g <= 5; g++)
        {
            Assert.That(run[g].Sum(), Is.EqualTo(k));
            // Per-generation sampling sd ≤ 0.5/√K ≈ 0.0011; accumulated over 5 generations stays below 5 × that.
            Assert.That((double)run[g][0] / k, Is.EqualTo(mf[g][0]).Within(5 * 0.5 / Math.Sqrt(k) * Math.Sqrt(5)));
        }
        var again = WrightFisher.Simulate([k / 2, k / 2], w, q, generations: 5, seed: 1);
        Assert.That(again, Is.EqualTo(run));
    }

    [Test]
    public void Simulate_HonoursCancellationAndReportsProgress()
    {
        var q = MutationKernel.Uniform(2, 0.1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => WrightFisher.Simulate([5, 5], [1, 1], q, 3, 0, null, cts.Token));
        var seen = new List<int>();
        WrightFisher.Simulate([5, 5], [1, 1], q, 3, 0, new SyncProgress<int>(seen.Add));
        Assert.That(seen, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Simulate_ExtinctPopulation_Throws()
    {
        // Type 1 (fitness 1) always mutates into type 0 (fitness 0): generation 1 is all type 0 and cannot reproduce.
        var q = MutationKernel.FromRows([[1, 0], [1, 0]]);
        var ex = Assert.Throws<InvalidOperationException>(() => WrightFisher.Simulate([0, 4], [0, 1], q, 2, 0));
        Assert.That(ex!.Message, Does.Contain("Generation 1 has zero total fitness"));
    }

    [Test]
    public void BadInputs_NameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => WrightFisher.SampleParents([0, 0], 3, 1));
        Assert.That(ex!.Message, Does.Contain("total fitness is 0"));
        var ex2 = Assert.Throws<ArgumentException>(() => WrightFisher.Step([3, -1], [1, 1], MutationKernel.Identity(2), 1));
        Assert.That(ex2!.Message, Does.Contain("Entry 1 of the type counts is -1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => WrightFisher.SampleParents([1, 1], 0, 1));
    }
}
