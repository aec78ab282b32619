namespace LmOrganisms.Docs.Tests;

/// <summary>
/// Guards on the real documentation that hold whatever state its code is in: the files are found, the extractor finds
/// C# blocks in them (an empty set would make every other documentation test vacuous), and no block is malformed.
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
