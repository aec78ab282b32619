using BenchmarkDotNet.Attributes;
using LmOrganisms.Evolution;

namespace LmOrganisms.Benchmarks.Evolution;

/// <summary>
/// Exact population dynamics on 203 types (all partitions of 6 worlds, Bell(6)) with a dense random mutation kernel.
/// </summary>
[MemoryDiagnoser]
public class DynamicsBenchmarks
{
    private const int Types = 203;
    private readonly double[] x = new double[Types];
    private readonly double[] w = new double[Types];
    private readonly double[] result = new double[Types];
    private readonly double[] risks = new double[1000];
    private readonly double[] fitness = new double[1000];
    private readonly int[] counts = new int[Types];
    private MutationKernel q = null!;

    /// <summary>Random frequencies, fitness and kernel (seed 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var rows = new double[Types][];
        for (int i = 0; i < Types; i++)
        {
            rows[i] = new double[Types];
            double s = 0;
            for (int j = 0; j < Types; j++) s += rows[i][j] = rng.NextDouble();
            for (int j = 0; j < Types; j++) rows[i][j] /= s;
            w[i] = 0.5 + rng.NextDouble();
            x[i] = 1.0 / Types;
            counts[i] = 50;
        }
        q = MutationKernel.FromRows(rows);
        for (int i = 0; i < risks.Length; i++)
        {
            risks[i] = 2 + rng.NextDouble();
            fitness[i] = Math.Exp(-risks[i]);
        }
    }

    /// <summary>One replicator–mutator step on 203 types (dense Q: 41,209 multiply-adds).</summary>
    [Benchmark]
    public void ReplicatorMutatorStep() => ReplicatorMutator.Step(x, w, q, result);

    /// <summary>Perron equilibrium of the 203 × 203 selection–mutation matrix (MathNet eigen-decomposition).</summary>
    [Benchmark]
    public double PerronEquilibrium() => ReplicatorMutator.Equilibrium(w, q).Eigenvalue;

    /// <summary>One Wright–Fisher generation of K = 10,150 individuals on 203 types (parent draw + mutation draw each).</summary>
    [Benchmark]
    public int[] WrightFisherGeneration() => WrightFisher.Step(counts, w, q, 7);

    /// <summary>Selection-stage statistics of a population of 1,000 members.</summary>
    [Benchmark]
    public double SelectionStageStatistics() => SelectionStage.Statistics(risks, fitness, 1000).StandardDeviation;
}
