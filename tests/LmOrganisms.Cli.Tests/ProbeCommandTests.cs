using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Tests;

[NonParallelizable]
public sealed class ProbeCommandTests
{
    [Test]
    public void ProbesATrainedRunAndWritesTheReport()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-cli-probe-").FullName;
        try
        {
            var run = Path.Combine(dir, "run");
            var train = CliHarness.Run("train", "--process", "golden-mean", "--preset", "microgpt", "--steps", "20", "--batch", "16", "--out", run, "--json");
            Assert.That(train.Exit, Is.Zero, train.Err);
            var output = Path.Combine(dir, "probe");
            var (exit, stdout, stderr) = CliHarness.Run("probe", "--run", run, "--process", "golden-mean", "--out", output, "--json");
            Assert.That(exit, Is.Zero, stderr);
            var report = JsonNode.Parse(stdout)!;
            // Golden mean, context 10: 144 positive-probability words of length 10 (Fibonacci), 1,440 rows.
            Assert.That(report["rows"]!.GetValue<int>(), Is.EqualTo(1440));
            var optimal = report["optimalLossPerPosition"]!.AsArray().Select(v => v!.GetValue<double>());
            Assert.That(optimal, Is.All.EqualTo(2.0 / 3 * Math.Log(2)).Within(1e-12));
            foreach (var probe in report["probes"]!.AsArray())
            {
                double r2 = probe!["beliefR2"]!.GetValue<double>();
                Assert.That(r2, Is.InRange(0.0, 1.0 + 1e-12));
            }
            // Usable information: every probe bound in [0, exact]; the golden mean is order-1 Markov, so S^cond_2 = 0.
            var usable = report["usableInformation"]!;
            Assert.That(usable["contextLength"]!.GetValue<int>(), Is.EqualTo(10));
            foreach (var q in usable["quantities"]!.AsArray())
            {
                double exact = q!["exactNats"]!.GetValue<double>(), bound = q["probeLowerBoundNats"]!.GetValue<double>();
                Assert.That(bound, Is.InRange(-1e-12, exact + 1e-9), q["quantity"]!.GetValue<string>());
            }
            Assert.That(usable["quantities"]![2]!["exactNats"]!.GetValue<double>(), Is.EqualTo(0).Within(1e-9));
            foreach (var f in new[] { "report.md", "report.json", "loss-per-position.png", "layers.png" })
                Assert.That(File.Exists(Path.Combine(output, f)), Is.True, f);

            // The run's training checkpoint (weights named model.*, with the optimiser state) probes to the same report.
            var fromCheckpoint = CliHarness.Run("probe", "--run", Path.Combine(run, "checkpoint.safetensors"), "--process", "golden-mean", "--out", Path.Combine(dir, "probe-checkpoint"), "--json");
            Assert.That(fromCheckpoint.Exit, Is.Zero, fromCheckpoint.Err);
            var again = JsonNode.Parse(fromCheckpoint.Out)!;
            Assert.That(again["probes"]!.ToJsonString(), Is.EqualTo(report["probes"]!.ToJsonString()));
            Assert.That(again["usableInformation"]!.ToJsonString(), Is.EqualTo(report["usableInformation"]!.ToJsonString()));

            var bad = CliHarness.Run("probe", "--run", run, "--process", "mess3", "--out", output);
            Assert.That(bad.Exit, Is.EqualTo(1));
            Assert.That(bad.Err, Does.Contain("vocabulary 2; process 'mess3' has 3 symbols"));
            bad = CliHarness.Run("probe", "--run", Path.Combine(dir, "missing"), "--process", "golden-mean", "--out", output);
            Assert.That(bad.Exit, Is.EqualTo(1));
            Assert.That(bad.Err, Does.Contain("neither a run folder nor a weights file"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
