using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class SimplicityPressureExperimentTests
{
    private static readonly SimplicityPressureOptions Tiny = SimplicityPressureOptions.Quick with
    {
        WorldCount = 3,
        Capacities = [new(4, 0), new(8, 1)],
        Steps = 40,
        BatchSize = 8,
        ModelContext = 10,
        WarmupLength = 6,
        Warmups = 16,
    };

    [Test]
    public void RecordsAreCompleteAndConsistentWithTheExactTheory()
    {
        var r = SimplicityPressureExperiment.Run(Tiny);
        Assert.That(r.Worlds, Is.EqualTo(new[] { "mess3", "alternating", "iid" }));
        Assert.That(r.PairThresholds, Has.Count.EqualTo(3));
        for (int k = 1; k < 3; k++) Assert.That(r.PairThresholds[k].BetaStar, Is.GreaterThanOrEqualTo(r.PairThresholds[k - 1].BetaStar));
        Assert.That(r.Path.Transitions[^1].Classes, Is.EqualTo(1));
        Assert.That(r.Runs, Has.Count.EqualTo(2));
        Assert.That(r.MergeFrequency, Has.Count.EqualTo(3));
        foreach (var f in r.MergeFrequency) Assert.That(f, Is.InRange(0.0, 1.0));
        foreach (var run in r.Runs)
        {
            Assert.That(run.Classes, Is.InRange(1, 3));
            Assert.That(run.Labels.Max() + 1, Is.EqualTo(run.Classes));
            int mergedPairs = Enumerable.Range(0, 3).Sum(i => Enumerable.Range(i + 1, 2 - i).Count(j => run.Labels[i] == run.Labels[j]));
            Assert.That(run.MergedPairs, Has.Count.EqualTo(mergedPairs));
            Assert.That(run.MatchesPath is null, Is.EqualTo(run.PathPartition is null));
            if (run.DistanceBetaStarCorrelation is { } rho) Assert.That(rho, Is.InRange(-1.0, 1.0));
            Assert.That(run.JsExcess, Is.GreaterThanOrEqualTo(run.CheapestExcess - 1e-12)); // nothing with k cells is cheaper
            Assert.That(run.CheapestExcess, Is.GreaterThanOrEqualTo(-1e-12));
            Assert.That(run.ModelContextLoss, Is.GreaterThan(r.Floor - 1e-9));
        }
        Assert.That(r.Runs[0].Parameters, Is.LessThan(r.Runs[1].Parameters));
    }

    [Test]
    public void DeterministicForASeed()
    {
        var options = Tiny with { Capacities = [new(4, 0.1)] };
        var a = SimplicityPressureExperiment.Run(options).Runs[0];
        var b = SimplicityPressureExperiment.Run(options).Runs[0];
        Assert.That(a.Distances, Is.EqualTo(b.Distances));
        Assert.That((a.Partition, a.TrainingLoss), Is.EqualTo((b.Partition, b.TrainingLoss)));
    }

    [Test]
    public void MergedAreSmallestComparesMergedAgainstSeparatedThresholds()
    {
        PairThreshold[] pairs = [new("a", "b", 0.1, 0.01, 0.01), new("a", "c", 0.2, 0.02, 0.02), new("b", "c", 0.3, 0.03, 0.03)];
        Assert.That(SimplicityPressureExperiment.MergedAreSmallest(pairs, [true, false, false]), Is.True);
        Assert.That(SimplicityPressureExperiment.MergedAreSmallest(pairs, [false, true, false]), Is.False);
        Assert.That(SimplicityPressureExperiment.MergedAreSmallest(pairs, [false, false, false]), Is.True);
        Assert.That(SimplicityPressureExperiment.MergedAreSmallest(pairs, [true, true, true]), Is.True);
    }

    [Test]
    public void BadOptionsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => SimplicityPressureExperiment.Run(Tiny with { Capacities = [new(4, -1)] }));
        Assert.That(e!.Message, Does.Contain("SimplicityPressureOptions.Capacities"));
    }
}
