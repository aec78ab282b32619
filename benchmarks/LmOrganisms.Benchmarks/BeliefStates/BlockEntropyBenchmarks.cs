using BenchmarkDotNet.Attributes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.Benchmarks.BeliefStates;

/// <summary>Block entropies through the MSP dynamics (goal: RRXOR L = 1..30 in under 50 ms) versus word enumeration.</summary>
[MemoryDiagnoser]
public class BlockEntropyBenchmarks
{
    private HiddenMarkovProcess mess3 = null!;
    private HiddenMarkovProcess rrxor = null!;

    /// <summary>Builds the processes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        mess3 = Processes.Mess3();
        rrxor = Processes.Rrxor();
        _ = mess3.StationaryDistribution;
        _ = rrxor.StationaryDistribution;
    }

    /// <summary>RRXOR H(0..30) through its closed 36-state MSP.</summary>
    [Benchmark]
    public double RrxorCurvesTo30() => rrxor.Theory(29).BlockEntropies.Block(30);

    /// <summary>RRXOR H(20) by enumerating its words (reference).</summary>
    [Benchmark]
    public double RrxorEnumeration20() => ByEnumeration(rrxor, 20);

    /// <summary>Mess3 H(0..10) through the open MSP (depth 10).</summary>
    [Benchmark]
    public double Mess3CurvesTo10() => mess3.Theory(9).BlockEntropies.Block(10);

    /// <summary>Mess3 H(10) by enumerating its 59,049 words (reference).</summary>
    [Benchmark]
    public double Mess3Enumeration10() => ByEnumeration(mess3, 10);

    private static double ByEnumeration(HiddenMarkovProcess process, int length) =>
        -process.Words(length).Probabilities.Sum(p => p * Math.Log(p));
}
