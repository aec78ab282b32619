namespace LmOrganisms.Docs.Tests;

/// <summary>
/// Guards on the real documentation that hold whatever state its code is in: the files are found (README.md, docs/*.md
/// and the README of every package in src/), the extractor finds C# blocks in them (an empty set would make every other
/// documentation test vacuous), and no block is malformed.
/// </summary>
public sealed class DocumentationFiles
{
    [Test]
    public void ReadmeAndDocsAreFound()
    {
        Assert.That(RepositoryDocs.Files, Does.Contain("README.md"));
        Assert.That(RepositoryDocs.Files.Where(f => f.StartsWith("docs/", StringComparison.Ordinal)), Is.Not.Empty,
            $"no docs/*.md under {RepositoryDocs.Root}");
    }

    [Test]
    public void EveryPackageReadmeIsFound()
    {
        var packages = Directory.EnumerateFiles(Path.Combine(RepositoryDocs.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order(StringComparer.Ordinal).ToArray();
        Assert.That(packages, Is.Not.Empty, $"no project under {RepositoryDocs.Root}/src");
        Assert.That(RepositoryDocs.Files.Where(f => f.StartsWith("src/", StringComparison.Ordinal)),
            Is.EqualTo(packages.Select(p => $"src/{p}/README.md")),
            "every package in src/ has a README.md (packed as the package readme), and the documentation tests read it");
    }

    [Test]
    public void TheDocumentationHasCSharpBlocks()
    {
        Assert.That(RepositoryDocs.Blocks, Is.Not.Empty,
            $"no ```csharp block in README.md or docs/*.md under {RepositoryDocs.Root}: the extractor found nothing");
        Assert.That(RepositoryDocs.Blocks.Where(b => b.File == "README.md"), Is.Not.Empty, "no C# block in README.md");
    }

    [Test]
    public void NoBlockIsMalformed()
    {
        var problems = RepositoryDocs.Blocks.Where(b => b.Problem is not null).Select(b => $"{b.Name}: {b.Problem}");
        Assert.That(problems, Is.Empty);
    }
}
