using LmOrganisms.Populations;
using LmOrganisms.Evolution;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using static LmOrganisms.Tests.TinyPopulation;

namespace LmOrganisms.Tests;

public sealed class PopulationTests
{
    [Test]
    public void RecordsAreComplete()
    {
        var options = Options(size: 3, generations: 2);
        var run = Population.Run(options, Recipe, Risk, partition: m => new SeparationSummary(1, 2));
        Assert.That(run.InitialMembers, Has.Count.EqualTo(3));
        Assert.That(run.Generations, Has.Count.EqualTo(2));
        Assert.That(run.Members, Has.Count.EqualTo(3));
        Assert.That(run.InitialMembers.Select(m => m.Id), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(run.InitialMembers.All(m => m.ParentId is null && m.Generation == 0));
        Assert.That(run.InitialMembers.Select(m => m.Trait), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }));
        var previous = run.InitialMembers;
        foreach (var g in run.Generations)
        {
            Assert.That(g.Members, Has.Count.EqualTo(3));
            Assert.That(g.ParentIndices, Has.Count.EqualTo(3));
            for (int i = 0; i < 3; i++)
            {
                var m = g.Members[i];
                Assert.That(m.Id, Is.EqualTo((g.Generation * 3) + i));
                Assert.That(m.Generation, Is.EqualTo(g.Generation));
                Assert.That(m.ParentId, Is.EqualTo(previous[g.ParentIndices[i]].Id));
                Assert.That(m.ParentTrait, Is.EqualTo(previous[g.ParentIndices[i]].Trait));
                Assert.That(m.Trait, Is.InRange(0.0, 1.0));
                Assert.That(m.Fitness, Is.EqualTo(Math.Exp(-m.Risk)));
                Assert.That(m.Risk, Is.GreaterThan(0).And.LessThan(3));
                Assert.That(m.Partition, Is.EqualTo(new SeparationSummary(1, 2)));
            }
            Assert.That(g.MeanRisk, Is.EqualTo(g.Members.Average(m => m.Risk)).Within(1e-15));
            Assert.That(g.MeanTrait, Is.EqualTo(g.Members.Average(m => m.Trait)).Within(1e-15));
            Assert.That(g.PreviousMeanTrait, Is.EqualTo(previous.Average(m => m.Trait)).Within(1e-15));
            Assert.That(g.SelectedMeanTrait, Is.EqualTo(g.ParentIndices.Average(i => previous[i].Trait)).Within(1e-15));
            Assert.That(g.MeanClasses, Is.EqualTo(2.0));
            Assert.That(g.MeanSeparatedPairs, Is.EqualTo(1.0));
            Assert.That(new[] { g.SelectionChange, g.DevelopmentChange, g.MutationChange, g.ExpectedSelectionChange, g.SelectionStandardDeviation }.All(double.IsFinite));
            previous = g.Members;
        }
        Assert.That(run.Members.Select(m => m.Id), Is.EqualTo(run.Generations[^1].Members.Select(m => m.Id)));
        Assert.That(run.MeanRisks, Has.Count.EqualTo(3));
        Assert.That(run.SelectionDiagnostics().Count, Is.EqualTo(2));
    }

    [Test]
    public void SameSeedGivesTheSameRunBitForBit()
    {
        var a = Population.Run(Options(), Recipe, Risk);
        var b = Population.Run(Options(), Recipe, Risk);
        AssertSameRun(a, b);
        var c = Population.Run(Options() with { Seed = 12 }, Recipe, Risk);
        Assert.That(RecordsJson(c), Is.Not.EqualTo(RecordsJson(a)));
    }

    [Test]
    public void ParallelEqualsSerial()
    {
        var serial = Population.Run(Options(size: 4) with { MaxParallelism = 1 }, Recipe, Risk);
        var parallel = Population.Run(Options(size: 4) with { MaxParallelism = 2 }, Recipe, Risk);
        AssertSameRun(parallel, serial);
    }

    [Test]
    public void InheritedOptimizerStateIsDeterministicAndParallelEqualsSerial()
    {
        var options = Options(size: 3) with { ResetOptimizer = false };
        var serial = Population.Run(options, Recipe, Risk);
        var parallel = Population.Run(options with { MaxParallelism = 2 }, Recipe, Risk);
        AssertSameRun(parallel, serial);
        var reset = Population.Run(options with { ResetOptimizer = true }, Recipe, Risk);
        Assert.That(reset.InitialMembers.Select(m => m.Risk), Is.EqualTo(serial.InitialMembers.Select(m => m.Risk)), "initial training does not depend on the flag");
        Assert.That(reset.Generations[0].MeanRiskAfterDevelopment, Is.Not.EqualTo(serial.Generations[0].MeanRiskAfterDevelopment), "inherited moments change development");
    }

    [Test]
    public void StageChangesTelescopeToTheChangeOfTheMeanRisk([Values] bool resetOptimizer)
    {
        var run = Population.Run(Options(size: 3, generations: 3) with { ResetOptimizer = resetOptimizer }, Recipe, Risk);
        double previousMean = run.InitialMembers.Average(m => m.Risk);
        foreach (var g in run.Generations)
        {
            Assert.That(g.PreviousMeanRisk, Is.EqualTo(previousMean).Within(1e-15));
            // Heredity copies exactly, so the measured copies have their parents' risks bit for bit.
            Assert.That(g.MeanRiskBeforeDevelopment, Is.EqualTo(g.SelectedMeanRisk).Within(1e-15));
            Assert.That(g.SelectionChange + g.DevelopmentChange + g.MutationChange, Is.EqualTo(g.MeanRisk - g.PreviousMeanRisk).Within(1e-12));
            Assert.That(g.DevelopmentChange, Is.EqualTo(g.MeanRiskAfterDevelopment - g.MeanRiskBeforeDevelopment).Within(1e-15));
            Assert.That(g.MutationChange, Is.EqualTo(g.MeanRisk - g.MeanRiskAfterDevelopment).Within(1e-15));
            previousMean = g.MeanRisk;
        }
    }

    [Test]
    public void SelectionStageNumbersEqualSelectionStageOnTheRecordedRisks()
    {
        var options = Options(size: 4, generations: 2);
        var run = Population.Run(options, Recipe, Risk);
        var previous = run.InitialMembers;
        foreach (var g in run.Generations)
        {
            var risks = previous.Select(m => m.Risk).ToArray();
            var fitness = previous.Select(m => Math.Exp(-m.Risk)).ToArray();
            var expected = SelectionStage.Statistics(risks, fitness, 4);
            Assert.That(g.Selection, Is.EqualTo(expected));
            Assert.That(g.ExpectedSelectionChange, Is.EqualTo(expected.ExpectedChange));
            Assert.That(g.SelectionStandardDeviation, Is.EqualTo(expected.StandardDeviation));
            var parents = WrightFisher.SampleParents(fitness, 4, PopulationSeeds.Derive(options.Seed, PopulationSeeds.Selection, g.Generation, 0));
            Assert.That(g.ParentIndices, Is.EqualTo(parents));
            Assert.That(g.SelectionChange, Is.EqualTo(SelectionStage.ObservedChange(risks, parents)));
            Assert.That(g.SelectionChange, Is.EqualTo(g.SelectedMeanRisk - g.PreviousMeanRisk).Within(1e-14));
            Assert.That(g.ZScore, Is.EqualTo((g.SelectionChange - expected.ExpectedChange) / expected.StandardDeviation).Within(1e-12));
            // Independent closed form of the expected change: E_p[R] − R̄ with p ∝ w.
            double eP = risks.Select((r, i) => r * fitness[i]).Sum() / fitness.Sum();
            Assert.That(g.ExpectedSelectionChange, Is.EqualTo(eP - risks.Average()).Within(1e-14));
            previous = g.Members;
        }
    }

    [Test]
    public void HeredityCopiesWeightsExactlyWithoutDevelopmentAndNoise()
    {
        var options = Options(size: 3, generations: 1) with
        {
            Development = Options().Development with { Steps = 0 },
            WeightNoise = 0,
            TraitNoise = 0,
        };
        var run = Population.Run(options, Recipe, Risk);
        var g = run.Generations[0];
        for (int i = 0; i < 3; i++)
        {
            var parent = run.InitialMembers[g.ParentIndices[i]];
            var child = g.Members[i];
            Assert.That(child.Trait, Is.EqualTo(parent.Trait));
            Assert.That(child.Risk, Is.EqualTo(parent.Risk));
            Assert.That(child.RiskBeforeDevelopment, Is.EqualTo(parent.Risk));
        }
        Assert.That(g.DevelopmentChange, Is.EqualTo(0.0));
        Assert.That(g.MutationChange, Is.EqualTo(0.0));
        // The weights themselves: rerun generation 0 only and compare parent and child tensors.
        var initial = Population.Run(options with { Generations = 0 }, Recipe, Risk);
        for (int i = 0; i < 3; i++)
        {
            using var parentModel = initial.Members[g.ParentIndices[i]].ToTransformer();
            using var childModel = run.Members[i].ToTransformer();
            Assert.That(Weights(childModel), Is.EqualTo(Weights(parentModel)), $"member {i}");
        }
    }

    [Test]
    public void TraitsStayInTheClampRange()
    {
        var options = Options(size: 4, generations: 2) with { TraitNoise = 5, TraitClamp = new TraitRange(0.2, 0.7), InitialTraits = [0.2, 0.3, 0.6, 0.7] };
        var run = Population.Run(options, Recipe, Risk);
        var traits = run.Generations.SelectMany(g => g.Members).Select(m => m.Trait).ToArray();
        Assert.That(traits, Has.All.InRange(0.2, 0.7));
        Assert.That(traits.Count(t => t == 0.2 || t == 0.7), Is.GreaterThan(traits.Length / 2), "σ = 5 pushes most traits to an end");
    }

    [Test]
    public void ResumedRunEqualsUninterruptedRun()
    {
        string? state = null;
        var (uninterrupted, resumed) = InterruptAndResume(Options(size: 3, generations: 3),
            p => p.Stage == PopulationStage.GenerationSaved && p.Generation == 1,
            dir =>
            {
                state = dir;
                Assert.That(File.Exists(Path.Combine(dir, "population.json")));
                Assert.That(Directory.GetFiles(Path.Combine(dir, "members")).Select(Path.GetFileName).Order(),
                    Is.EqualTo(new[] { "3.safetensors", "4.safetensors", "5.safetensors" }), "only generation 1 is kept");
            },
            resumeParallelism: 2);
        AssertSameRun(resumed, uninterrupted);
        Assert.That(resumed.Options.StateDirectory, Is.EqualTo(state));
    }

    [Test]
    public void ResumingAFinishedRunReturnsItUnchanged()
    {
        var dir = TempDirectory();
        try
        {
            var run = Population.Run(Options(size: 3, generations: 1) with { StateDirectory = dir }, Recipe, Risk);
            AssertSameRun(Population.Resume(dir, Recipe, Risk), run);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void MemberTaskRoundTripsThroughJsonAndGivesTheSameResult()
    {
        var task = new MemberTask(5, 2, 1, 0.25, Config, 3, null, Options().InitialTraining with { Seed = 4 }, true, 0.01, 9, 0.1, 10, TraitRange.Unit);
        var json = System.Text.Json.JsonSerializer.Serialize(task);
        var copy = System.Text.Json.JsonSerializer.Deserialize<MemberTask>(json)!;
        var a = MemberStep.Run(task, Recipe, Risk);
        var b = MemberStep.Run(copy, Recipe, Risk);
        Assert.That(b.State, Is.EqualTo(a.State));
        Assert.That((b.Risk, b.RiskAfterDevelopment, b.RiskBeforeDevelopment, b.Trait), Is.EqualTo((a.Risk, a.RiskAfterDevelopment, a.RiskBeforeDevelopment, a.Trait)));
        var resultJson = System.Text.Json.JsonSerializer.Serialize(a);
        var result = System.Text.Json.JsonSerializer.Deserialize<MemberResult>(resultJson)!;
        Assert.That(result.State, Is.EqualTo(a.State));
        Assert.That(result.Risk, Is.EqualTo(a.Risk));
        // A child of the result, developed from the deserialised state, is the same as from the original.
        var child = task with { Id = 6, ParentId = 5, ParentState = a.State, Training = Options().Development with { Seed = 8 } };
        Assert.That(MemberStep.Run(child with { ParentState = result.State }, Recipe, Risk).State, Is.EqualTo(MemberStep.Run(child, Recipe, Risk).State));
    }

    [Test]
    public void BadOptionsGiveClearMessages()
    {
        ArgumentException Bad(PopulationOptions o) => Assert.Throws<ArgumentException>(() => Population.Run(o, Recipe, Risk))!;
        Assert.That(Bad(Options() with { Size = 0 }).Message, Does.Contain("PopulationOptions.Size is 0"));
        Assert.That(Bad(Options() with { Generations = -1 }).Message, Does.Contain("PopulationOptions.Generations is -1"));
        Assert.That(Bad(Options() with { WeightNoise = -0.1 }).Message, Does.Contain("PopulationOptions.WeightNoise is -0.1"));
        Assert.That(Bad(Options() with { TraitNoise = double.NaN }).Message, Does.Contain("PopulationOptions.TraitNoise is NaN"));
        Assert.That(Bad(Options() with { TraitClamp = new TraitRange(1, 0) }).Message, Does.Contain("PopulationOptions.TraitClamp is [1, 0]"));
        Assert.That(Bad(Options() with { InitialTraits = [0.1, 0.2] }).Message, Does.Contain("has 2 traits; expected one per member (Size = 3)"));
        Assert.That(Bad(Options() with { InitialTraits = [0.1, 1.5, 0.2] }).Message, Does.Contain("entry 1 is 1.5, outside TraitClamp [0, 1]"));
        Assert.That(Bad(Options() with { SelectionStrength = 0 }).Message, Does.Contain("PopulationOptions.SelectionStrength is 0"));
        Assert.That(Bad(Options() with { MaxParallelism = 0 }).Message, Does.Contain("PopulationOptions.MaxParallelism is 0"));
        Assert.That(Bad(Options() with { ResetOptimizer = false, Development = Options().Development with { Schedule = LearningRateSchedule.LinearDecay } }).Message,
            Does.Contain("needs a constant development schedule"));
        Assert.That(Bad(Options() with { Development = Options().Development with { BatchSize = 0 } }).Message, Does.Contain("TrainingOptions.BatchSize"));
        var empty = TempDirectory();
        try
        {
            var e = Assert.Throws<ArgumentException>(() => Population.Resume(empty, Recipe, Risk))!;
            Assert.That(e.Message, Does.Contain("holds no population.json"));
            Population.Run(Options(generations: 0) with { StateDirectory = empty }, Recipe, Risk);
            Assert.That(Bad(Options() with { StateDirectory = empty }).Message, Does.Contain("already holds a population run"));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Test]
    public void InitialWorldsOfTheRecipeTrainGenerationZero()
    {
        var options = Options(size: 3, generations: 0);
        var a = Population.Run(options, new OrganismRecipe(Recipe, (i, alpha) => Recipe(1.0)), Risk);
        var b = Population.Run(options with { InitialTraits = [1.0, 1.0, 1.0] }, Recipe, Risk);
        Assert.That(a.InitialMembers.Select(m => m.Risk), Is.EqualTo(b.InitialMembers.Select(m => m.Risk)));
        Assert.That(a.InitialMembers.Select(m => m.Trait), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }));
        var c = Population.Run(options, Recipe, Risk);
        Assert.That(c.InitialMembers[0].Risk, Is.Not.EqualTo(a.InitialMembers[0].Risk));
    }

    [Test]
    public void ContinuingAnInMemoryRunEqualsRunningLongerFromTheStart()
    {
        var options = Options(size: 3, generations: 3);
        var whole = Population.Run(options, Recipe, Risk);
        var first = Population.Run(options with { Generations = 1 }, Recipe, Risk);
        var continued = Population.Continue(first, 3, Recipe, Risk, maxParallelism: 2);
        Assert.That(RecordsJson(continued), Is.EqualTo(RecordsJson(whole)));
        Assert.That(continued.Members.Select(m => m.State), Is.EqualTo(whole.Members.Select(m => m.State)));
        Assert.That(continued.Options.Generations, Is.EqualTo(3));
        Assert.That(Assert.Throws<ArgumentException>(() => Population.Continue(whole, 2, Recipe, Risk))!.Message,
            Does.Contain("already has 3 generations; cannot continue it to 2"));
    }

    [Test]
    public void ProgressReportsEveryMemberStageAndEverySavedGeneration()
    {
        var reports = new List<PopulationProgress>();
        var progress = new SyncProgress<PopulationProgress>(p => { lock (reports) reports.Add(p); });
        Population.Run(Options(size: 3, generations: 2) with { MaxParallelism = 2 }, Recipe, Risk, progress);
        Assert.That(reports.Where(p => p.Stage == PopulationStage.GenerationSaved).Select(p => p.Generation), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(reports.Count(p => p.Stage == PopulationStage.InitialTraining), Is.EqualTo(3));
        Assert.That(reports.Count(p => p.Stage == PopulationStage.Development), Is.EqualTo(6));
        Assert.That(reports.Count(p => p.Stage == PopulationStage.Mutation), Is.EqualTo(9));
        var done = reports.Where(p => p.Stage == PopulationStage.Done).ToArray();
        Assert.That(done, Has.Length.EqualTo(9));
        foreach (var g in new[] { 0, 1, 2 })
            Assert.That(done.Where(p => p.Generation == g).Select(p => p.CompletedMembers).Order(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(reports.All(p => p.Size == 3 && p.Generations == 2));
    }

    [Test]
    public void CancellingDuringDevelopmentKeepsTheLastCompleteGenerationAndResumesExactly()
    {
        var (uninterrupted, resumed) = InterruptAndResume(Options(size: 3, generations: 2) with { MaxParallelism = 2 },
            p => p.Stage == PopulationStage.Development && p.Generation == 2,
            dir => Assert.That(File.ReadAllText(Path.Combine(dir, "population.json")), Does.Contain("\"CompletedGenerations\": 1")));
        AssertSameRun(resumed, uninterrupted);
    }

    [Test]
    public void InducedPartitionsOfMembersAreRecordedAsMeasuredDirectly()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 1);
        var induced = new InducedPartitionAnalysis { Behaviour = new WorldBehaviour { Warmups = 8, WarmupLength = 4, Seed = 1 }, Threshold = 0.002 };
        var partition = PopulationPartitions.Induced(Worlds, ecology, induced);
        var run = Population.Run(Options(size: 3, generations: 1) with { MaxParallelism = 2 }, Recipe, Risk, partition: partition);
        var last = run.Generations[0];
        for (int i = 0; i < 3; i++)
        {
            using var model = run.Members[i].ToTransformer();
            var direct = induced.Fit(model.AsSequenceModel(), Worlds, ecology);
            Assert.That(last.Members[i].Partition, Is.EqualTo(new SeparationSummary(direct.SeparatedPairs, direct.Classes)));
            Assert.That(direct.Classes, Is.InRange(1, 2));
            Assert.That(direct.SeparatedPairs, Is.EqualTo(direct.Classes - 1), "two worlds: s = 1 exactly when k = 2");
        }
        Assert.That(last.MeanClasses, Is.EqualTo(last.Members.Average(m => m.Partition!.Classes)));
    }
}
