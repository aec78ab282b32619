using BenchmarkDotNet.Running;

namespace LmOrganisms.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/LmOrganisms.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point (BenchmarkDotNet switcher).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
