using System.Text.Json.Nodes;
using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Tests;

[NonParallelizable]
public sealed class ProcessCommandTests
{
    [Test]
    public void ShowPrintsTensorStationaryLawAndUnifilarity()
    {
        var (exit, stdout, stderr) = CliHarness.Run("process", "show", "mess3");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("unifilar    no"));
        Assert.That(stdout, Does.Contain("stationary  (0.333333, 0.333333, 0.333333)"));
        Assert.That(stdout, Does.Contain("0.765"));
    }

    [Test]
    public void ShowJsonIsTheProcessFormatPlusFacts()
    {
        var (exit, stdout, _) = CliHarness.Run("process", "show", "golden-mean", "--json");
        Assert.That(exit, Is.Zero);
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["unifilar"]!.GetValue<bool>(), Is.True);
        Assert.That(doc["stationary"]![0]!.GetValue<double>(), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(HiddenMarkovProcess.FromJson(stdout).ToArray(), Is.EqualTo(Processes.GoldenMean().ToArray()));
    }

    [Test]
    public void ShowReadsAProcessFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-cli-{Guid.NewGuid():N}.json");
        try
        {
            Processes.Z1R().Save(path);
            var (exit, stdout, _) = CliHarness.Run("process", "show", path);
            Assert.That(exit, Is.Zero);
            Assert.That(stdout, Does.Contain("process     z1r"));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void SampleWritesOneSequencePerLineReproducibly()
    {
        var (exit, stdout, _) = CliHarness.Run("process", "sample", "rrxor", "--length", "12", "--count", "3", "--seed", "1");
        Assert.That(exit, Is.Zero);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo(string.Concat(Processes.Rrxor().Sample(3, 12, 1).Row(0).ToArray())));
        Assert.That(CliHarness.Run("process", "sample", "rrxor", "--length", "12", "--count", "3", "--seed", "1").Out, Is.EqualTo(stdout));
    }

    [Test]
    public void SampleJsonHoldsTokens()
    {
        var (exit, stdout, _) = CliHarness.Run("process", "sample", "mess3", "-n", "5", "-k", "2", "-s", "4", "--json");
        Assert.That(exit, Is.Zero);
        var doc = JsonNode.Parse(stdout)!;
        var expected = Processes.Mess3().Sample(2, 5, 4);
        Assert.That(doc["tokens"]![1]!.AsArray().Select(t => t!.GetValue<int>()), Is.EqualTo(expected.Row(1).ToArray()));
    }

    [TestCase(new[] { "process", "show", "nope" }, "Unknown catalog process 'nope'")]
    [TestCase(new[] { "process", "show", "missing.json" }, "Process file 'missing.json' does not exist")]
    [TestCase(new[] { "process", "sample", "mess3", "--length", "0" }, "--length must be at least 1; got 0")]
    [TestCase(new[] { "process", "sample", "mess3", "--length", "x" }, "Cannot parse argument 'x'")]
    [TestCase(new[] { "process", "frobnicate" }, "error")]
    public void BadInputExitsNonZeroWithOneLine(string[] args, string expected)
    {
        var (exit, stdout, stderr) = CliHarness.Run(args);
        Assert.That(exit, Is.Not.Zero);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain(expected));
    }

    [Test]
    public void EcologyShowPrintsAndRoundTripsJson()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-cli-eco-{Guid.NewGuid():N}.json");
        var eco = FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 0.5).World("w2", 0.5).Context("c1", 1)
            .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9).Build();
        try
        {
            eco.Save(path);
            var (exit, stdout, _) = CliHarness.Run("ecology", "show", path);
            Assert.That(exit, Is.Zero);
            Assert.That(stdout, Does.Contain("worlds      2: w1 (0.5), w2 (0.5)"));
            (exit, stdout, _) = CliHarness.Run("ecology", "show", path, "--json");
            Assert.That(exit, Is.Zero);
            Assert.That(FiniteEcology.FromJson(stdout).ToArray(), Is.EqualTo(eco.ToArray()));
            File.WriteAllText(path, "{ \"worlds\": 1 }");
            var bad = CliHarness.Run("ecology", "show", path);
            Assert.That(bad.Exit, Is.EqualTo(1));
            Assert.That(bad.Err, Does.Contain("field \"worlds\" is missing or not an array"));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void HelpExitsZero()
    {
        var (exit, stdout, _) = CliHarness.Run("process", "sample", "--help");
        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("--seed"));
    }
}
