namespace LmOrganisms.Docs.Tests;

/// <summary>Running documentation programs: working directory, console, exceptions, exit codes, timeout, torch.</summary>
[NonParallelizable]
public sealed class DocRunnerTests
{
    private static string Md(params string[] lines) => string.Join('\n', lines);

    private static DocRun RunLast(string markdown, TimeSpan? timeout = null)
    {
        var compilation = DocCompiler.Compile(DocProgram.For(MarkdownCodeBlocks.Extract(markdown, "doc.md")[^1]));
        Assert.That(compilation.Succeeded, compilation.Succeeded ? "" : compilation.Report());
        return DocRunner.Run(compilation, timeout);
    }

    [Test]
    public void RunsInAFreshTemporaryDirectoryAndRestoresTheCurrentOne()
    {
        var before = Environment.CurrentDirectory;
        var run = RunLast(Md(
            "```csharp",
            "File.WriteAllText(\"out.txt\", \"x\");",
            "Console.WriteLine(Environment.CurrentDirectory);",
            "Console.Error.WriteLine(Directory.GetFiles(\".\").Length);",
            "```"));
        Assert.That(run.Succeeded, run.Report());
        Assert.That(Environment.CurrentDirectory, Is.EqualTo(before));
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.Not.EqualTo(before).And.Contains("lmo-docs-"));
        Assert.That(lines[1], Is.EqualTo("1"), "the directory was empty before the program wrote its file");
        Assert.That(Directory.Exists(lines[0]), Is.False, "the temporary directory is deleted afterwards");
    }

    [Test]
    public void AContinuedProgramRunsEveryBlockOfTheChainAndAwaitWorks()
    {
        var run = RunLast(Md(
            "```csharp",
            "var n = 20;",
            "```",
            "<!-- continues run -->",
            "```csharp",
            "await Task.Delay(1);",
            "Console.Write(n + 1);",
            "```"));
        Assert.That(run.Succeeded, run.Report());
        Assert.That(run.Output, Is.EqualTo("21"));
    }

    [Test]
    public void AnExceptionIsReportedWithItsMarkdownLine()
    {
        var run = RunLast(Md(
            "```csharp",                           // 1
            "Console.WriteLine(\"before\");",      // 2
            "```",                                 // 3
            "<!-- continues -->",                  // 4
            "```csharp",                           // 5
            "throw new InvalidOperationException(\"boom\");", // 6
            "```"));
        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Exception, Is.TypeOf<InvalidOperationException>());
        var report = run.Report();
        Assert.That(report, Does.StartWith(
            "doc.md:5: the program ending with the C# block starting on line 5 of doc.md threw"));
        Assert.That(report, Does.Contain("boom").And.Contain("doc.md:6").And.Contain("before"));
        Assert.That(report, Does.Not.Contain(DocProgram.ProgramPath));
    }

    [Test]
    public void ANonZeroExitCodeFails()
    {
        var run = RunLast(Md("```csharp", "return 3;", "```"));
        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Report(), Does.Contain("exit code 3"));
    }

    [Test]
    public void AProgramThatRunsTooLongTimesOut()
    {
        var before = Environment.CurrentDirectory;
        var run = RunLast(Md("```csharp", "Thread.Sleep(3000);", "```"), TimeSpan.FromMilliseconds(200));
        Assert.That(run.TimedOut, Is.True);
        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Report(), Does.Contain("did not finish"));
        Assert.That(Environment.CurrentDirectory, Is.EqualTo(before));
    }

    [Test]
    public void TorchRunsOnOneThreadInsideTheProgram()
    {
        var run = RunLast(Md(
            "```csharp",
            "using TorchSharp;",
            "using var t = torch.ones(3);",
            "Console.Write($\"{torch.get_num_threads()} {t.sum().item<float>()}\");",
            "```"));
        Assert.That(run.Succeeded, run.Report());
        Assert.That(run.Output, Is.EqualTo("1 3"));
    }
}
