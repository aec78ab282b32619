using BenchmarkDotNet.Attributes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.Benchmarks.BeliefStates;

/// <summary>Mixed-state presentation construction (goal: Mess3 depth 12, 796,666 distinct beliefs, in under a second on one core).</summary>
[MemoryDiagnoser]
public class MixedStatePresentationBenchmarks
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

    /// <summary>Mess3 MSP to depth 10 (88,570 states at tolerance 1e-9).</summary>
    [Benchmark]
    public int Mess3Depth10() => MixedStatePresentation.Build(mess3, 10).Count;

    /// <summary>Mess3 MSP to depth 12 (796,666 states at tolerance 1e-9).</summary>
    [Benchmark]
    public int Mess3Depth12() => MixedStatePresentation.Build(mess3, 12).Count;

    /// <summary>RRXOR MSP until it closes (36 states).</summary>
    [Benchmark]
    public int RrxorClosed() => MixedStatePresentation.Build(rrxor, 20).Count;
}
