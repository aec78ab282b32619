using LmOrganisms.Populations;
using System.Text.Json;
using System.Text.Json.Serialization;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Tests;

/// <summary>A tiny population on two Mess3 worlds: 1 layer, d_model 8, a handful of steps.</summary>
internal static class TinyPopulation
{
    public static readonly HiddenMarkovProcess[] Worlds = [Processes.Mess3(), Processes.FromName("mess3:0.15,0.6").WithName("mess3:0.15,0.6")];

    public static readonly TransformerConfig Config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 8);

    public static readonly HeldOutCrossEntropy Risk = HeldOutCrossEntropy.FromProcesses(Worlds, sequences: 12, length: 9, seed: 7);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The injection mixture: world 1 with weight α, world 0 with 1 − α.</summary>
    public static TrainingWorld Recipe(double alpha) => TrainingWorld.FromProcesses(Worlds, [1 - alpha, alpha]);

    public static PopulationOptions Options(int size = 3, int generations = 2) => new()
    {
        Size = size,
        Generations = generations,
        Seed = 11,
        Config = Config,
        InitialTraining = new TrainingOptions { Steps = 6, BatchSize = 4, Optimizer = OptimizerKind.Adam, LearningRate = 0.01, WeightDecay = 0, Schedule = LearningRateSchedule.LinearDecay },
        Development = new TrainingOptions { Steps = 3, BatchSize = 4, Optimizer = OptimizerKind.Adam, LearningRate = 0.005, WeightDecay = 0 },
        WeightNoise = 0.001,
        TraitNoise = 0.1,
        InitialTraits = Enumerable.Range(0, size).Select(i => (double)i / Math.Max(1, size - 1)).ToArray(),
        MaxParallelism = 1,
    };

    /// <summary>Records as JSON (doubles round-trip), for bit-for-bit comparisons.</summary>
    public static string RecordsJson(PopulationRun run) => JsonSerializer.Serialize(new { run.InitialMembers, run.Generations }, Json);

    public static void AssertSameRun(PopulationRun actual, PopulationRun expected)
    {
        Assert.That(RecordsJson(actual), Is.EqualTo(RecordsJson(expected)));
        Assert.That(actual.Members, Has.Count.EqualTo(expected.Members.Count));
        for (int i = 0; i < expected.Members.Count; i++)
        {
            Assert.That(actual.Members[i].Id, Is.EqualTo(expected.Members[i].Id));
            Assert.That(actual.Members[i].State, Is.EqualTo(expected.Members[i].State), $"state of member {i}");
        }
    }

    public static float[] Weights(Transformer model)
        => model.named_parameters().SelectMany(p => p.parameter.detach().cpu().data<float>().ToArray()).ToArray();

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lmo-population-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Runs <paramref name="options"/> uninterrupted in memory, then in a temporary state directory cancelled as soon as
    /// <paramref name="cancelWhen"/> holds for a progress report (asserting the cancellation), lets <paramref name="inspect"/>
    /// look at the directory, and resumes it. Returns both runs.
    /// </summary>
    public static (PopulationRun Uninterrupted, PopulationRun Resumed) InterruptAndResume(PopulationOptions options,
        Func<PopulationProgress, bool> cancelWhen, Action<string>? inspect = null, int? resumeParallelism = null)
    {
        var dir = TempDirectory();
        try
        {
            var uninterrupted = Population.Run(options, Recipe, Risk);
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress<PopulationProgress>(p => { if (cancelWhen(p)) cts.Cancel(); });
            Assert.That(() => Population.Run(options with { StateDirectory = dir }, Recipe, Risk, progress, cts.Token),
                Throws.InstanceOf<OperationCanceledException>());
            inspect?.Invoke(dir);
            return (uninterrupted, Population.Resume(dir, Recipe, Risk, maxParallelism: resumeParallelism));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
