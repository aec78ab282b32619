using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;

namespace LmOrganisms.Benchmarks.Ecology;

/// <summary>
/// The corpus pipeline on the five Alice languages of corpora/ (issue 15; goal: the empirical prefix ecology in seconds,
/// not minutes): the exact empirical prefix ecology of all held-out chunks at r ∈ {3, 5, 8}
/// (<see cref="FiniteEcology.FromCorpus"/>, 6,145 held-out sequences), and the whole pipeline from the raw files
/// (read, clean, normalise, chunk, split, tokenise; then the ecology).
/// </summary>
[MemoryDiagnoser]
public class CorpusBenchmarks
{
    private static readonly int[] PrefixLengths = [3, 5, 8];
    private static readonly TextCorpusOptions Alice = TextCorpusOptions.Default with { Languages = ["en", "fr", "de", "it", "fi"] };
    private string folder = "";
    private TextCorpus corpus = null!;

    /// <summary>Finds corpora/alice above the working folder and loads it once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LmOrganisms.sln")))
            {
                folder = Path.Combine(dir.FullName, "corpora", "alice");
                break;
            }
        if (folder.Length == 0) throw new InvalidOperationException("Run from inside the repository: corpora/alice was not found.");
        corpus = TextCorpus.Load(folder, Alice);
    }

    /// <summary>The empirical prefix ecology of the five languages' held-out chunks, r ∈ {3, 5, 8}.</summary>
    [Benchmark]
    public FiniteEcology PrefixEcology() => FiniteEcology.FromCorpus(corpus, PrefixLengths);

    /// <summary>Everything from the raw files: load (read, clean, chunk, split, tokenise) and the prefix ecology.</summary>
    [Benchmark]
    public FiniteEcology FromFiles() => FiniteEcology.FromCorpus(TextCorpus.Load(folder, Alice), PrefixLengths);
}
