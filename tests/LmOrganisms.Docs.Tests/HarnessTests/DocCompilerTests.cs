using Microsoft.CodeAnalysis;

namespace LmOrganisms.Docs.Tests;

/// <summary>Compiling documentation programs: references, options, and diagnostics reported at markdown lines.</summary>
public sealed class DocCompilerTests
{
    private static string Md(params string[] lines) => string.Join('\n', lines);

    private static DocCompilation CompileLast(string markdown, string file = "doc.md") =>
        DocCompiler.Compile(DocProgram.For(MarkdownCodeBlocks.Extract(markdown, file)[^1]));

    [Test]
    public void ReferencesTheLibraryAndItsDependencies()
    {
        var names = DocCompiler.References.Select(r => Path.GetFileNameWithoutExtension(r.Display)).ToHashSet();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "LmOrganisms.Ecology", "LmOrganisms.InformationTheory", "LmOrganisms.BeliefStates",
            "LmOrganisms.Transformers", "LmOrganisms.Probing", "LmOrganisms.Evolution", "LmOrganisms.Plotting",
            "TorchSharp", "MathNet.Numerics", "ScottPlot", "SkiaSharp", "System.Numerics.Tensors",
            "System.Runtime", "System.Private.CoreLib",
        }));
        var files = DocCompiler.References.Select(r => Path.GetFileName(r.Display));
        Assert.That(files.Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            Is.EqualTo(DocCompiler.References.Length), "one reference per assembly name");
    }

    [Test]
    public void CompilesAProgramUsingTheThirdPartyPackagesAndTheImplicitUsings()
    {
        var compilation = CompileLast(Md(
            "```csharp",
            "using MathNet.Numerics.LinearAlgebra;",
            "using TorchSharp;",
            "using System.Numerics.Tensors;",
            "var m = Matrix<double>.Build.DenseIdentity(2);",
            "using var t = torch.zeros(2, 2);",
            "double dot = TensorPrimitives.Dot<double>([1.0, 2], [3.0, 4]);",
            "var list = new List<int> { m.RowCount };             // implicit usings: System.Collections.Generic",
            "Console.WriteLine($\"{list.Count} {dot} {t.shape[0]}\");",
            "int unused = 3;                                       // CS0219 is exempt",
            "```"));
        Assert.That(compilation.Succeeded, compilation.Succeeded ? "" : compilation.Report());
        Assert.That(compilation.Image, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void ErrorsAreReportedAtTheirMarkdownLineAndColumnAcrossAChain()
    {
        var compilation = CompileLast(Md(
            "Intro.",                              // 1
            "",                                    // 2
            "```csharp",                           // 3
            "using System.Text;",                  // 4
            "var sb = new StringBuilder();",       // 5
            "```",                                 // 6
            "<!-- continues -->",                  // 7
            "  ```csharp",                         // 8: indented by two
            "  using System.Globalization;",       // 9
            "  sb.Append(missing);",               // 10: CS0103 at column 13
            "  ```"), "docs/x.md");
        Assert.That(compilation.Succeeded, Is.False);
        var report = compilation.Report();
        Assert.That(report, Does.StartWith(
            "docs/x.md:8: the C# block starting on line 8 of docs/x.md (continuing the blocks on lines 3)"));
        Assert.That(report, Does.Contain(
            "docs/x.md:10:13: error CS0103: The name 'missing' does not exist in the current context"));
        Assert.That(compilation.Failures.Select(d => d.Id), Is.EqualTo(new[] { "CS0103" }));
    }

    [Test]
    public void AnErrorInAnEarlierBlockOfTheChainIsReportedAtThatBlock()
    {
        var compilation = CompileLast(Md(
            "```csharp",                           // 1
            "int a = \"text\";",                   // 2: CS0029
            "```",                                 // 3
            "<!-- continues -->",                  // 4
            "```csharp",                           // 5
            "Console.WriteLine(a);",               // 6
            "```"));
        Assert.That(compilation.Report(), Does.Contain("doc.md:2:9: error CS0029"));
    }

    [Test]
    public void WarningsFailTheBlock()
    {
        var compilation = CompileLast(Md(
            "```csharp",
            "string? s = Environment.GetEnvironmentVariable(\"NOPE\");",
            "Console.WriteLine(s.Length);",        // CS8602: possible null dereference
            "```"));
        Assert.That(compilation.Succeeded, Is.False);
        Assert.That(compilation.Failures.Select(d => d.Id), Is.EqualTo(new[] { "CS8602" }));
        Assert.That(compilation.Failures.Single().Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(compilation.Report(), Does.Contain("doc.md:3:19: error CS8602"));
    }

    [Test]
    public void ATypeDeclaredEarlyInAChainIsUsableLater()
    {
        var compilation = CompileLast(Md(
            "```csharp",
            "var p = new Point(1, 2);",
            "record Point(int X, int Y);",
            "```",
            "<!-- continues -->",
            "```csharp",
            "Console.WriteLine(p.X + p.Y);",
            "```"));
        Assert.That(compilation.Succeeded, compilation.Succeeded ? "" : compilation.Report());
    }
}
