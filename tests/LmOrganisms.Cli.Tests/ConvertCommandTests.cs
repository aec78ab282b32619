using System.Text.Json.Nodes;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Cli.Tests;

/// <summary><c>lmo export</c> (weights → PyTorch .pt) and <c>lmo import</c> (.pt → safetensors with the configuration).</summary>
[NonParallelizable]
public sealed class ConvertCommandTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("lmo-cli-convert-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    private static bool SameLogits(Transformer a, Transformer b)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tokens = torch.randint(0, a.Config.Vocabulary, [3, a.Config.ContextLength], generator: new torch.Generator(1));
        return a.call(tokens).eq(b.call(tokens)).all().item<bool>();
    }

    [Test]
    public void ExportThenImportGivesBackTheModelAndItsConfiguration()
    {
        // GELU microgpt: neither the activation nor the norm can be inferred, so the configuration must travel.
        var config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 5) with { Activation = ActivationKind.Gelu };
        using var model = Transformer.Create(config, seed: 3);
        var weights = Path.Combine(dir, "weights.safetensors");
        model.Save(weights);
        var pt = Path.Combine(dir, "model.pt");
        var export = CliHarness.Run("export", dir, "--out", pt, "--json");  // a run folder stands for its weights.safetensors
        Assert.That(export.Exit, Is.Zero, export.Err);
        var report = JsonNode.Parse(export.Out)!;
        Assert.That(report["format"]!.GetValue<string>(), Is.EqualTo("pytorch"));
        Assert.That(report["parameters"]!.GetValue<long>(), Is.EqualTo(model.ParameterCount));

        var back = Path.Combine(dir, "back.safetensors");
        var import = CliHarness.Run("import", pt, "--out", back);
        Assert.That(import.Exit, Is.Zero, import.Err);
        Assert.That(import.Out, Does.StartWith($"wrote {back} (safetensors)").And.Contain("Gelu"));
        using var fromPt = Transformer.Load(pt);
        using var roundTrip = Transformer.Load(back);
        Assert.That(fromPt.Config, Is.EqualTo(config));
        Assert.That(roundTrip.Config, Is.EqualTo(config));
        Assert.That(SameLogits(roundTrip, model), Is.True);
    }

    [Test]
    public void ImportTakesATransformerLensConfiguration()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry with { Activation = ActivationKind.Gelu }, seed: 2);
        var bare = Path.Combine(dir, "bare.pt");
        TorchSharp.PyBridge.PyTorchPickler.PickleStateDict(bare, new System.Collections.Hashtable(model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value)));
        var lens = Path.Combine(dir, "lens.json");
        File.WriteAllText(lens, """{"n_layers": 4, "d_model": 64, "n_heads": 1, "d_head": 8, "d_mlp": 256, "n_ctx": 10, "d_vocab": 3, "act_fn": "gelu", "normalization_type": "LN"}""");
        var output = Path.Combine(dir, "out.safetensors");
        var (exit, _, err) = CliHarness.Run("import", bare, "--out", output, "--config", lens);
        Assert.That(exit, Is.Zero, err);
        using var loaded = Transformer.Load(output);
        Assert.That(loaded.Config.Activation, Is.EqualTo(ActivationKind.Gelu));
        Assert.That(SameLogits(loaded, model), Is.True);
    }

    [Test]
    public void BadInputsExitOneWithOneLineNamingTheFile()
    {
        var text = Path.Combine(dir, "notes.pt");
        File.WriteAllText(text, "these are not weights, only words");
        var (exit, stdout, stderr) = CliHarness.Run("import", text, "--out", Path.Combine(dir, "x.safetensors"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.StartWith("lmo: error: ").And.Contain(text));

        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        var weights = Path.Combine(dir, "w.safetensors");
        model.Save(weights);
        var wrongOut = CliHarness.Run("export", weights, "--out", Path.Combine(dir, "w2.safetensors"));
        Assert.That(wrongOut.Exit, Is.EqualTo(1));
        Assert.That(wrongOut.Err, Does.Contain("must end in .pt or .pth"));
        wrongOut = CliHarness.Run("import", weights, "--out", Path.Combine(dir, "w.pt"));
        Assert.That(wrongOut.Exit, Is.EqualTo(1));
        Assert.That(wrongOut.Err, Does.Contain("lmo export"));
        var missing = CliHarness.Run("export", Path.Combine(dir, "missing.safetensors"), "--out", Path.Combine(dir, "m.pt"));
        Assert.That(missing.Exit, Is.EqualTo(1));
        Assert.That(missing.Err, Does.Contain("missing.safetensors"));
        var badConfig = CliHarness.Run("export", weights, "--out", Path.Combine(dir, "m.pt"), "--config", text);
        Assert.That(badConfig.Exit, Is.EqualTo(1));
        Assert.That(badConfig.Err, Does.Contain(text));
        Assert.That(File.Exists(Path.Combine(dir, "m.pt")), Is.False);
    }
}
