
namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>What a page gets from the command line.</summary>
/// <param name="OutputDirectory">The page's own folder (--out joined with the page's folder name); the page creates it.</param>
/// <param name="Full">--full: the paper's scale instead of the quick defaults.</param>
/// <param name="Seed">--seed: the base seed every experiment derives its seeds from.</param>
/// <param name="Progress">Progress sink (prints to the console).</param>
/// <param name="CancellationToken">Cancelled on Ctrl+C.</param>
/// <param name="Corpus">--corpus DIR: text worlds, one language per file (exp2 also runs on them); null when not given.</param>
internal sealed record PageContext(string OutputDirectory, bool Full, int Seed, IProgress<ExperimentProgress> Progress, CancellationToken CancellationToken,
    TextCorpus? Corpus)
{
    /// <summary>A file in the page's folder.</summary>
    public string File(string name) => Path.Combine(OutputDirectory, name);
}
