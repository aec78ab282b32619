namespace LmOrganisms.Transformers.Tests;

/// <summary><see cref="TransformerConfig.FromTransformerLens"/> and <see cref="TransformerConfig.Load"/>: TransformerLens
/// configurations (the belief-geometry paper's train_config.json) and what is refused.</summary>
[NonParallelizable]
public sealed class TransformerLensConfigTests
{
    // The keys of the paper's mess3 train_config.json (values as released).
    private const string Mess3 = """
        {"seed": 42, "n_ctx": 10, "act_fn": "relu", "d_head": 8, "d_model": 64, "d_vocab": 3, "n_heads": 1, "n_iters": 10,
         "n_layers": 4, "attn_only": false, "optimizer": "sgd", "batch_size": 64, "num_epochs": 1000000, "init_weights": true,
         "weight_decay": 0, "attention_dir": "causal", "learning_rate": 0.01, "use_attn_scale": true,
         "normalization_type": "LN", "d_mlp": 256}
        """;

    [Test]
    public void ThePapersTrainConfigIsTheBeliefGeometryPreset()
        => Assert.That(TransformerConfig.FromTransformerLens(Mess3), Is.EqualTo(TransformerPresets.BeliefGeometry));

    [Test]
    public void MissingHeadCountsAndWidthsAreDerivedAsTransformerLensDoes()
    {
        var config = TransformerConfig.FromTransformerLens("""{"n_layers": 2, "d_model": 32, "d_head": 8, "n_ctx": 5, "d_vocab": 4, "act_fn": "gelu", "normalization_type": "RMS", "eps": 1e-6, "initializer_range": 0.02}""");
        Assert.That(config, Is.EqualTo(new TransformerConfig(2, 32, 4, 8, 128, 5, 4)
        {
            Activation = ActivationKind.Gelu, Normalization = NormalizationKind.RmsNorm, NormEpsilon = 1e-6, InitStd = 0.02,
        }));
        var none = TransformerConfig.FromTransformerLens("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "normalization_type": null}""");
        Assert.That(none.Normalization, Is.EqualTo(NormalizationKind.None));
        Assert.That(none.FinalNorm, Is.False);
        Assert.That(none.DHead, Is.EqualTo(4));
    }

    [TestCase("""{"d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4}""", "no 'n_layers'")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_ctx": 5, "d_vocab": 4}""", "n_heads (or d_head)")]
    [TestCase("""{"n_layers": 1, "d_model": 10, "n_heads": 3, "n_ctx": 5, "d_vocab": 4}""", "does not divide d_model 10")]
    [TestCase("""{"n_layers": "two", "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4}""", "'n_layers' is \"two\"")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "attn_only": true}""", "attn_only = true")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "normalization_type": "LNPre"}""", "normalization_type = LNPre")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "act_fn": "solu_ln"}""", "act_fn = solu_ln")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "positional_embedding_type": "rotary"}""", "positional_embedding_type = rotary")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "attention_dir": "bidirectional"}""", "attention_dir = bidirectional")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "use_attn_scale": false}""", "use_attn_scale = false")]
    [TestCase("""{"n_layers": 1, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4, "d_vocab_out": 7}""", "d_vocab_out = 7")]
    [TestCase("""{"n_layers": 0, "d_model": 8, "n_heads": 2, "n_ctx": 5, "d_vocab": 4}""", "Layers must be at least 1")]
    [TestCase("""{"n_layers": 1, "n_layers": 2}""", "invalid")]
    [TestCase("""[1, 2]""", "not an object")]
    [TestCase("""{ not json""", "invalid")]
    public void WhatThisLibraryDoesNotBuildIsRefusedByName(string json, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => TransformerConfig.FromTransformerLens(json));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void LoadReadsEitherFormatAndNamesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("lmo-config-").FullName;
        try
        {
            var ours = Path.Combine(dir, "config.json");
            File.WriteAllText(ours, TransformerPresets.BeliefGeometryRrxor.ToJson());
            Assert.That(TransformerConfig.Load(ours), Is.EqualTo(TransformerPresets.BeliefGeometryRrxor));
            var lens = Path.Combine(dir, "train_config.json");
            File.WriteAllText(lens, Mess3);
            Assert.That(TransformerConfig.Load(lens), Is.EqualTo(TransformerPresets.BeliefGeometry));
            File.WriteAllText(lens, Mess3.Replace("\"LN\"", "\"LNPre\"", StringComparison.Ordinal));
            var e = Assert.Throws<ArgumentException>(() => TransformerConfig.Load(lens));
            Assert.That(e!.Message, Does.Contain(lens).And.Contain("LNPre"));
            Assert.Throws<FileNotFoundException>(() => TransformerConfig.Load(Path.Combine(dir, "missing.json")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
