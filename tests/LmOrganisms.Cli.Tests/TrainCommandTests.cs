using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Tests;

[NonParallelizable]
public sealed class TrainCommandTests
{
    [Test]
    public void TinyRunWritesCheckpointConfigAndMetricsWithTheOptimalLoss()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-cli-train-").FullName;
        try
        {
            var (exit, stdout, stderr) = CliHarness.Run("train", "--process", "golden-mean", "--preset", "microgpt",
                "--steps", "4", "--batch", "8", "--seed", "3", "--out", dir, "--json");
            Assert.That(exit, Is.Zero, stderr);
            var doc = JsonNode.Parse(stdout)!;
            Assert.That(doc["loss_curve"]!.AsArray(), Has.Count.EqualTo(4));
            // Golden mean is order-1 Markov: every position after the first token has optimal loss H(X2|X1) = (2/3) ln 2.
            var optimal = doc["optimal_loss_per_position"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            Assert.That(optimal, Has.Length.EqualTo(10));
            Assert.That(optimal, Is.All.EqualTo(2.0 / 3 * Math.Log(2)).Within(1e-12));
            foreach (var f in new[] { "checkpoint.safetensors", "weights.safetensors", "config.json", "metrics.json" })
                Assert.That(File.Exists(Path.Combine(dir, f)), Is.True, f);
            Assert.That(CliHarness.Run("train", "--process", "golden-mean", "--steps", "4", "--out", dir, "--preset", "nope").Exit, Is.Not.Zero);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
