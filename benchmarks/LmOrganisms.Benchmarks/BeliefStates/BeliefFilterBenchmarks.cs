using BenchmarkDotNet.Attributes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.Benchmarks.BeliefStates;

/// <summary>Belief-filter throughput (goal: at least 10 million belief updates per second on one core for 3-state processes).</summary>
[MemoryDiagnoser]
public class BeliefFilterBenchmarks
{
    private const int Length = 100;
    private const int Count = 10_000;
    private HiddenMarkovProcess mess3 = null!;
    private HiddenMarkovProcess rrxor = null!;
    private int[] mess3Tokens = null!;
    private int[] rrxorTokens = null!;
    private double[] buffer = null!;

    /// <summary>Samples one million tokens of each process and allocates the output buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        mess3 = Processes.Mess3();
        rrxor = Processes.Rrxor();
        mess3Tokens = mess3.Sample(Count, Length, 1).Tokens;
        rrxorTokens = rrxor.Sample(Count, Length, 1).Tokens;
        buffer = new double[Length * Count * 5];
    }

    /// <summary>One million Mess3 belief updates (10,000 sequences × 100 tokens), 3 states.</summary>
    [Benchmark(OperationsPerInvoke = Length * Count)]
    public void Mess3MillionUpdates() => BeliefFilter.FilterInto(mess3, mess3Tokens, Count, Length, buffer);

    /// <summary>One million RRXOR belief updates, 5 states (generic path).</summary>
    [Benchmark(OperationsPerInvoke = Length * Count)]
    public void RrxorMillionUpdates() => BeliefFilter.FilterInto(rrxor, rrxorTokens, Count, Length, buffer);
}
