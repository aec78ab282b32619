using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// <c>model.Save(path)</c> / <c>Transformer.Load(path)</c> / <c>Transformer.Load(path, config)</c>: the stored configuration
/// is authoritative; without one the configuration is inferred from the tensors, and the load refuses when the norm kind
/// (or a mixture's top-k) cannot be told; files are treated as untrusted.
/// </summary>
[NonParallelizable]
public sealed class TransformerLoadTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "lmo-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    private static IEnumerable<TestCaseData> Configs()
    {
        yield return new TestCaseData(TransformerPresets.BeliefGeometry).SetArgDisplayNames("BeliefGeometry");
        yield return new TestCaseData(TransformerPresets.MicroGpt(vocabulary: 4, layers: 2, dModel: 8, heads: 2, contextLength: 6)).SetArgDisplayNames("MicroGpt");
        yield return new TestCaseData(new TransformerConfig(2, 8, 2, 4, 12, 6, 4) { Experts = 3, TopK = 2, Activation = ActivationKind.Gelu }).SetArgDisplayNames("MixtureOfExperts");
        yield return new TestCaseData(new TransformerConfig(1, 8, 2, 4, 12, 6, 4) { Normalization = NormalizationKind.None, TiedUnembedding = true, LearnedPositions = false }).SetArgDisplayNames("NoNormTied");
    }

    private static bool SameLogits(Transformer a, Transformer b)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int length = Math.Min(a.Config.ContextLength, 6);
        var tokens = torch.randint(0, a.Config.Vocabulary, [3, length], generator: new torch.Generator(2));
        return a.call(tokens).eq(b.call(tokens)).all().item<bool>();
    }

    /// <summary>The model's weights in a safetensors file without any metadata (a bare TransformerLens state dict).</summary>
    private string WriteBare(Transformer model, string name)
    {
        var path = Path.Combine(dir, name);
        Safetensors.Write(path, model.StateDict());
        return path;
    }

    [Test]
    public void ATrainingCheckpointLoadsAsItsModel()
    {
        var config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 6);
        using var model = Transformer.Create(config, seed: 3);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), new TrainingOptions { Steps = 3, BatchSize = 4, EvalInterval = 0, Seed = 1 });
        trainer.Run();
        var path = Path.Combine(dir, "checkpoint.safetensors");
        trainer.SaveCheckpoint(path);
        using var loaded = Transformer.Load(path);
        Assert.That(loaded.Config, Is.EqualTo(config));
        Assert.That(SameLogits(loaded, model), Is.True);
        using var given = Transformer.Load(path, config);
        Assert.That(SameLogits(given, model), Is.True);
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path, config with { DMlp = 16 }));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("training checkpoint").And.Contain("differs from the configuration given"));
    }

    [TestCaseSource(nameof(Configs))]
    public void SaveThenLoadGivesTheConfigurationAndIdenticalLogits(TransformerConfig config)
    {
        var path = Path.Combine(dir, "model.safetensors");
        using var model = Transformer.Create(config, seed: 4);
        model.Save(path);
        using var content = Safetensors.Read(path);
        Assert.That(content.Metadata["format"], Is.EqualTo("pt"));
        Assert.That(TransformerConfig.FromJson(content.Metadata["config"]), Is.EqualTo(config));
        Assert.That(content.Tensors.Keys, Is.EquivalentTo(model.StateDict().Keys));
        using var loaded = Transformer.Load(path);
        Assert.That(loaded.Config, Is.EqualTo(config));
        Assert.That(SameLogits(loaded, model), Is.True);
        using var explicitly = Transformer.Load(path, config);
        Assert.That(SameLogits(explicitly, model), Is.True);
    }

    [Test]
    public void StateDictRoundTripsThroughLoadStateDict()
    {
        using var a = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        using var b = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 2);
        Assert.That(SameLogits(a, b), Is.False);
        b.LoadStateDict(a.StateDict());
        Assert.That(SameLogits(a, b), Is.True);
        Assert.That(a.StateDict().Keys, Is.EqualTo(a.named_parameters().Select(p => p.name)));
    }

    [Test]
    public void WithoutStoredConfigurationLayerNormWithBiasesIsInferred()
    {
        // The released checkpoints' case: LayerNorm with biases, learned positions, untied unembedding.
        using var model = Transformer.Create(TransformerPresets.BeliefGeometryRrxor, seed: 5);
        using var loaded = Transformer.Load(WriteBare(model, "bare.safetensors"));
        Assert.That(loaded.Config, Is.EqualTo(TransformerPresets.BeliefGeometryRrxor));
        Assert.That(SameLogits(loaded, model), Is.True);
    }

    [Test]
    public void WithoutStoredConfigurationRmsNormWithGainAndBiasesIsInferred()
    {
        var config = new TransformerConfig(2, 8, 2, 4, 12, 6, 4) { Normalization = NormalizationKind.RmsNorm, EmbeddingNorm = true, TiedUnembedding = true };
        using var model = Transformer.Create(config, seed: 6);
        using var loaded = Transformer.Load(WriteBare(model, "rms.safetensors"));
        Assert.That(loaded.Config, Is.EqualTo(config));
        Assert.That(SameLogits(loaded, model), Is.True);
    }

    [TestCase(NormalizationKind.RmsNormNoGain, true, "no normalisation and RMSNorm without gain")]
    [TestCase(NormalizationKind.None, true, "no normalisation and RMSNorm without gain")]
    [TestCase(NormalizationKind.LayerNorm, false, "LayerNorm without bias and RMSNorm")]
    [TestCase(NormalizationKind.RmsNorm, false, "LayerNorm without bias and RMSNorm")]
    public void WithoutStoredConfigurationAnAmbiguousNormIsRefused(NormalizationKind kind, bool biases, string reason)
    {
        using var model = Transformer.Create(new TransformerConfig(1, 8, 2, 4, 12, 6, 4) { Normalization = kind, Biases = biases });
        var path = WriteBare(model, "ambiguous.safetensors");
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain(reason).And.Contain("Transformer.Load(path, config)"));
        using var loaded = Transformer.Load(path, model.Config);
        Assert.That(SameLogits(loaded, model), Is.True);
    }

    [Test]
    public void WithoutStoredConfigurationAMixtureOfExpertsIsRefused()
    {
        using var model = Transformer.Create(new TransformerConfig(1, 8, 2, 4, 12, 6, 4) { Experts = 3, TopK = 2 });
        var path = WriteBare(model, "moe.safetensors");
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("3 experts").And.Contain("top-k"));
    }

    [Test]
    public void AnExplicitConfigurationMustEqualTheStoredOne()
    {
        var path = Path.Combine(dir, "model.safetensors");
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        model.Save(path);
        var other = TransformerPresets.BeliefGeometry with { NormEpsilon = 1e-6 };
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path, other));
        Assert.That(e!.Message, Does.Contain(path).And.Contain(TransformerPresets.BeliefGeometry.ToJson()).And.Contain(other.ToJson()));
    }

    [Test]
    public void ALegacyConfigurationWithContextLoads()
    {
        // Weights files written by 0.1 store the configuration with "Context" for the context length.
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 7);
        var legacy = model.Config.ToJson().Replace("\"ContextLength\"", "\"Context\"", StringComparison.Ordinal);
        var path = Path.Combine(dir, "legacy.safetensors");
        Safetensors.Write(path, model.StateDict(), new Dictionary<string, string> { ["config"] = legacy, ["format"] = "pt" });
        using var loaded = Transformer.Load(path);
        Assert.That(loaded.Config, Is.EqualTo(TransformerPresets.BeliefGeometry));
        Assert.That(SameLogits(loaded, model), Is.True);
    }

    [Test]
    public void HostileFilesAreRefusedWithTheFileAndTheField()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        var path = Path.Combine(dir, "bad.safetensors");

        Safetensors.Write(path, model.StateDict(), new Dictionary<string, string> { ["config"] = "{ not json" });
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("'config'"));

        Safetensors.Write(path, model.StateDict(), new Dictionary<string, string> { ["config"] = (model.Config with { Layers = 0 }).ToJson().Replace("\"Layers\": 0", "\"Layers\": -2", StringComparison.Ordinal) });
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("Layers").And.Contain("-2"));

        var tensors = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var wrong = torch.zeros(3, 65);
        tensors["embed.W_E"] = wrong;
        Safetensors.Write(path, tensors, new Dictionary<string, string> { ["config"] = model.Config.ToJson() });
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("embed.W_E").And.Contain("[3, 65]"));

        tensors = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var ints = torch.zeros([3, 64], dtype: torch.ScalarType.Int64);
        tensors["embed.W_E"] = ints;
        Safetensors.Write(path, tensors, new Dictionary<string, string> { ["config"] = model.Config.ToJson() });
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain("embed.W_E").And.Contain("Int64"));

        tensors = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var flat = torch.zeros(192);
        tensors["embed.W_E"] = flat;
        Safetensors.Write(path, tensors);
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("embed.W_E").And.Contain("1 dimensions"));

        File.WriteAllBytes(path, [1, 2, 3]);
        e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path));
        Assert.Throws<FileNotFoundException>(() => Transformer.Load(Path.Combine(dir, "missing.safetensors")));
    }

    [Test]
    public void ParameterShapesFromTheConfigurationEqualTheModules(
        [Values] NormalizationKind norm, [Values] bool biases, [Values] bool tied, [Values(0, 3)] int experts)
    {
        var config = new TransformerConfig(2, 8, 2, 4, 12, 5, 4)
        {
            Normalization = norm, Biases = biases, TiedUnembedding = tied, Experts = experts, TopK = experts > 0 ? 2 : 1,
            EmbeddingNorm = norm != NormalizationKind.None, LearnedPositions = !tied, FinalNorm = !biases,
        };
        using var model = Transformer.Create(config);
        var expected = model.named_parameters().Select(p => (p.name, string.Join(",", p.parameter.shape))).ToArray();
        var actual = Transformer.ParameterShapes(config).Select(p => (p.Name, string.Join(",", p.Shape))).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
    }
}
