using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

[NonParallelizable]
public sealed class SelectionExperimentTests
{
    private static readonly SelectionOptions Tiny = SelectionOptions.Quick with
    {
        Worlds = ["mess3", "alternating", "iid"], Size = 3, Generations = 2, RunSeeds = [5, 6], Context = 4, InitialSteps = 5, DevelopmentSteps = 2,
        BatchSize = 4, HeldOutSequences = 16, WarmupLength = 3, Warmups = 4, PartitionContextLength = 1, MaxParallelism = 1,
    };

    [Test]
    public void TinyRunRecordsEveryGenerationAndItsDiagnosticsAndIsDeterministic()
    {
        var a = SelectionExperiment.Run(Tiny);
        Assert.That(a.Runs, Has.Count.EqualTo(2));
        foreach (var run in a.Runs)
        {
            Assert.That(run.InitialMembers, Has.Count.EqualTo(3));
            Assert.That(run.InitialWorlds, Has.Count.EqualTo(3));
            Assert.That(run.InitialWorlds, Has.All.AnyOf("mess3", "alternating", "iid"));
            Assert.That(run.Generations, Has.Count.EqualTo(2));
            Assert.That(run.MeanRisks, Has.Count.EqualTo(3));
            Assert.That(run.MeanClasses, Has.Count.EqualTo(3));
            foreach (var g in run.Generations)
            {
                Assert.That(g.Members, Has.Count.EqualTo(3));
                Assert.That(g.Members.Select(m => m.Partition), Has.All.Not.Null);
                Assert.That(g.Members.Select(m => m.Partition!.Classes), Has.All.InRange(1, 3));
                // The stages telescope: Δ_sel + Δ_dev + Δ_mut = R̄' − R̄.
                Assert.That(g.SelectionChange + g.DevelopmentChange + g.MutationChange, Is.EqualTo(g.MeanRisk - g.PreviousMeanRisk).Within(1e-12));
            }
            Assert.That(run.CumulativeSelection, Is.EqualTo(run.Generations.Sum(g => g.SelectionChange)).Within(1e-15));
        }
        var records = a.Runs.SelectMany(r => r.Generations).ToArray();
        var direct = SelectionStage.Diagnose(records.Select(g => g.Selection).ToArray(), records.Select(g => g.SelectionChange).ToArray());
        Assert.That(a.Diagnostics, Is.EqualTo(direct));
        Assert.That(a.ZScores, Has.Count.EqualTo(records.Count(g => g.ZScore is not null)));

        var b = SelectionExperiment.Run(Tiny);
        Assert.That(b.Runs.SelectMany(r => r.MeanRisks), Is.EqualTo(a.Runs.SelectMany(r => r.MeanRisks)));
        Assert.That(b.ZScores, Is.EqualTo(a.ZScores));
    }

    [Test]
    public void BadOptionsAreRejectedWithTheirName()
    {
        var e = Assert.Throws<ArgumentException>(() => SelectionExperiment.Run(Tiny with { Size = 1 }));
        Assert.That(e!.Message, Does.Contain("Size"));
        e = Assert.Throws<ArgumentException>(() => SelectionExperiment.Run(Tiny with { WarmupLength = 4 }));
        Assert.That(e!.Message, Does.Contain("WarmupLength"));
        e = Assert.Throws<ArgumentException>(() => SelectionExperiment.Run(Tiny with { Worlds = ["mess3", "nowhere"] }));
        Assert.That(e!.Message, Does.Contain("nowhere"));
    }
}
