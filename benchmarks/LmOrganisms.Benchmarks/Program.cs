using BenchmarkDotNet.Running;

namespace LmOrganisms.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/LmOrganisms.Benchmarks -- --filter '*Class*' --job short</c>.
/// Benchmarks run in-process by default (<c>--inProcess</c> is added unless given): BenchmarkDotNet's out-of-process
/// toolchain builds a copy of this project without the TorchSharp native fix, so libtorch would not load there.
/// </summary>
public static class Program
{
    /// <summary>Entry point (BenchmarkDotNet switcher).</summary>
    public static void Main(string[] args)
    {
        if (!args.Any(a => a.Equals("--inProcess", StringComparison.OrdinalIgnoreCase) || a.Equals("-i", StringComparison.Ordinal)))
            args = [.. args, "--inProcess"];
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
