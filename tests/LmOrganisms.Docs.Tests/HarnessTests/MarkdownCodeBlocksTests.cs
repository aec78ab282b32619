namespace LmOrganisms.Docs.Tests;

/// <summary>The extractor on small markdown texts, independent of the real documentation.</summary>
public sealed class MarkdownCodeBlocksTests
{
    private static string Md(params string[] lines) => string.Join('\n', lines);

    [Test]
    public void FindsCSharpAndCsFencesAndIgnoresOtherLanguages()
    {
        var md = Md(
            "# Title",                 // 1
            "",                        // 2
            "```csharp",               // 3
            "var a = 1;",              // 4
            "```",                     // 5
            "```bash",                 // 6
            "dotnet build",            // 7
            "```",                     // 8
            "```json",                 // 9
            "{ \"a\": 1 }",            // 10
            "```",                     // 11
            "```",                     // 12
            "plain",                   // 13
            "```",                     // 14
            "```cs",                   // 15
            "var b = 2;",              // 16
            "var c = 3;",              // 17
            "```",                     // 18
            "```text",                 // 19
            "```");                    // 20
        var blocks = MarkdownCodeBlocks.Extract(md, "x.md");
        Assert.That(blocks.Select(b => b.Name), Is.EqualTo(new[] { "x.md:3", "x.md:15" }));
        Assert.That(blocks[0].Lines, Is.EqualTo(new[] { "var a = 1;" }));
        Assert.That(blocks[1].Lines, Is.EqualTo(new[] { "var b = 2;", "var c = 3;" }));
        Assert.That(blocks[1].FirstCodeLine, Is.EqualTo(16));
        Assert.That(blocks.Select(b => b.Problem), Is.All.Null);
    }

    [Test]
    public void LanguageIsTheFirstWordOfTheInfoStringInAnyCase()
    {
        var md = Md("``` CSharp title=\"x\"", "var a = 1;", "```", "~~~C#", "var b = 1;", "~~~", "```csharpx", "no", "```");
        var blocks = MarkdownCodeBlocks.Extract(md, "x.md");
        Assert.That(blocks.Select(b => b.FenceLine), Is.EqualTo(new[] { 1, 4 }));
    }

    [Test]
    public void HandlesCrLfLineEndings()
    {
        var blocks = MarkdownCodeBlocks.Extract("a\r\n```csharp\r\nvar a = 1;\r\n```\r\n", "x.md");
        Assert.That(blocks.Single().Lines, Is.EqualTo(new[] { "var a = 1;" }));
        Assert.That(blocks.Single().FenceLine, Is.EqualTo(2));
    }

    [Test]
    public void RemovesTheFenceIndentationAndRecordsIt()
    {
        var md = Md(
            "1. Step one:",            // 1
            "",                        // 2
            "   ```csharp",            // 3
            "   var a = 1;",           // 4
            "   if (a > 0)",           // 5
            "       a++;",             // 6
            " var b = 2;",             // 7: less indented than the fence
            "   ```");                 // 8
        var block = MarkdownCodeBlocks.Extract(md, "x.md").Single();
        Assert.That(block.FenceLine, Is.EqualTo(3));
        Assert.That(block.Lines, Is.EqualTo(new[] { "var a = 1;", "if (a > 0)", "    a++;", "var b = 2;" }));
        Assert.That(block.Indents, Is.EqualTo(new[] { 3, 3, 3, 1 }));
    }

    [Test]
    public void FencesInsideAnotherFenceAreContent()
    {
        var md = Md(
            "````markdown",            // 1
            "```csharp",               // 2
            "not extracted",           // 3
            "```",                     // 4
            "````",                    // 5
            "~~~~csharp",              // 6
            "var s = \"\"\"",          // 7
            "```",                     // 8: too short and wrong character, content
            "\"\"\";",                 // 9
            "~~~~~");                  // 10: closes (longer is fine)
        var blocks = MarkdownCodeBlocks.Extract(md, "x.md");
        Assert.That(blocks.Single().FenceLine, Is.EqualTo(6));
        Assert.That(blocks.Single().Lines, Has.Count.EqualTo(3));
        Assert.That(blocks.Single().Problem, Is.Null);
    }

