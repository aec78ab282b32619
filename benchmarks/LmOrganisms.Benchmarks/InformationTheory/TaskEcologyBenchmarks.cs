using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Benchmarks.InformationTheory;

/// <summary>
/// Exact task-ecology computations (goals: optimum of J for 16 worlds × 8 contexts × 27 tokens under 10 s on one core;
/// global split–merge path for 10 worlds under 2 s).
/// </summary>
public class TaskEcologyBenchmarks
{
    private FiniteEcology sixteen = null!;
    private FiniteEcology ten = null!;
    private FiniteEcology sixteenSmall = null!;

    /// <summary>Builds seeded random ecologies (every law strictly positive).</summary>
    [GlobalSetup]
    public void Setup()
    {
        sixteen = RandomEcology(16, 8, 27, 1);
        ten = RandomEcology(10, 3, 5, 2);
        sixteenSmall = RandomEcology(16, 3, 4, 5);
    }

    /// <summary>Exact optimum of J at β = 0.05 for 16 worlds, 8 contexts, 27 tokens (subset DP, O(3^16)).</summary>
    [Benchmark]
    public OptimumResult OptimumSixteenWorlds() => sixteen.OptimumAt(0.05);

    /// <summary>Global split–merge path for 10 worlds (Bell(10) = 115,975 partitions).</summary>
    [Benchmark]
    public SplitMergePath SplitMergePathTenWorlds() => ten.GlobalPath();

    /// <summary>Global split–merge path for 10 worlds by hull walking over the subset DP (no enumeration).</summary>
    [Benchmark]
    public SplitMergePath SplitMergePathExactTenWorlds() => ten.GlobalPathExact();

    /// <summary>Global split–merge path for 16 worlds × 8 contexts × 27 tokens by hull walking (no enumeration).</summary>
    [Benchmark]
    public SplitMergePath SplitMergePathExactSixteenWorlds() => sixteen.GlobalPathExact();

    /// <summary>Global split–merge path for 16 worlds × 3 contexts × 4 tokens (a longer path) by hull walking.</summary>
    [Benchmark]
    public SplitMergePath SplitMergePathExactSixteenSmallWorlds() => sixteenSmall.GlobalPathExact();

    internal static FiniteEcology RandomEcology(int worlds, int contexts, int tokens, int seed)
    {
        var rng = new Random(seed);
        double[] Law(int n, double floor)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() + floor).ToArray();
            double s = x.Sum();
            return x.Select(v => v / s).ToArray();
        }
        var next = Enumerable.Range(0, worlds).Select(_ => Enumerable.Range(0, contexts).Select(_ => Law(tokens, 0.01)).ToArray()).ToArray();
        return FiniteEcology.Create(
            Enumerable.Range(0, worlds).Select(i => $"w{i}").ToArray(), Law(worlds, 0.2),
            Enumerable.Range(0, contexts).Select(i => $"c{i}").ToArray(), Law(contexts, 0.2),
            Enumerable.Range(0, tokens).Select(i => $"t{i}").ToArray(), next);
    }
}
