namespace LmOrganisms.Docs.Tests;

/// <summary>
/// Every C# block of README.md, docs/*.md and src/*/README.md compiles (docs/api.md §2.11). One test case per block,
/// named like <c>README.md:57</c> (file and opening-fence line); a block marked <c>continues</c> is compiled as the
/// program formed with the blocks before it.
/// </summary>
public sealed class DocumentationBlocksCompile
{
    [TestCaseSource(typeof(RepositoryDocs), nameof(RepositoryDocs.CompileCases))]
    public void Compiles(DocBlock block)
    {
        AssertWellFormed(block);
        var compilation = DocCompiler.Compile(DocProgram.For(block));
        if (!compilation.Succeeded)
        {
            Assert.Fail(compilation.Report());
        }
    }

    internal static void AssertWellFormed(DocBlock block)
    {
        foreach (var b in block.Chain.Where(b => b.Problem is not null))
        {
            Assert.Fail($"{block.Name}: the C# block starting on line {b.FenceLine} of {b.File} is malformed: {b.Problem}");
        }
    }
}
