namespace LmOrganisms.Docs.Tests;

/// <summary>
/// Every C# block marked <c>run</c> (the README Quickstart) compiles and runs to completion in a fresh temporary
/// working directory (docs/api.md §2.11). One test case per marked block, named like <c>README.md:57</c>.
/// </summary>
[NonParallelizable]
public sealed class DocumentationBlocksRun
{
    [Test]
    public void TheReadmeHasABlockThatRuns() =>
        Assert.That(RepositoryDocs.Blocks.Where(b => b.File == "README.md" && b.Run), Is.Not.Empty,
            "README.md has no C# block marked <!-- run --> (the Quickstart is run by CI, docs/api.md §2.11)");

    [TestCaseSource(typeof(RepositoryDocs), nameof(RepositoryDocs.RunCases))]
    public void Runs(DocBlock block)
    {
        DocumentationBlocksCompile.AssertWellFormed(block);
        var compilation = DocCompiler.Compile(DocProgram.For(block));
        if (!compilation.Succeeded)
        {
            Assert.Fail(compilation.Report());
        }
        var run = DocRunner.Run(compilation);
        TestContext.Out.WriteLine(run.Report());
        if (!run.Succeeded)
        {
            Assert.Fail(run.Report());
        }
    }
}
