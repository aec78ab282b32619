using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.Ecology.Tests;

namespace LmOrganisms.Cli.Tests;

/// <summary>
/// Issue 14 §4 through the tool: non-regular files, sizes beyond memory, device destinations, control characters in
/// names, unknown commands. Bad input exits 1 with one line on stderr naming the file and the field.
/// </summary>
[NonParallelizable]
public sealed class HostileInputTests
{
    private string dir = null!;

    [SetUp]
    public void MakeFolder() => dir = Directory.CreateTempSubdirectory("lmo-cli-hostile-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(dir, recursive: true);

    private static void AssertBadInput((int Exit, string Out, string Err) run, string expected)
    {
        Assert.That(run.Exit, Is.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("lmo: error: ").And.Contain(expected));
        Assert.That(run.Err.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), "one line");
    }

    [Test]
    public void Devices_fifos_and_directories_are_refused_as_such()
    {
        if (File.Exists("/dev/zero"))
        {
            AssertBadInput(CliHarness.Run("process", "show", "/dev/zero"), "Process file '/dev/zero' is a character device, not a regular file");
            AssertBadInput(CliHarness.Run("ecology", "analyse", "/dev/urandom"), "Ecology file '/dev/urandom' is a character device");
        }
        var folder = Path.Combine(dir, "p.json");
        Directory.CreateDirectory(folder);
        AssertBadInput(CliHarness.Run("process", "show", folder), $"Process file '{folder}' is a directory, not a regular file");
        var fifo = Path.Combine(dir, "fifo.json");
        if (Fifo.TryCreate(fifo))
        {
            var run = Task.Run(() => CliHarness.Run("ecology", "show", fifo));
            Assert.That(run.Wait(TimeSpan.FromSeconds(20)), Is.True, "blocked on a FIFO");
            AssertBadInput(run.Result, "is a FIFO (named pipe)");
        }
    }

    [Test]
    public void Unknown_commands_are_named()
    {
        AssertBadInput(CliHarness.Run("frobnicate"), "unknown command 'frobnicate' for 'lmo'; the commands are process, ecology, evolve, train, probe");
        AssertBadInput(CliHarness.Run("ecology", "frob"), "unknown command 'frob' for 'lmo ecology'");
        AssertBadInput(CliHarness.Run("process", "show", "mess3", "--frob"), "--frob");
    }

