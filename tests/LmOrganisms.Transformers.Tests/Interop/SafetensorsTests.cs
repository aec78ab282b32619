using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

public sealed class SafetensorsTests
{
    [Test]
    public void RoundTripKeepsNamesShapesValuesDtypesAndMetadata()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, torch.Tensor>
        {
            ["a.W"] = torch.randn([3, 4, 5], generator: new torch.Generator(1)),
            ["b"] = torch.tensor(new double[] { 1.5, -2.25 }),
            ["steps"] = torch.tensor(new long[] { 7, 1L << 40 }),
            ["ints"] = torch.tensor(new[] { -3, 4 }),
        };
        var bytes = Safetensors.Serialize(tensors, new Dictionary<string, string> { ["config"] = "{\"x\":1}" });
        Assert.That((bytes.Length - 8 - (long)BitConverter.ToUInt64(bytes, 0)) % 1, Is.Zero);
        Assert.That(BitConverter.ToUInt64(bytes, 0) % 8, Is.Zero);
        using var back = Safetensors.Parse(bytes);
        Assert.That(back.Tensors.Keys, Is.EquivalentTo(tensors.Keys));
        Assert.That(back.Metadata["config"], Is.EqualTo("{\"x\":1}"));
        foreach (var (name, t) in tensors)
        {
            Assert.That(back.Tensors[name].dtype, Is.EqualTo(t.dtype), name);
            Assert.That(back.Tensors[name].shape, Is.EqualTo(t.shape), name);
            Assert.That(back.Tensors[name].eq(t).all().item<bool>(), Is.True, name);
        }
    }

    [Test]
    public void TruncatedFileIsRejectedWithItsName()
    {
        using var t = torch.ones(10);
        var bytes = Safetensors.Serialize(new Dictionary<string, torch.Tensor> { ["x"] = t });
        var e = Assert.Throws<ArgumentException>(() => Safetensors.Parse(bytes.AsSpan(0, bytes.Length - 4), "cut.safetensors"));
        Assert.That(e!.Message, Does.Contain("'x'").And.Contain("cut.safetensors"));
    }

    [Test]
    public void MalformedHeadersAreRejectedWithTheTensorAndTheSource()
    {
        static byte[] WithHeader(string json, int dataBytes)
        {
            var header = System.Text.Encoding.UTF8.GetBytes(json);
            var bytes = new byte[8 + header.Length + dataBytes];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
            header.CopyTo(bytes, 8);
            return bytes;
        }
        ArgumentException Bad(string json, int dataBytes = 16) => Assert.Throws<ArgumentException>(() => Safetensors.Parse(WithHeader(json, dataBytes), "evil.safetensors"))!;
        Assert.Multiple(() =>
        {
            Assert.That(Bad("[1, 2]").Message, Does.Contain("evil.safetensors").And.Contain("not a JSON object"));
            Assert.That(Bad("{\"x\": 3}").Message, Does.Contain("'x'").And.Contain("evil.safetensors"));
            Assert.That(Bad("{\"x\": {\"shape\": [2], \"data_offsets\": [0, 8]}}").Message, Does.Contain("'x'").And.Contain("dtype"));
            Assert.That(Bad("{\"x\": {\"dtype\": \"F32\", \"shape\": [\"2\"], \"data_offsets\": [0, 8]}}").Message, Does.Contain("'x'"));
            Assert.That(Bad("{\"x\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [8, 0]}}").Message, Does.Contain("'x'").And.Contain("negative"));
            Assert.That(Bad("{\"x\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 0]}}").Message, Does.Contain("'x'").And.Contain("data_offsets"));
            Assert.That(Bad("{\"x\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 0]}}").Message, Does.Contain("'x'").And.Contain("data_offsets"));
            Assert.That(Bad("{\"x\": {\"dtype\": \"BF16\", \"shape\": [2], \"data_offsets\": [0, 4]}}").Message, Does.Contain("'x'").And.Contain("BF16"));
            Assert.That(Bad("{\"__metadata__\": {\"config\": 3}}").Message, Does.Contain("'config'").And.Contain("not a string"));
        });
        using var ok = Safetensors.Parse(WithHeader("{\"x\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 16]}}", 16));
        Assert.That(ok.Tensors["x"].shape, Is.EqualTo(new long[] { 2, 2 }));
    }

    [Test]
    public void ModelExportImportGivesIdenticalLogits()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lmo-st-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 4);
            model.Save(path);
            using var content = Safetensors.Read(path);
            var config = TransformerConfig.FromJson(content.Metadata["config"]);
            using var loaded = Transformer.Load(path, config);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var tokens = torch.randint(0, 3, [4, 10], generator: new torch.Generator(2));
            Assert.That(loaded.call(tokens).eq(model.call(tokens)).all().item<bool>(), Is.True);
            Assert.That(Transformer.InferConfig(content.Tensors, path), Is.EqualTo(TransformerPresets.BeliefGeometry));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ImportRejectsMissingUnexpectedAndMisshapenTensors()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        var dict = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        dict.Remove("blocks.2.mlp.b_in");
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(dict));
        Assert.That(e!.Message, Does.Contain("blocks.2.mlp.b_in"));

        dict = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var extra = torch.zeros(3);
        dict["blocks.0.attn.W_X"] = extra;
        dict["blocks.0.attn.IGNORE"] = extra;
        e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(dict));
        Assert.That(e!.Message, Does.Contain("blocks.0.attn.W_X").And.Not.Contain("IGNORE"));

        dict = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var wrong = torch.zeros(3, 65);
        dict["embed.W_E"] = wrong;
        e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(dict));
        Assert.That(e!.Message, Does.Contain("embed.W_E").And.Contain("[3, 65]").And.Contain("[3, 64]"));
    }
}
