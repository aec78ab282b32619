using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Tests;

/// <summary>Issue 14 §4: `ecology analyse` of valid but heavy ecologies, and the priors-sum bug.</summary>
[NonParallelizable]
public sealed class EcologyAnalyseScaleTests
{
    private string dir = null!;

    [SetUp]
    public void MakeFolder() => dir = Directory.CreateTempSubdirectory("lmo-cli-scale-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(dir, recursive: true);

    private static FiniteEcology RandomEcology(int worlds, int contexts, int tokens, int seed)
    {
        var rng = new Random(seed);
        double[] Law(int n)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() + 0.01).ToArray();
            double s = x.Sum();
            return x.Select(v => v / s).ToArray();
        }
        var priors = Law(worlds);
        var next = Enumerable.Range(0, worlds).Select(_ => Enumerable.Range(0, contexts).Select(_ => Law(tokens)).ToArray()).ToArray();
        return FiniteEcology.Create(Enumerable.Range(0, worlds).Select(w => $"w{w}").ToArray(), priors,
            Enumerable.Range(0, contexts).Select(c => $"c{c}").ToArray(), Law(contexts), Enumerable.Range(0, tokens).Select(v => $"v{v}").ToArray(), next);
    }

    [Test]
    public void Priors_summing_to_one_minus_1_6e_14_are_analysed()
    {
        // The report's "random1": the w3 prior 0.1337413047522046, priors summing to 1 − 1.6e-14 (inside 1e-9).
        const string json = """
            { "worlds": [ { "name": "w0", "prior": 0.2 }, { "name": "w1", "prior": 0.3 },
                          { "name": "w2", "prior": 0.36625869524777943 }, { "name": "w3", "prior": 0.1337413047522046 } ],
              "contexts": [ { "name": "c0", "weight": 0.5 }, { "name": "c1", "weight": 0.5 } ],
              "vocabulary": [ "a", "b", "c" ],
              "next": [ [ [0.5, 0.3, 0.2], [0.1, 0.1, 0.8] ], [ [0.2, 0.3, 0.5], [0.6, 0.2, 0.2] ],
                        [ [0.3, 0.3, 0.4], [0.1, 0.7, 0.2] ], [ [0.25, 0.25, 0.5], [0.4, 0.4, 0.2] ] ] }
            """;
        var path = Path.Combine(dir, "random1.json");
        File.WriteAllText(path, json);
        Assert.That(1 - FiniteEcology.Load(path).Priors.Sum(), Is.EqualTo(1.6e-14).Within(1e-15));
        var (exit, stdout, stderr) = CliHarness.Run("ecology", "analyse", path, "--json");
        Assert.That(exit, Is.Zero, stderr);
        var steps = JsonNode.Parse(stdout)!["splitMergePath"]!.AsArray();
        Assert.That(steps[^1]!["partition"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(CliHarness.Run("ecology", "analyse", path, "--beta", "0.1").Exit, Is.Zero);
    }

    [Test]
    public void Twenty_worlds_take_seconds_and_the_path_waits_for_the_option()
    {
        var path = Path.Combine(dir, "w20.json");
        RandomEcology(20, 4, 3, seed: 1).Save(path);
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = CliHarness.Run("ecology", "analyse", path, "--json");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(60));
        TestContext.Out.WriteLine($"20 worlds: {clock.Elapsed.TotalSeconds:F1} s");
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["splitMergePath"], Is.Null);
        Assert.That(doc["betaMin"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(CliHarness.Run("ecology", "analyse", path).Out, Does.Contain("computed up to 16 worlds, or 20 with --path"));
    }

    [Test]
    public void Three_thousand_worlds_stay_far_below_a_gigabyte()
    {
        var path = Path.Combine(dir, "w3000.json");
        RandomEcology(3000, 2, 2, seed: 2).Save(path);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = CliHarness.Run("ecology", "analyse", path, "--json");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(exit, Is.Zero, stderr);
        TestContext.Out.WriteLine($"3,000 worlds: {clock.Elapsed.TotalSeconds:F1} s, {allocated / 1e6:F0} MB allocated in all");
        Assert.That(allocated, Is.LessThan(1L << 30), "every byte allocated, an upper bound of the peak");
        var doc = JsonNode.Parse(stdout)!;
        Assert.That(doc["separationMatrix"], Is.Null);
        Assert.That(doc["separationMargin"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(doc["ecologicalComplexity"]!.GetValue<int>(), Is.EqualTo(3000));
        Assert.That(CliHarness.Run("ecology", "analyse", path, "--beta", "0.1").Err, Does.Contain("limited to 20 worlds; the ecology has 3000"));
    }
}
