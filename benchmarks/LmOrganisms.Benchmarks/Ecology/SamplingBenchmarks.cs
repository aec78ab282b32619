using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;

namespace LmOrganisms.Benchmarks.Ecology;

/// <summary>Sampling throughput (goal: at least 20 million tokens per second on one core for Mess3).</summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    private const int Length = 1000;
    private const int Count = 1000;
    private readonly int[] buffer = new int[Length * Count];
    private HiddenMarkovProcess mess3 = null!;
    private HiddenMarkovProcess rrxor = null!;

    /// <summary>Builds the processes and their samplers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        mess3 = Processes.Mess3();
        rrxor = Processes.Rrxor();
        mess3.SampleInto(buffer, 1, Length, 0);
        rrxor.SampleInto(buffer, 1, Length, 0);
    }

    /// <summary>One million Mess3 tokens (1000 sequences × 1000) into a preallocated buffer.</summary>
    [Benchmark(OperationsPerInvoke = Length * Count)]
    public void Mess3MillionTokens() => mess3.SampleInto(buffer, Count, Length, 42);

    /// <summary>One million RRXOR tokens into a preallocated buffer.</summary>
    [Benchmark(OperationsPerInvoke = Length * Count)]
    public void RrxorMillionTokens() => rrxor.SampleInto(buffer, Count, Length, 42);
}
