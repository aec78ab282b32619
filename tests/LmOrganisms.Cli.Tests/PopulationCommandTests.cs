using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Tests;

[NonParallelizable]
public sealed class PopulationCommandTests
{
    [Test]
    public void SmallPopulationOnProcessesRecordsEveryGenerationAndResumesToTheSameRun()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-cli-population-").FullName;
        try
        {
            string[] args = ["evolve", "population", "--worlds", "mess3,mess3:0.15,0.6", "--size", "4", "--generations", "3",
                "--initial-steps", "8", "--development-steps", "2", "--batch", "8", "--parallelism", "2", "--out", dir, "--json"];
            var (exit, stdout, stderr) = CliHarness.Run(args);
            Assert.That(exit, Is.Zero, stderr);
            var doc = JsonNode.Parse(stdout)!;
            Assert.That(doc["worlds"]!.AsArray().Select(w => w!.GetValue<string>()), Is.EqualTo(new[] { "mess3", "mess3:0.15,0.6" }));
            Assert.That(doc["resumed"]!.GetValue<bool>(), Is.False);
            var generations = doc["generations"]!.AsArray();
            Assert.That(generations, Has.Count.EqualTo(3));
            Assert.That(doc["meanRisk"]!.AsArray(), Has.Count.EqualTo(4));
            foreach (var g in generations)
            {
                double sel = g!["deltaSel"]!.GetValue<double>(), dev = g["deltaDev"]!.GetValue<double>(), mut = g["deltaMut"]!.GetValue<double>();
                int gen = g["generation"]!.GetValue<int>();
                double before = doc["meanRisk"]![gen - 1]!.GetValue<double>(), after = doc["meanRisk"]![gen]!.GetValue<double>();
                Assert.That(sel + dev + mut, Is.EqualTo(after - before).Within(1e-12), $"generation {gen} telescopes");
                Assert.That(g["risks"]!.AsArray(), Has.Count.EqualTo(4));
                Assert.That(g["traits"]!.AsArray().Select(t => t!.GetValue<double>()), Has.All.InRange(0.0, 1.0));
            }
            Assert.That(File.Exists(Path.Combine(dir, "population.json")));
            Assert.That(Directory.GetFiles(Path.Combine(dir, "members")), Has.Length.EqualTo(4));
            // The folder holds a finished run: the command resumes it and reports the same numbers.
            var again = CliHarness.Run(args);
            Assert.That(again.Exit, Is.Zero, again.Err);
            var redo = JsonNode.Parse(again.Out)!;
            Assert.That(redo["resumed"]!.GetValue<bool>(), Is.True);
            Assert.That(redo["generations"]!.ToJsonString(), Is.EqualTo(generations.ToJsonString()));

            var bad = CliHarness.Run("evolve", "population", "--worlds", "mess3", "--size", "0", "--out", Path.Combine(dir, "other"));
            Assert.That(bad.Exit, Is.EqualTo(1));
            Assert.That(bad.Err, Does.Contain("PopulationOptions.Size is 0"));
            Assert.That(bad.Err.Trim().Split('\n'), Has.Length.EqualTo(1));
            var alphabet = CliHarness.Run("evolve", "population", "--worlds", "mess3,golden-mean", "--out", Path.Combine(dir, "other"));
            Assert.That(alphabet.Exit, Is.EqualTo(1));
            Assert.That(alphabet.Err, Does.Contain("must share one alphabet"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