    [Test]
    public void Work_beyond_memory_is_refused_up_front_with_the_estimate()
    {
        AssertBadInput(CliHarness.Run("process", "sample", "mess3", "--count", "1", "--length", "2147483647"), "count × length = 1 × 2,147,483,647 = 2,147,483,647 tokens (8.0 GiB)");
        AssertBadInput(CliHarness.Run("process", "sample", "mess3", "--count", "2147483647", "--length", "1"), "2,147,483,647 tokens");
        AssertBadInput(CliHarness.Run("process", "sample", "mess3", "--count", "100000", "--length", "100000", "--json"), "of memory available to this process; refused before starting");
        var clock = Stopwatch.StartNew();
        AssertBadInput(CliHarness.Run("train", "--process", "mess3", "--batch", "2147483647", "--out", Path.Combine(dir, "a")), "--batch 2,147,483,647: one training step");
        AssertBadInput(CliHarness.Run("train", "--process", "mess3", "--steps", "2", "--batch", "1000000", "--out", Path.Combine(dir, "b")), "of memory available to this process; refused before starting");
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(60));
        Assert.That(Directory.Exists(Path.Combine(dir, "b")), Is.False, "nothing was started");
    }

    [Test]
    public void A_checkpoint_with_a_long_context_on_mess3_is_refused_before_probing()
    {
        var path = Path.Combine(dir, "ctx16.safetensors");
        using (var model = Transformer.Create(TransformerPresets.BeliefGeometry with { ContextLength = 16 }, seed: 1)) model.Save(path);
        var clock = Stopwatch.StartNew();
        AssertBadInput(CliHarness.Run("probe", "--run", path, "--process", "mess3", "--out", Path.Combine(dir, "probe")),
            "Process 'mess3' has 43,046,721 positive-probability words of length 16 (the model's context length)");
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(60));
    }

    [Test]
    public void A_device_destination_is_refused_not_replaced()
    {
        var eco = Path.Combine(dir, "e.json");
        FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 0.5).World("w2", 0.5).Context("c1", 1)
            .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9).Build().Save(eco);
        if (!File.Exists("/dev/full")) Assert.Ignore("No /dev/full on this system.");
        AssertBadInput(CliHarness.Run("ecology", "mix", eco, eco, "--alpha", "0.5", "--out", "/dev/full"), "Cannot write '/dev/full': it is a character device");
        using var test = Process.Start(new ProcessStartInfo("test", "-c /dev/full") { UseShellExecute = false })!;
        test.WaitForExit();
        Assert.That(test.ExitCode, Is.Zero, "/dev/full is still a character device");
        var folder = Path.Combine(dir, "out.json");
        Directory.CreateDirectory(folder);
        AssertBadInput(CliHarness.Run("ecology", "mix", eco, eco, "--alpha", "0.5", "--out", folder), "it is a directory");
    }

    [Test]
    public void Control_characters_in_names_are_escaped_when_printed()
    {
        var path = Path.Combine(dir, "evil.json");
        HiddenMarkovProcess.Create("evil\0name\u001b[31m", ["x\u001b]0;pwned\u0007", "y"], ["A"], new double[][][] { [[0.5]], [[0.5]] }).Save(path);
        foreach (var args in new[] { new[] { "process", "show", path }, ["process", "sample", path, "--count", "2", "--length", "4"] })
        {
            var (exit, stdout, stderr) = CliHarness.Run(args);
            Assert.That(exit, Is.Zero, stderr);
            Assert.That(stdout.IndexOfAny(['\0', '\u001b', '\u0007']), Is.EqualTo(-1), string.Join(" ", args));
            Assert.That(stdout, Does.Contain(@"x\u001B]0;pwned\u0007"));
        }
        Assert.That(CliHarness.Run("process", "show", path).Out, Does.Contain(@"evil\u0000name\u001B[31m"));
        File.WriteAllText(path, "{\"name\": \"p\", \"alphabet\": [\"\\u001b[2J\", \"\\u001b[2J\"], \"states\": [\"A\"], \"transitions\": {\"\\u001b[2J\": [[1]]}}");
        var bad = CliHarness.Run("process", "show", path);
        AssertBadInput(bad, @"In ""alphabet"": Duplicate symbol name '\u001B[2J'");
        Assert.That(bad.Err.IndexOf('\u001b'), Is.EqualTo(-1));
    }

    [Test]
    public void A_process_without_a_unique_stationary_law_is_bad_input_not_a_failure()
    {
        var path = Path.Combine(dir, "two.json");
        File.WriteAllText(path, "{\"name\": \"two\", \"alphabet\": [\"a\"], \"states\": [\"A\", \"B\"], \"transitions\": {\"a\": [[1, 0], [0, 1]]}}");
        AssertBadInput(CliHarness.Run("process", "sample", path), $"Process file '{path}': Process 'two' has no unique stationary distribution");
    }

    [Test]
    public void Invalid_utf8_is_refused_with_the_byte_offset()
    {
        var path = Path.Combine(dir, "bad.json");
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"name\": \"p\", \"alphabet\": [\"A\", \"B\"]}");
        bytes[29] = 0xC3;   // the start of a two-byte sequence, followed by '"'
        File.WriteAllBytes(path, bytes);
        AssertBadInput(CliHarness.Run("process", "show", path), $"Process file '{path}' is not valid UTF-8: invalid byte 0xC3 at byte offset 29");
    }
}
