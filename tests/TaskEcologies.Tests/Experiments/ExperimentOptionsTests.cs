using System.Text.Json;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class ExperimentOptionsTests
{
    private static IEnumerable<TestCaseData> Presets()
    {
        yield return new TestCaseData(DecompositionOptions.Quick, DecompositionOptions.Full).SetArgDisplayNames("Decomposition");
        yield return new TestCaseData(StaticOptimalityOptions.Quick, StaticOptimalityOptions.Full).SetArgDisplayNames("StaticOptimality");
        yield return new TestCaseData(SimplicityPressureOptions.Quick, SimplicityPressureOptions.Full).SetArgDisplayNames("SimplicityPressure");
        yield return new TestCaseData(SelectionOptions.Quick, SelectionOptions.Full).SetArgDisplayNames("Selection");
        yield return new TestCaseData(OffEcologyOptions.Quick, OffEcologyOptions.Full).SetArgDisplayNames("OffEcology");
        yield return new TestCaseData(RescueOptions.Quick, RescueOptions.Full).SetArgDisplayNames("Rescue");
    }

    [TestCaseSource(nameof(Presets))]
    public void QuickAndFullPresetsAreValid(object quick, object full)
    {
        Assert.DoesNotThrow(((ExperimentOptions)quick).Validate);
        Assert.DoesNotThrow(((ExperimentOptions)full).Validate);
    }

    /// <summary>The options section of every report.json has exactly the keys it had before the options shared a base:
    /// an option added to a base would appear in the reports of experiments that do not use it.</summary>
    [Test]
    public void EveryReportWritesExactlyItsOwnOptions()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Keys(DecompositionOptions.Quick), Is.EquivalentTo(new[]
                { "EcologyCount", "Worlds", "Contexts", "Vocabulary", "SplitBetas", "OptimumBetas", "Seed", "ProcessWorlds", "ProcessContextLength" }));
            Assert.That(Keys(StaticOptimalityOptions.Quick), Is.EquivalentTo(new[]
            {
                "WorldCounts", "Seeds", "Seed", "Steps", "BatchSize", "LearningRate", "DModel", "ModelContext", "ContextLength", "WarmupLength",
                "Warmups", "Threshold", "CorpusSummary", "PrefixLengths",
            }));
            Assert.That(Keys(SimplicityPressureOptions.Quick), Is.EquivalentTo(new[]
            {
                "WorldCount", "Capacities", "Seeds", "Seed", "Steps", "BatchSize", "LearningRate", "ModelContext", "ContextLength", "WarmupLength",
                "Warmups", "Threshold",
            }));
            Assert.That(Keys(SelectionOptions.Quick), Is.EquivalentTo(new[]
            {
                "Worlds", "Size", "Generations", "RunSeeds", "Context", "InitialSteps", "DevelopmentSteps", "BatchSize", "WeightNoise",
                "HeldOutSequences", "WarmupLength", "Warmups", "PartitionContextLength", "MaxParallelism",
            }));
            Assert.That(Keys(OffEcologyOptions.Quick), Is.EquivalentTo(new[]
                { "Models", "Steps", "BatchSize", "LearningRate", "Context", "TrainingContextLength", "Seed" }));
            Assert.That(Keys(RescueOptions.Quick), Is.EquivalentTo(new[]
            {
                "BodyLength", "BaseSteps", "PostSteps", "Alphas", "BatchSize", "BaseLearningRate", "PostLearningRate", "PopulationSize",
                "Generations", "PopulationSteps", "TraitNoise", "Epsilon", "CalibrationSequences", "Pair", "EchoNoise", "TwinX", "Seed",
            }));
        });
    }

    [Test]
    public void SharedDefaultsAreOverriddenOnlyWhereAnExperimentDiffers()
    {
        Assert.That((StaticOptimalityOptions.Quick.Seeds, SimplicityPressureOptions.Quick.Seeds), Is.EqualTo((2, 1)));
        // An object initialiser runs the constructor first, so the experiment's own default survives other settings.
        Assert.That(new StaticOptimalityOptions { Steps = 5 }.Seeds, Is.EqualTo(2));
        Assert.That(StaticOptimalityOptions.Full.Seeds, Is.EqualTo(5));
        Assert.That((StaticOptimalityOptions.Quick.Steps, SimplicityPressureOptions.Quick.Steps, OffEcologyOptions.Quick.Steps), Is.EqualTo((1000, 1000, 1500)));
    }

    [Test]
    public void ASharedRuleNamesTheRecordTheOptionAndTheValue()
    {
        var e = Assert.Throws<ArgumentException>((StaticOptimalityOptions.Quick with { Steps = 0 }).Validate);
        Assert.That(e!.Message, Does.StartWith("StaticOptimalityOptions.Steps must be at least 1; got 0."));
        Assert.That(e.ParamName, Is.EqualTo("Steps"));
        e = Assert.Throws<ArgumentException>((SimplicityPressureOptions.Quick with { Steps = 0 }).Validate);
        Assert.That(e!.Message, Does.StartWith("SimplicityPressureOptions.Steps must be at least 1; got 0."));
        e = Assert.Throws<ArgumentException>((OffEcologyOptions.Quick with { LearningRate = double.NaN }).Validate);
        Assert.That(e!.Message, Does.StartWith("OffEcologyOptions.LearningRate must be a finite positive learning rate; got NaN."));
        e = Assert.Throws<ArgumentException>((SelectionOptions.Quick with { WarmupLength = 7 }).Validate);
        Assert.That(e!.Message, Does.StartWith("SelectionOptions.Context must hold WarmupLength + PartitionContextLength (7 + 2); got 8."));
        e = Assert.Throws<ArgumentException>((RescueOptions.Quick with { Alphas = [0, 0.5] }).Validate);
        Assert.That(e!.Message, Does.StartWith("RescueOptions.Alphas must be weights in [0, 1] including 0 and 1").And.Contain("got 0, 0.5."));
        e = Assert.Throws<ArgumentException>((SimplicityPressureOptions.Quick with { ContextLength = 0 }).Validate);
        Assert.That(e!.Message, Does.StartWith("SimplicityPressureOptions.ContextLength must be at least 1; got 0."));
        Assert.DoesNotThrow((StaticOptimalityOptions.Quick with { ContextLength = 0 }).Validate);
    }

    private static string[] Keys<T>(T options)
    {
        using var json = JsonDocument.Parse(ExperimentReport.ToJson(options));
        return json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }
}
