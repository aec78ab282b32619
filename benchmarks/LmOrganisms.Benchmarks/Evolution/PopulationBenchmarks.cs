using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Populations;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Benchmarks.Evolution;

/// <summary>
/// One generation of a population of K = 8 tiny organisms (microgpt, 1 layer, d_model 16, context 16) on Mess3 and a
/// Mess3 variant: selection, copy, 20 development steps of batch 16 with fresh Adam, weight noise σ = 0.001, and three
/// risk evaluations per member (copy, developed, mutated) of the world-balanced held-out CE on 2 × 64 sequences.
/// libtorch runs one thread; <see cref="MaxParallelism"/> members run at once (results are identical for every value).
/// </summary>
public class PopulationBenchmarks
{
    private PopulationRun initial = null!;
    private HeldOutCrossEntropy risk = null!;
    private HiddenMarkovProcess[] worlds = null!;

    /// <summary>Members trained at once.</summary>
    [Params(1, 2)]
    public int MaxParallelism { get; set; }

    /// <summary>Trains the initial population (100 steps each) once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        worlds = [Processes.Mess3(), Processes.FromName("mess3:0.15,0.6")];
        var config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 16, heads: 4, contextLength: 16);
        risk = HeldOutCrossEntropy.FromProcesses(worlds, sequences: 64, length: 17, seed: 1);
        var options = new PopulationOptions { Size = 8, Generations = 0, Seed = 1, Config = config, TraitNoise = 0.05, InitialTraits = Enumerable.Repeat(0.5, 8).ToArray() };
        initial = Population.Run(options, Recipe, risk);
    }

    private TrainingWorld Recipe(double alpha) => TrainingWorld.FromProcesses(worlds, [1 - alpha, alpha]);

    /// <summary>One Wright–Fisher generation of K = 8 organisms.</summary>
    [Benchmark]
    public double Generation() => Population.Continue(initial, 1, Recipe, risk, maxParallelism: MaxParallelism).Generations[0].MeanRisk;
}
