using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Tests;

/// <summary>
/// Issue 14 §4, kill -9 during `lmo train`'s final writes: files are written atomically, a completion marker last; the
/// next run in the folder removes the temporaries killed writers left, and `lmo probe --run` says what is missing.
/// The states a kill leaves are made by hand here (docs/reliability.md shows the real kill).
/// </summary>
[NonParallelizable]
public sealed class RunCompletenessTests
{
    [Test]
    public void An_interrupted_run_is_refused_by_probe_and_cleaned_by_the_next_train()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-cli-run-").FullName;
        try
        {
            var run = Path.Combine(dir, "run");
            string[] train = ["train", "--process", "golden-mean", "--preset", "microgpt", "--steps", "2", "--batch", "4", "--out", run, "--json"];
            var first = CliHarness.Run(train);
            Assert.That(first.Exit, Is.Zero, first.Err);
            var marker = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "complete.json")))!;
            Assert.That(marker["files"]!.AsObject().Select(kv => kv.Key),
                Is.EqualTo(new[] { "checkpoint.safetensors", "weights.safetensors", "config.json", "metrics.json" }));
            Assert.That(marker["files"]!["weights.safetensors"]!.GetValue<long>(), Is.EqualTo(new FileInfo(Path.Combine(run, "weights.safetensors")).Length));

            // What a kill after the checkpoint's rename and during the weights' write leaves behind.
            foreach (var f in new[] { "weights.safetensors", "config.json", "metrics.json", "complete.json" }) File.Delete(Path.Combine(run, f));
            int dead;
            using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
            {
                gone.WaitForExit();
                dead = gone.Id;
            }
            var stale = Path.Combine(run, $".weights.safetensors.{dead}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(stale, "half a file");

            var probe = CliHarness.Run("probe", "--run", run, "--process", "golden-mean", "--out", Path.Combine(dir, "probe"));
            Assert.That(probe.Exit, Is.EqualTo(1), probe.Err);
            Assert.That(probe.Err, Does.Contain($"Run folder '{run}' is incomplete: it has no complete.json")
                .And.Contain("Present: checkpoint.safetensors; missing: weights.safetensors, config.json, metrics.json")
                .And.Contain($"Rerun 'lmo train --out {run}'"));

            var second = CliHarness.Run(train);
            Assert.That(second.Exit, Is.Zero, second.Err);
            Assert.That(File.Exists(stale), Is.False, "the stale temporary is removed");
            Assert.That(Directory.GetFiles(run, "*.tmp").Concat(Directory.GetFiles(run, ".*")), Is.Empty);
            Assert.That(File.Exists(Path.Combine(run, "complete.json")), Is.True);

            // A file changed after the run.
            File.AppendAllText(Path.Combine(run, "config.json"), " ");
            probe = CliHarness.Run("probe", "--run", run, "--process", "golden-mean", "--out", Path.Combine(dir, "probe"));
            Assert.That(probe.Exit, Is.EqualTo(1), probe.Err);
            Assert.That(probe.Err, Does.Contain("config.json has").And.Contain("the folder was changed after the run"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
