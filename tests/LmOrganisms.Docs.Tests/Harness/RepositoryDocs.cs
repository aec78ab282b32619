namespace LmOrganisms.Docs.Tests;

/// <summary>
/// The repository's documentation: <c>README.md</c>, <c>docs/*.md</c> and the package READMEs <c>src/*/README.md</c>
/// (packed into the NuGet packages), found from the test's output folder by walking up to the folder holding
/// <c>LmOrganisms.sln</c>.
/// </summary>
public static class RepositoryDocs
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<DocBlock>> LazyBlocks = new(ReadBlocks);

    /// <summary>The repository root (the folder holding LmOrganisms.sln).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The documentation files, relative to the root with '/' separators: <c>README.md</c>, then
    /// <c>docs/*.md</c> in ordinal order, then <c>src/*/README.md</c> in ordinal order of the package folder.</summary>
    public static IReadOnlyList<string> Files
    {
        get
        {
            var files = new List<string>();
            if (File.Exists(Path.Combine(Root, "README.md")))
            {
                files.Add("README.md");
            }
            var docs = Path.Combine(Root, "docs");
            if (Directory.Exists(docs))
            {
                files.AddRange(Directory.EnumerateFiles(docs, "*.md", SearchOption.TopDirectoryOnly)
                    .Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
            }
            var src = Path.Combine(Root, "src");
            if (Directory.Exists(src))
            {
                files.AddRange(Directory.EnumerateDirectories(src).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                    .Where(package => File.Exists(Path.Combine(src, package!, "README.md")))
                    .Select(package => $"src/{package}/README.md"));
            }
            return files;
        }
    }

    /// <summary>Every C# block of the documentation, file by file, in order (read once).</summary>
    public static IReadOnlyList<DocBlock> Blocks => LazyBlocks.Value;

    /// <summary>One test case per C# block, named like <c>README.md:57</c>.</summary>
    public static IEnumerable<TestCaseData> CompileCases() =>
        Blocks.Select(b => new TestCaseData(b).SetName(b.Name));

    /// <summary>One test case per block marked <c>run</c>, named like <c>README.md:57</c>.</summary>
    public static IEnumerable<TestCaseData> RunCases() =>
        Blocks.Where(b => b.Run).Select(b => new TestCaseData(b).SetName(b.Name));

    private static IReadOnlyList<DocBlock> ReadBlocks() =>
        Files.SelectMany(f => MarkdownCodeBlocks.Extract(File.ReadAllText(Path.Combine(Root, f)), f)).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LmOrganisms.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"no LmOrganisms.sln in {AppContext.BaseDirectory} or any folder above it: " +
            "the documentation tests need the repository");
    }
}
