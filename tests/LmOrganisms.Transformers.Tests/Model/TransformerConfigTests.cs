using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers.Tests;

public sealed class TransformerConfigTests
{
    [Test]
    public void BeliefGeometryMess3HasTheCheckpointsParameterCount()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        Assert.That(model.ParameterCount, Is.EqualTo(143_075));
        Assert.That(TransformerPresets.BeliefGeometry.ParameterCount, Is.EqualTo(143_075));
    }

    [Test]
    public void BeliefGeometryRrxorCountMatchesTheTensorShapesOfItsCheckpoint()
    {
        // embed 2·128 + pos 10·128 + 4 blocks × (2·256 LN + 4·128·64 + 3·64 + 128 attention + 2·128·512 + 512 + 128 MLP)
        // + ln_final 256 + unembed 128·2 + 2.
        long block = 512 + 4 * 128 * 64 + 3 * 64 + 128 + 2 * 128 * 512 + 512 + 128;
        long expected = 256 + 1280 + 4 * block + 256 + 256 + 2;
        using var model = Transformer.Create(TransformerPresets.BeliefGeometryRrxor);
        Assert.That(model.ParameterCount, Is.EqualTo(expected));
    }

    [Test]
    public void MicroGptSizesOfBothPapers()
    {
        using var karpathy = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 27));
        using var ecology = Transformer.Create(TransformerPresets.MicroGptTaskEcology(vocabulary: 27));
        Assert.That(karpathy.ParameterCount, Is.EqualTo(4_192));
        Assert.That(ecology.ParameterCount, Is.EqualTo(27_328));
    }

    [Test]
    public void ClosedFormCountEqualsTheModulesCountForEveryOption(
        [Values] NormalizationKind norm, [Values] bool biases, [Values] bool tied, [Values(0, 3)] int experts)
    {
        var config = new TransformerConfig(2, 8, 2, 4, 12, 5, 4)
        {
            Normalization = norm, Biases = biases, TiedUnembedding = tied, Experts = experts, TopK = experts > 0 ? 2 : 1,
            EmbeddingNorm = norm != NormalizationKind.None, LearnedPositions = !tied,
        };
        using var model = Transformer.Create(config);
        Assert.That(model.ParameterCount, Is.EqualTo(config.ParameterCount));
    }

    [Test]
    public void InvalidConfigurationNamesTheField()
    {
        var bad = TransformerPresets.BeliefGeometry with { Experts = 4, TopK = 5 };
        var e = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.That(e!.Message, Does.Contain("TopK").And.Contain("5"));
        var e2 = Assert.Throws<ArgumentException>(() => Transformer.Create(TransformerPresets.BeliefGeometry with { DModel = 0 }));
        Assert.That(e2!.Message, Does.Contain("DModel").And.Contain("0"));
    }

    [Test]
    public void JsonRoundTripPreservesEveryField()
    {
        var config = TransformerPresets.MicroGpt(30, layers: 2) with { Experts = 4, TopK = 2, Activation = ActivationKind.Gelu };
        Assert.That(TransformerConfig.FromJson(config.ToJson()), Is.EqualTo(config));
        Assert.That(config.ToJson(), Does.Contain("\"RmsNormNoGain\""));
    }

    [Test]
    public void JsonNamesTheContextLengthAndReadsThe01Name()
    {
        var config = TransformerPresets.BeliefGeometry;
        Assert.That(config.ToJson(), Does.Contain("\"ContextLength\": 10").And.Not.Contain("\"Context\""));
        var legacy = config.ToJson().Replace("\"ContextLength\"", "\"Context\"", StringComparison.Ordinal);
        Assert.That(TransformerConfig.FromJson(legacy), Is.EqualTo(config));
        var both = config.ToJson().Replace("\"ContextLength\": 10,", "\"ContextLength\": 10, \"Context\": 10,", StringComparison.Ordinal);
        Assert.That(Assert.Throws<ArgumentException>(() => TransformerConfig.FromJson(both))!.Message, Does.Contain("both"));
        Assert.That(Assert.Throws<ArgumentException>(() => TransformerConfig.FromJson("{ \"Layers\": ")).Message, Does.Contain("invalid"));
        Assert.That(Assert.Throws<ArgumentException>(() => TransformerConfig.FromJson("[]")).Message, Does.Contain("not an object"));
        Assert.That(Assert.Throws<ArgumentException>(() => TransformerConfig.FromJson(config.ToJson().Replace("\"LayerNorm\"", "\"Batch\"", StringComparison.Ordinal))).Message,
            Does.Contain("invalid"));
    }

    [Test]
    public void StateDictUsesTransformerLensNames()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        var names = model.state_dict().Keys.ToArray();
        Assert.That(names, Does.Contain("embed.W_E").And.Contain("pos_embed.W_pos").And.Contain("blocks.3.attn.W_Q")
            .And.Contain("blocks.0.attn.b_O").And.Contain("blocks.2.ln2.w").And.Contain("blocks.1.mlp.W_out")
            .And.Contain("ln_final.b").And.Contain("unembed.W_U").And.Contain("unembed.b_U"));
        Assert.That(model.state_dict()["blocks.0.attn.W_Q"].shape, Is.EqualTo(new long[] { 1, 64, 8 }));
        Assert.That(names, Has.None.Contain("mask"));
    }
}
