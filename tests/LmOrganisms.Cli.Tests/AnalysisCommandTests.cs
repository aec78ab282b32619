using System.Text.Json.Nodes;
using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Tests;

/// <summary>The analysis commands added by the InformationTheory, BeliefStates and Evolution layers.</summary>
[NonParallelizable]
public sealed class AnalysisCommandTests
{
    private string dir = null!;
    private string t2 = null!;

    [OneTimeSetUp]
    public void WriteT2()
    {
        dir = Directory.CreateTempSubdirectory("lmo-cli-analysis-").FullName;
        t2 = Path.Combine(dir, "t2.json");
        FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 0.5).World("w2", 0.5).Context("c1", 1)
            .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9).Build().Save(t2);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(dir, recursive: true);

    [Test]
    public void EcologyAnalyseGivesTheT2Numbers()
    {
        // Task-ecology spec §4.3 T2: floor 0.3250829734, merged excess 0.3680642072, beta* = 0.5310044064.
        var (exit, stdout, stderr) = CliHarness.Run("ecology", "analyse", t2, "--json");
        Assert.That(exit, Is.Zero, stderr);
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["floor"]!.GetValue<double>(), Is.EqualTo(0.3250829734).Within(1e-10));
        Assert.That(doc["quotientPartition"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(doc["separationMatrix"]![0]![1]!.GetValue<double>(), Is.EqualTo(0.4).Within(1e-12));
        var text = CliHarness.Run("ecology", "analyse", t2).Out;
        Assert.That(text, Does.Contain("beta_min         0.5310044064"));
        Assert.That(text, Does.Contain("0.3680642072"));
    }

    [Test]
    public void EcologyMixWritesTheMixture()
    {
        var output = Path.Combine(dir, "mix.json");
        var (exit, _, stderr) = CliHarness.Run("ecology", "mix", t2, t2, "--alpha", "0.25", "--out", output);
        Assert.That(exit, Is.Zero, stderr);
        var mix = FiniteEcology.Load(output);
        Assert.That(mix.ContextWeights, Is.EqualTo(new[] { 0.75, 0.25 }).Within(1e-15));
        Assert.That(CliHarness.Run("ecology", "mix", t2, t2, "--alpha", "2").Exit, Is.Not.Zero);
    }

    [Test]
    public void ProcessAnalyseGivesRrxorFacts()
    {
        // RRXOR: entropy rate 2/3 bit; MSP of 36 states with 5 recurrent (belief-geometry spec §2.2).
        var (exit, stdout, stderr) = CliHarness.Run("process", "analyse", "rrxor", "--json");
        Assert.That(exit, Is.Zero, stderr);
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["entropyRate"]!["bits"]!.GetValue<double>(), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(doc["msp"]!["closed"]!.GetValue<bool>(), Is.True);
        Assert.That(doc["msp"]!["recurrentStates"]!.AsArray(), Has.Count.EqualTo(5));
    }

    [Test]
    public void EvolveReplicatorGivesTheSpecVector()
    {
        // Task-ecology spec §4.10: one step (0.4333333333, 0.5666666667); Perron λ = 1.6531128874.
        var (exit, stdout, stderr) = CliHarness.Run("evolve", "replicator", "-w", "1,2", "-q", "0.9,0.1;0.2,0.8", "--json");
        Assert.That(exit, Is.Zero, stderr);
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["step"]![0]!.GetValue<double>(), Is.EqualTo(13.0 / 30).Within(1e-12));
        Assert.That(doc["equilibrium"]!["eigenvalue"]!.GetValue<double>(), Is.EqualTo(1.6531128874).Within(1e-9));
        var bad = CliHarness.Run("evolve", "replicator", "-w", "1,x");
        Assert.That(bad.Exit, Is.Not.Zero);
        Assert.That(bad.Err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
    }
}
