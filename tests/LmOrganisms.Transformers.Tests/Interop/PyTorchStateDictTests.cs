using System.Collections;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.PyBridge;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// PyTorch state dicts both ways: <c>.pt</c> files written by <c>torch.save</c> (Fixtures/PyTorch, made by
/// make_fixtures.py) load into our Transformer with the logits of the same weights in safetensors; our <c>.pt</c>
/// export reads back through PyBridge and matches the file PyTorch verified (exported-by-lmo.verified.json).
/// </summary>
[NonParallelizable]
public sealed class PyTorchStateDictTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "lmo-pytorch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    /// <summary>The tiny fixture's architecture (make_fixtures.py: TINY, LayerNorm with biases, ReLU).</summary>
    private static readonly TransformerConfig Tiny = new(Layers: 2, DModel: 8, Heads: 2, DHead: 4, DMlp: 16, ContextLength: 6, Vocabulary: 3);

    private static float[] Logits(Transformer model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tokens = torch.randint(0, model.Config.Vocabulary, [4, model.Config.ContextLength], generator: new torch.Generator(3));
        return model.call(tokens).to(torch.ScalarType.Float32).data<float>().ToArray();
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        Assert.That(a, Has.Length.EqualTo(b.Length));
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }

    [Test]
    public void TorchSavedStateDictGivesTheLogitsOfTheSameWeightsInSafetensors()
    {
        // tiny.pt is torch.save(model.state_dict()) with TransformerLens names and its mask/IGNORE buffers.
        using var fromPyTorch = Transformer.Load(TestData.PyTorchFixture("tiny.pt"));
        using var fromSafetensors = Transformer.Load(TestData.PyTorchFixture("tiny.safetensors"));
        Assert.That(fromPyTorch.Config, Is.EqualTo(Tiny));
        Assert.That(fromSafetensors.Config, Is.EqualTo(Tiny));
        Assert.That(MaxDifference(Logits(fromPyTorch), Logits(fromSafetensors)), Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void TensorsReadFromTheFixtureMatchPythonsSums()
    {
        var summary = JsonNode.Parse(File.ReadAllText(TestData.PyTorchFixture("tiny.json")))!["tensors"]!.AsObject();
        using var content = PyTorchStateDict.Read(TestData.PyTorchFixture("tiny.pt"));
        Assert.That(content.Tensors.Keys, Is.EquivalentTo(summary.Select(kv => kv.Key)));
        Assert.That(content.Metadata, Is.Empty);
        foreach (var (name, expected) in summary)
        {
            var t = content.Tensors[name];
            Assert.That(t.shape, Is.EqualTo(expected!["shape"]!.AsArray().Select(v => v!.GetValue<long>())), name);
            Assert.That(t.dtype.ToString().ToLowerInvariant(), Does.StartWith(expected["dtype"]!.GetValue<string>() == "bool" ? "bool" : "float"), name);
            if (t.is_floating_point())
                Assert.That(t.to(torch.ScalarType.Float64).sum().item<double>(), Is.EqualTo(expected["sum"]!.GetValue<double>()).Within(1e-9), name);
        }
    }

    [Test]
    public void Float64StateDictLoadsIntoTheFloat32Model()
    {
        using var fromFloat64 = Transformer.Load(TestData.PyTorchFixture("tiny-float64.pt"));
        using var fromSafetensors = Transformer.Load(TestData.PyTorchFixture("tiny.safetensors"));
        Assert.That(MaxDifference(Logits(fromFloat64), Logits(fromSafetensors)), Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void ASiblingTrainConfigGivesWhatTheWeightsCannotShow()
    {
        // gelu/model.pt sits next to the paper-style train_config.json with act_fn "gelu": inference alone would say ReLU.
        var config = TransformerConfig.Load(TestData.PyTorchFixture("gelu/train_config.json"));
        Assert.That(config, Is.EqualTo(Tiny with { Activation = ActivationKind.Gelu }));
        using var fromPyTorch = Transformer.Load(TestData.PyTorchFixture("gelu/model.pt"));
        Assert.That(fromPyTorch.Config, Is.EqualTo(config));
        using var reference = Transformer.Load(TestData.PyTorchFixture("gelu.safetensors"), config);
        Assert.That(MaxDifference(Logits(fromPyTorch), Logits(reference)), Is.LessThanOrEqualTo(1e-6));
        using var inferred = Transformer.Load(TestData.PyTorchFixture("gelu.safetensors"));
        Assert.That(inferred.Config.Activation, Is.EqualTo(ActivationKind.Relu));
        Assert.That(MaxDifference(Logits(fromPyTorch), Logits(inferred)), Is.GreaterThan(1e-4));
    }

    [Test]
    public void ASiblingConfigThatDoesNotFitIsNamed()
    {
        var path = Path.Combine(dir, "model.pt");
        File.Copy(TestData.PyTorchFixture("tiny.pt"), path);
        File.WriteAllText(Path.Combine(dir, "train_config.json"), """{"n_layers": 3, "d_model": 8, "n_heads": 2, "d_head": 4, "d_mlp": 16, "n_ctx": 6, "d_vocab": 3}""");
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("train_config.json").And.Contain("blocks.2"));
        File.WriteAllText(Path.Combine(dir, "config.json"), """{"n_layers": 2, "d_model": 8, "n_heads": 2, "act_fn": "gelu_new", "n_ctx": 6, "d_vocab": 3}""");
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain("config.json").And.Contain("act_fn = gelu_new").And.Contain("Transformer.Load(path, config)"));
        using var given = Transformer.Load(path, Tiny);
        Assert.That(given.Config, Is.EqualTo(Tiny));
    }

    [TestCase("model.pt")]
    [TestCase("model.PTH")]
    public void SaveByExtensionWritesAStateDictThatReadsBackWithPyBridgeAndLoads(string name)
    {
        var config = TransformerPresets.MicroGpt(vocabulary: 4, layers: 2, dModel: 8, heads: 2, contextLength: 6) with { Activation = ActivationKind.Gelu };
        using var model = Transformer.Create(config, seed: 9);
        var path = Path.Combine(dir, name);
        model.Save(path);
        Assert.That(File.ReadAllBytes(path)[..4], Is.EqualTo("PK\u0003\u0004"u8.ToArray()));

        // Read back with PyBridge directly (independent of our reader): the parameters, plus TransformerLens' buffers.
        var table = PyTorchUnpickler.UnpickleStateDict(path);
        var parameters = model.StateDict();
        Assert.That(table.Keys.Cast<string>().Where(k => !k.EndsWith(".attn.mask", StringComparison.Ordinal) && !k.EndsWith(".attn.IGNORE", StringComparison.Ordinal)),
            Is.EquivalentTo(parameters.Keys));
        foreach (var (key, p) in parameters)
        {
            var t = (torch.Tensor)table[key]!;
            Assert.That(t.dtype, Is.EqualTo(torch.ScalarType.Float32), key);
            Assert.That(t.requires_grad, Is.False, key);
            Assert.That(t.eq(p).all().item<bool>(), Is.True, key);
        }
        var mask = (torch.Tensor)table["blocks.1.attn.mask"]!;
        Assert.That(mask.dtype, Is.EqualTo(torch.ScalarType.Bool));
        Assert.That(mask.eq(torch.ones(6, 6, torch.ScalarType.Bool).tril()).all().item<bool>(), Is.True);
        Assert.That(((torch.Tensor)table["blocks.0.attn.IGNORE"]!).item<float>(), Is.EqualTo(float.NegativeInfinity));
        foreach (DictionaryEntry entry in table) ((torch.Tensor)entry.Value!).Dispose();

        // The configuration travels in the archive; a GELU microgpt is not inferable from shapes, so this proves it.
        using var loaded = Transformer.Load(path);
        Assert.That(loaded.Config, Is.EqualTo(config));
        Assert.That(Logits(loaded), Is.EqualTo(Logits(model)));
    }

    [Test]
    public void ExportIsDeterministicAndEqualsTheFilePyTorchVerified()
    {
        // exported-by-lmo.pt was written by 'lmo export tiny.safetensors' and checked in PyTorch by verify_export.py:
        // torch.load(weights_only=True), load_state_dict(strict=True) into a HookedTransformer-shaped module, every
        // tensor equal to tiny.pt's. A fresh export gives the same bytes, so PyTorch reads what we write today.
        var verified = JsonNode.Parse(File.ReadAllText(TestData.PyTorchFixture("exported-by-lmo.verified.json")))!;
        Assert.That(verified["max_abs_diff_vs_tiny_pt"]!.GetValue<double>(), Is.Zero);
        Assert.That(verified["load_state_dict_strict"]!.GetValue<bool>(), Is.True);
        Assert.That(verified["torch_load_weights_only"]!.GetValue<bool>(), Is.True);
        var committed = File.ReadAllBytes(TestData.PyTorchFixture("exported-by-lmo.pt"));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(committed)), Is.EqualTo(verified["sha256"]!.GetValue<string>()));

        using var model = Transformer.Load(TestData.PyTorchFixture("tiny.safetensors"));
        var first = Path.Combine(dir, "first.pt");
        var second = Path.Combine(dir, "second.pt");
        model.Save(first);
        model.Save(second);
        Assert.That(File.ReadAllBytes(first), Is.EqualTo(File.ReadAllBytes(second)));
        Assert.That(File.ReadAllBytes(first), Is.EqualTo(committed));
        Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(2), "no temporary file is left behind");
    }

    [Test]
    public void LoadTellsTheFormatByContentNotByName()
    {
        using var model = Transformer.Load(TestData.PyTorchFixture("tiny.safetensors"));
        var pyTorchNamedLikeSafetensors = Path.Combine(dir, "weights.safetensors");
        File.Copy(TestData.PyTorchFixture("tiny.pt"), pyTorchNamedLikeSafetensors);
        var safetensorsNamedLikePyTorch = Path.Combine(dir, "weights.pt");
        File.Copy(TestData.PyTorchFixture("tiny.safetensors"), safetensorsNamedLikePyTorch);
        using var a = Transformer.Load(pyTorchNamedLikeSafetensors);
        using var b = Transformer.Load(safetensorsNamedLikePyTorch);
        Assert.That(Logits(a), Is.EqualTo(Logits(model)));
        Assert.That(Logits(b), Is.EqualTo(Logits(model)));
    }

    [Test]
    public void ParseReadsBytesAndSerializeWritesThem()
    {
        using var fromFile = PyTorchStateDict.Read(TestData.PyTorchFixture("tiny.pt"));
        using var fromBytes = PyTorchStateDict.Parse(File.ReadAllBytes(TestData.PyTorchFixture("tiny.pt")), "tiny in memory");
        Assert.That(fromBytes.Tensors.Keys, Is.EquivalentTo(fromFile.Tensors.Keys));
        var metadata = new Dictionary<string, string> { ["note"] = "ünïcode ✓", ["format"] = "pt" };
        using var again = PyTorchStateDict.Parse(PyTorchStateDict.Serialize(fromFile.Tensors, metadata));
        Assert.That(again.Metadata, Is.EqualTo(metadata));
        foreach (var (name, t) in fromFile.Tensors)
        {
            Assert.That(again.Tensors[name].dtype, Is.EqualTo(t.dtype), name);
            Assert.That(again.Tensors[name].eq(t).all().item<bool>(), Is.True, name);
        }
        var e = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Parse("not a state dict"u8.ToArray(), "my bytes"));
        Assert.That(e!.Message, Does.Contain("'my bytes'"));
    }

    [Test]
    public void WriteRefusesADtypeItCannotStoreAndNamesTheTensor()
    {
        using var complex = torch.zeros(2, torch.ScalarType.ComplexFloat32);
        var e = Assert.Throws<ArgumentException>(() => PyTorchStateDict.Write(Path.Combine(dir, "c.pt"), new Dictionary<string, torch.Tensor> { ["z"] = complex }));
        Assert.That(e!.Message, Does.Contain("'z'").And.Contain("ComplexFloat32"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
    }

    [Test]
    public void ExtensionDecidesTheFormatSaveWrites()
    {
        Assert.That(PyTorchStateDict.HasPyTorchExtension("a/b/model.pt"), Is.True);
        Assert.That(PyTorchStateDict.HasPyTorchExtension("model.Pth"), Is.True);
        Assert.That(PyTorchStateDict.HasPyTorchExtension("model.safetensors"), Is.False);
        Assert.That(PyTorchStateDict.HasPyTorchExtension("model.pt.bak"), Is.False);
    }

    [Test]
    public void InvalidMetadataRecordIsNamed()
    {
        var path = Path.Combine(dir, "model.pt");
        using (var model = Transformer.Load(TestData.PyTorchFixture("tiny.safetensors"))) model.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("model/extra/metadata.json")!.Delete();
            using var w = new StreamWriter(zip.CreateEntry("model/extra/metadata.json").Open());
            w.Write("""{"config": 3}""");
        }
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("extra/metadata.json").And.Contain("'config'"));
    }
}
