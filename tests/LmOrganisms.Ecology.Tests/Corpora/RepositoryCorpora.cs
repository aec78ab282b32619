namespace LmOrganisms.Ecology.Tests.Corpora;

/// <summary>The corpora/ folder of this repository (found from the test binaries by walking up to LmOrganisms.sln).</summary>
internal static class RepositoryCorpora
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LmOrganisms.sln"))) return Path.Combine(dir.FullName, "corpora");
        throw new InvalidOperationException("LmOrganisms.sln was not found above " + AppContext.BaseDirectory);
    });

    public static string Folder(string corpus) => Path.Combine(Root.Value, corpus);

    /// <summary>The paper's order of the Alice languages (spec §3.1).</summary>
    public static readonly string[] AliceLanguages = ["en", "fr", "de", "it", "fi"];

    private static readonly Lazy<TextCorpus> LazyAlice = new(() =>
        TextCorpus.Load(Folder("alice"), TextCorpusOptions.Default with { Languages = AliceLanguages }));

    /// <summary>corpora/alice with the paper's settings, languages in the paper's order (loaded once).</summary>
    public static TextCorpus Alice => LazyAlice.Value;
}
