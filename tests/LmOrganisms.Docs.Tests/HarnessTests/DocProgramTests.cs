namespace LmOrganisms.Docs.Tests;

/// <summary>Forming programs from blocks and continues chains, and mapping program lines to markdown lines.</summary>
public sealed class DocProgramTests
{
    private static string Md(params string[] lines) => string.Join('\n', lines);

    [Test]
    public void ASingleBlockIsItsOwnProgram()
    {
        var md = Md("# T", "```csharp", "using System.Text;", "var sb = new StringBuilder();", "```");
        var program = DocProgram.For(MarkdownCodeBlocks.Extract(md, "x.md").Single());
        Assert.That(program.Source, Is.EqualTo("using System.Text;\nvar sb = new StringBuilder();"));
        Assert.That(program.Map.Select(m => m.Line), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(program.MarkdownLineOf(2), Is.EqualTo(new MarkdownLine("x.md", 4, 0)));
        Assert.That(program.MarkdownLineOf(2).ToString(), Is.EqualTo("x.md:4"));
    }

    [Test]
    public void ContinuedBlocksHoistAndDeduplicateUsingsAndKeepStatementOrder()
    {
        var md = Md(
            "```csharp",                           // 1
            "using System.Text;",                  // 2
            "var sb = new StringBuilder();",       // 3
            "```",                                 // 4
            "Text between.",                       // 5
            "<!-- continues -->",                  // 6
            "```csharp",                           // 7
            "using System.Globalization;",         // 8
            "using  System.Text ;",                // 9: the same directive, spelled differently: dropped
            "using var stream = new MemoryStream();", // 10: a using *statement*, not hoisted
            "sb.Append(CultureInfo.InvariantCulture, $\"{1}\");", // 11
            "```",                                 // 12
            "<!-- continues -->",                  // 13
            "```csharp",                           // 14
            "Console.WriteLine(sb);",              // 15
            "```");                                // 16
        var program = DocProgram.For(MarkdownCodeBlocks.Extract(md, "x.md")[2]);
        Assert.That(program.Source.Split('\n'), Is.EqualTo(new[]
        {
            "using System.Text;",
            "using System.Globalization;",
            "var sb = new StringBuilder();",
            "using var stream = new MemoryStream();",
            "sb.Append(CultureInfo.InvariantCulture, $\"{1}\");",
            "Console.WriteLine(sb);",
        }));
        Assert.That(program.Map.Select(m => m.Line), Is.EqualTo(new[] { 2, 8, 3, 10, 11, 15 }));
        Assert.That(program.Map.Select(m => m.File), Is.All.EqualTo("x.md"));
    }

    [Test]
    public void TypeDeclarationsMoveAfterAllStatementsWithTheirComments()
    {
        var md = Md(
            "```csharp",                           // 1
            "var p = new Point(1, 2);",            // 2
            "",                                    // 3
            "/// <summary>A point.</summary>",     // 4
            "record Point(int X, int Y);",         // 5
            "```",                                 // 6
            "<!-- continues -->",                  // 7
            "```csharp",                           // 8
            "Console.WriteLine(p.X);",             // 9
            "```");                                // 10
        var program = DocProgram.For(MarkdownCodeBlocks.Extract(md, "x.md")[1]);
        Assert.That(program.Source.Split('\n'), Is.EqualTo(new[]
        {
            "var p = new Point(1, 2);",
            "",
            "Console.WriteLine(p.X);",
            "/// <summary>A point.</summary>",
            "record Point(int X, int Y);",
        }));
        Assert.That(program.Map.Select(m => m.Line), Is.EqualTo(new[] { 2, 3, 9, 4, 5 }));
    }

    [Test]
    public void IndentationIsKeptInTheMap()
    {
        var md = Md("- item", "", "  ```csharp", "  var a = 1;", "  ```");
        var program = DocProgram.For(MarkdownCodeBlocks.Extract(md, "x.md").Single());
        Assert.That(program.MarkdownLineOf(1), Is.EqualTo(new MarkdownLine("x.md", 4, 2)));
    }

    [Test]
    public void LinesOutsideTheProgramAreRejected()
    {
        var program = DocProgram.For(MarkdownCodeBlocks.Extract(Md("```csharp", "var a = 1;", "```"), "x.md").Single());
        Assert.That(() => program.MarkdownLineOf(2), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