    [Test]
    public void ReadsMarkersInEveryAllowedForm()
    {
        var md = Md(
            "```csharp",               // 1: plain
            "var a = 1;",
            "```",
            "<!-- continues -->",      // 4
            "```csharp",               // 5
            "a++;",
            "```",
            "<!-- run -->",            // 8
            "```csharp",               // 9
            "var b = 1;",
            "```",
            "<!-- continues run -->",  // 12
            "",                        // 13: blank lines between marker and fence are allowed
            "```csharp",               // 14
            "b++;",
            "```",
            "<!-- continues -->",      // 17
            "",
            "<!-- run -->",            // 19: two marker lines
            "```csharp",               // 20
            "b++;",
            "```",
            "<!-- run -->",            // 23: separated from the fence by text: not a marker
            "Some text.",
            "```csharp",               // 25
            "var c = 1;",
            "```");
        var blocks = MarkdownCodeBlocks.Extract(md, "x.md");
        Assert.That(blocks.Select(b => (b.FenceLine, b.Continues, b.Run)), Is.EqualTo(new[]
        {
            (1, false, false), (5, true, false), (9, false, true), (14, true, true), (20, true, true), (25, false, false),
        }));
        Assert.That(blocks.Select(b => b.Problem), Is.All.Null);
    }

    [Test]
    public void ContinuesChainsSkipNonCSharpBlocksAndMayBeLong()
    {
        var md = Md(
            "```csharp",               // 1
            "var a = 1;",
            "```",
            "```bash",                 // 4
            "echo not csharp",
            "```",
            "<!-- continues -->",
            "```csharp",               // 8
            "a++;",
            "```",
            "<!-- continues -->",
            "```csharp",               // 12
            "a++;",
            "```",
            "```csharp",               // 15: a new program
            "var z = 0;",
            "```",
            "<!-- continues -->",
            "```csharp",               // 19
            "z++;",
            "```");
        var blocks = MarkdownCodeBlocks.Extract(md, "x.md");
        Assert.That(blocks.Select(b => b.FenceLine), Is.EqualTo(new[] { 1, 8, 12, 15, 19 }));
        Assert.That(blocks[2].Chain.Select(b => b.FenceLine), Is.EqualTo(new[] { 1, 8, 12 }));
        Assert.That(blocks[1].Chain.Select(b => b.FenceLine), Is.EqualTo(new[] { 1, 8 }));
        Assert.That(blocks[3].Chain.Select(b => b.FenceLine), Is.EqualTo(new[] { 15 }));
        Assert.That(blocks[4].Chain.Select(b => b.FenceLine), Is.EqualTo(new[] { 15, 19 }));
        Assert.That(blocks[3].Previous, Is.SameAs(blocks[2]), "Previous is the C# block before, continued or not");
    }

    [Test]
    public void MalformedBlocksCarryAProblem()
    {
        Assert.That(MarkdownCodeBlocks.Extract(Md("<!-- continues -->", "```csharp", "a++;", "```"), "x.md")
            .Single().Problem, Does.Contain("no C# block comes before it"));
        Assert.That(MarkdownCodeBlocks.Extract(Md("<!-- continue -->", "```csharp", "a++;", "```"), "x.md")
            .Single().Problem, Does.Contain("unknown marker 'continue'").And.Contain("line 1"));
        Assert.That(MarkdownCodeBlocks.Extract(Md("<!-- run -->", "<!-- TODO -->", "```csharp", "a++;", "```"), "x.md")
            .Single().Problem, Does.Contain("unknown marker 'TODO'"));
        Assert.That(MarkdownCodeBlocks.Extract(Md("<!-- -->", "```csharp", "a++;", "```"), "x.md")
            .Single().Problem, Does.Contain("empty comment"));
        var unclosed = MarkdownCodeBlocks.Extract(Md("text", "```csharp", "var a = 1;", "``"), "x.md").Single();
        Assert.That(unclosed.Problem, Does.Contain("never closed").And.Contain("line 2"));
        Assert.That(unclosed.Lines, Is.EqualTo(new[] { "var a = 1;", "``" }));
    }

    [Test]
    public void InlineTripleBackticksAreNotFences()
    {
        var md = Md("```csharp``` is inline code", "```csharp", "var a = 1;", "```");
        Assert.That(MarkdownCodeBlocks.Extract(md, "x.md").Single().FenceLine, Is.EqualTo(2));
    }

    [Test]
    public void NoCSharpBlockGivesAnEmptyList() =>
        Assert.That(MarkdownCodeBlocks.Extract(Md("# Title", "```bash", "ls", "```"), "x.md"), Is.Empty);
}
