using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// The TransformerLens hook points: every one has its documented shape for dense, mixture-of-experts, RMSNorm and
/// norm-free models; the captured values satisfy TransformerLens' definitions (softmax of the scores is the pattern,
/// activation of hook_pre is hook_post, the norm scales reproduce the normalised stream, q/k/v are the projections of
/// ln1's output); capturing changes no logit bit; patching the new hooks changes the forward pass as expected.
/// </summary>
[NonParallelizable]
public sealed class HookPointTests
{
    private const int Batch = 3, Positions = 6;

    private static readonly TransformerConfig Dense = new(2, 16, 2, 8, 24, 8, 5);

    private static readonly TransformerConfig Moe = new(2, 16, 2, 8, 24, 8, 5) { Experts = 3, TopK = 2 };

    private static IEnumerable<TestCaseData> Configs()
    {
        yield return new TestCaseData(Dense).SetArgDisplayNames("Dense");
        yield return new TestCaseData(Moe).SetArgDisplayNames("MixtureOfExperts");
        yield return new TestCaseData(Dense with { Normalization = NormalizationKind.RmsNorm, Activation = ActivationKind.Gelu, EmbeddingNorm = true }).SetArgDisplayNames("RmsNormGelu");
        yield return new TestCaseData(TransformerPresets.MicroGpt(vocabulary: 5, layers: 2, dModel: 16, heads: 2, contextLength: 8)).SetArgDisplayNames("MicroGpt");
        yield return new TestCaseData(Dense with { Normalization = NormalizationKind.None, Biases = false, FinalNorm = false }).SetArgDisplayNames("NoNorm");
    }

    private static Tensor Tokens(int vocabulary, int seed) => torch.randint(0, vocabulary, [Batch, Positions], generator: new torch.Generator((ulong)seed));

    /// <summary>A model whose gains and biases are not 1 and 0, so that the norm identities test them.</summary>
    private static Transformer Perturbed(TransformerConfig config, int seed)
    {
        var model = Transformer.Create(config, seed);
        var rng = new torch.Generator((ulong)seed + 100);
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith(".w", StringComparison.Ordinal)) p.copy_(torch.rand(p.shape, generator: rng).Plus(0.5));
            else if (name.EndsWith(".b", StringComparison.Ordinal) || name.Contains(".b_", StringComparison.Ordinal))
                p.copy_(torch.randn(p.shape, generator: rng).Times(0.1));
        }
        return model;
    }

    private static float MaxAbs(Tensor a, Tensor b)
    {
        using var d = (a - b).abs().max();
        return d.item<float>();
    }

    private static bool BitEqual(Tensor a, Tensor b)
    {
        using var eq = a.eq(b).all();
        return a.shape.SequenceEqual(b.shape) && eq.item<bool>();
    }

    [TestCaseSource(nameof(Configs))]
    public void EveryHookPointHasItsDocumentedShapeAndRunWithCacheCapturesThemAll(TransformerConfig config)
    {
        using var model = Transformer.Create(config, seed: 1);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(config.Vocabulary, 1));
        Assert.That(cache.Names, Is.EquivalentTo(HookNames.All(config)));
        long b = Batch, t = Positions, d = config.DModel, h = config.Heads, dh = config.DHead, m = config.DMlp;
        var stream = new[] { b, t, d };
        var scale = new[] { b, t, 1L };
        bool norms = config.Normalization != NormalizationKind.None;
        Assert.Multiple(() =>
        {
            Assert.That(cache[HookNames.Embed].shape, Is.EqualTo(stream));
            if (config.EmbeddingNorm)
            {
                Assert.That(cache[HookNames.EmbedNormalized].shape, Is.EqualTo(stream));
                if (norms) Assert.That(cache[HookNames.EmbedScale].shape, Is.EqualTo(scale));
            }
            if (config.FinalNorm)
            {
                Assert.That(cache[HookNames.LnFinalNormalized].shape, Is.EqualTo(stream));
                Assert.That(cache[HookNames.LnFinalScale].shape, Is.EqualTo(scale));
            }
            Assert.That(cache.Contains(HookNames.LnFinalScale), Is.EqualTo(config.FinalNorm && norms));
            for (int l = 0; l < config.Layers; l++)
            {
                foreach (var name in new[] { HookNames.ResidPre(l), HookNames.Ln1Normalized(l), HookNames.AttnOut(l), HookNames.ResidMid(l),
                             HookNames.Ln2Normalized(l), HookNames.MlpOut(l), HookNames.ResidPost(l) })
                    Assert.That(cache[name].shape, Is.EqualTo(stream), name);
                Assert.That(cache.Contains(HookNames.Ln1Scale(l)), Is.EqualTo(norms));
                if (norms)
                {
                    Assert.That(cache[HookNames.Ln1Scale(l)].shape, Is.EqualTo(scale));
                    Assert.That(cache[HookNames.Ln2Scale(l)].shape, Is.EqualTo(scale));
                }
                foreach (var name in new[] { HookNames.AttnQ(l), HookNames.AttnK(l), HookNames.AttnV(l), HookNames.AttnZ(l) })
                    Assert.That(cache[name].shape, Is.EqualTo(new[] { b, t, h, dh }), name);
                Assert.That(cache[HookNames.AttnScores(l)].shape, Is.EqualTo(new[] { b, h, t, t }));
                Assert.That(cache[HookNames.AttnPattern(l)].shape, Is.EqualTo(new[] { b, h, t, t }));
                if (config.IsMixtureOfExperts)
                {
                    Assert.That(cache.Contains(HookNames.MlpPre(l)), Is.False);
                    Assert.That(cache.Contains(HookNames.MlpPost(l)), Is.False);
                    Assert.That(cache[HookNames.RouterWeights(l)].shape, Is.EqualTo(new[] { b, t, (long)config.Experts }));
                    Assert.That(cache[HookNames.RouterChoices(l)].shape, Is.EqualTo(new[] { b, t, (long)config.TopK }));
                    for (int e = 0; e < config.Experts; e++)
                    {
                        Assert.That(cache[HookNames.ExpertPre(l, e)].shape, Is.EqualTo(new[] { b, t, m }));
                        Assert.That(cache[HookNames.ExpertPost(l, e)].shape, Is.EqualTo(new[] { b, t, m }));
                    }
                }
                else
                {
                    Assert.That(cache[HookNames.MlpPre(l)].shape, Is.EqualTo(new[] { b, t, m }));
                    Assert.That(cache[HookNames.MlpPost(l)].shape, Is.EqualTo(new[] { b, t, m }));
                }
            }
        });
    }

    [TestCaseSource(nameof(Configs))]
    public void CapturingEveryHookChangesNoLogitBit(TransformerConfig config)
    {
        using var model = Perturbed(config, seed: 2);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(config.Vocabulary, 2);
        using var cache = model.RunWithCache(tokens);
        using var noGrad = torch.no_grad();
        Assert.That(BitEqual(cache.Logits, model.call(tokens)), Is.True);
        var observed = model.RunWithHooks(tokens, HookNames.All(config).ToDictionary(n => n, _ => (Func<Tensor, Tensor>)(x => x)));
        Assert.That(BitEqual(observed, cache.Logits), Is.True);
    }

    [TestCaseSource(nameof(Configs))]
    public void SoftmaxOfTheScoresIsThePatternAndTheScoresAreScaledAndMasked(TransformerConfig config)
    {
        using var model = Perturbed(config, seed: 3);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(config.Vocabulary, 3));
        for (int l = 0; l < config.Layers; l++)
        {
            var scores = cache[HookNames.AttnScores(l)];
            Assert.That(BitEqual(scores.softmax(-1), cache[HookNames.AttnPattern(l)]), Is.True);
            // q·k / sqrt(d_head) on and below the diagonal, −∞ above it; q, k in TransformerLens layout [B, T, H, d_head].
            var q = cache[HookNames.AttnQ(l)].permute(0, 2, 1, 3);
            var k = cache[HookNames.AttnK(l)].permute(0, 2, 1, 3);
            var expected = q.matmul(k.transpose(-2, -1)).Times(1 / Math.Sqrt(config.DHead));
            var lower = torch.ones(Positions, Positions, dtype: ScalarType.Bool).tril();
            Assert.That(MaxAbs(scores.masked_select(lower.expand_as(scores)), expected.masked_select(lower.expand_as(scores))), Is.LessThan(1e-5f));
            Assert.That(scores.masked_select(lower.logical_not().expand_as(scores)).isneginf().all().item<bool>(), Is.True);
        }
    }

    [TestCaseSource(nameof(Configs))]
    public void TheActivationOfHookPreIsHookPost(TransformerConfig config)
    {
        using var model = Perturbed(config, seed: 4);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(config.Vocabulary, 4));
        Tensor Act(Tensor x) => config.Activation == ActivationKind.Relu ? nn.functional.relu(x) : nn.functional.gelu(x);
        for (int l = 0; l < config.Layers; l++)
        {
            if (config.IsMixtureOfExperts)
            {
                // The MLP output is the gate-weighted sum of the experts' outputs, each computed from its hook_post.
                var gate = cache[HookNames.RouterWeights(l)];
                Tensor sum = torch.zeros_like(cache[HookNames.MlpOut(l)]);
                var parameters = model.StateDict();
                for (int e = 0; e < config.Experts; e++)
                {
                    var post = cache[HookNames.ExpertPost(l, e)];
                    Assert.That(BitEqual(Act(cache[HookNames.ExpertPre(l, e)]), post), Is.True);
                    var output = post.matmul(parameters[$"blocks.{l}.mlp.experts.{e}.W_out"]).Plus(parameters[$"blocks.{l}.mlp.experts.{e}.b_out"]);
                    sum = sum.Plus(gate.narrow(-1, e, 1) * output);
                }
                Assert.That(MaxAbs(sum, cache[HookNames.MlpOut(l)]), Is.LessThan(1e-5f));
            }
            else
            {
                Assert.That(BitEqual(Act(cache[HookNames.MlpPre(l)]), cache[HookNames.MlpPost(l)]), Is.True);
            }
        }
    }

    [TestCaseSource(nameof(Configs))]
    public void NormScalesReproduceTheNormalisedStream(TransformerConfig config)
    {
        using var model = Perturbed(config, seed: 5);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(config.Vocabulary, 5));
        if (config.Normalization == NormalizationKind.None)
        {
            // No norm: no scale, and the "normalised" stream is the residual stream itself.
            for (int l = 0; l < config.Layers; l++)
            {
                Assert.That(BitEqual(cache[HookNames.Ln1Normalized(l)], cache[HookNames.ResidPre(l)]), Is.True);
                Assert.That(BitEqual(cache[HookNames.Ln2Normalized(l)], cache[HookNames.ResidMid(l)]), Is.True);
            }
            return;
        }
        var parameters = model.StateDict();
        bool layerNorm = config.Normalization == NormalizationKind.LayerNorm;
        void Check(Tensor input, string scaleHook, string normalizedHook, string prefix)
        {
            var centered = layerNorm ? input - input.mean([-1], keepdim: true) : input;
            var scale = cache[scaleHook];
            // TransformerLens: scale = sqrt(mean(c²) + ε), c = x − mean(x) (LayerNorm) or x (RMSNorm).
            var expectedScale = centered.Squared().mean([-1], keepdim: true).Plus(config.NormEpsilon).sqrt();
            Assert.That(MaxAbs(scale, expectedScale), Is.LessThan(1e-5f), scaleHook);
            // The normalised stream before gain and bias, from the output: (y − b) / w.
            var y = cache[normalizedHook];
            if (parameters.TryGetValue(prefix + ".b", out var bias)) y = y - bias;
            if (parameters.TryGetValue(prefix + ".w", out var gain)) y = y / gain;
            Assert.That(MaxAbs(centered / scale, y), Is.LessThan(2e-5f), normalizedHook);
        }
        if (config.EmbeddingNorm)
        {
            var sum = config.LearnedPositions ? cache[HookNames.Embed].Plus(cache[HookNames.PosEmbed]) : cache[HookNames.Embed];
            Check(sum, HookNames.EmbedScale, HookNames.EmbedNormalized, "ln_embed");
        }
        for (int l = 0; l < config.Layers; l++)
        {
            Check(cache[HookNames.ResidPre(l)], HookNames.Ln1Scale(l), HookNames.Ln1Normalized(l), $"blocks.{l}.ln1");
            Check(cache[HookNames.ResidMid(l)], HookNames.Ln2Scale(l), HookNames.Ln2Normalized(l), $"blocks.{l}.ln2");
        }
        if (config.FinalNorm) Check(cache[HookNames.ResidPost(config.Layers - 1)], HookNames.LnFinalScale, HookNames.LnFinalNormalized, "ln_final");
    }

    [TestCaseSource(nameof(Configs))]
    public void QueriesKeysAndValuesAreTheProjectionsOfLn1(TransformerConfig config)
    {
        using var model = Perturbed(config, seed: 6);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(config.Vocabulary, 6));
        var parameters = model.StateDict();
        for (int l = 0; l < config.Layers; l++)
        {
            var x = cache[HookNames.Ln1Normalized(l)];
            foreach (var (hook, w, bias) in new[] { (HookNames.AttnQ(l), "W_Q", "b_Q"), (HookNames.AttnK(l), "W_K", "b_K"), (HookNames.AttnV(l), "W_V", "b_V") })
            {
                var expected = torch.einsum("btd,hde->bthe", x, parameters[$"blocks.{l}.attn.{w}"]);
                if (config.Biases) expected = expected.Plus(parameters[$"blocks.{l}.attn.{bias}"]);
                Assert.That(MaxAbs(cache[hook], expected), Is.LessThan(1e-5f), hook);
            }
            // z = pattern · v per head.
            var z = cache[HookNames.AttnPattern(l)].matmul(cache[HookNames.AttnV(l)].permute(0, 2, 1, 3)).permute(0, 2, 1, 3);
            Assert.That(MaxAbs(z, cache[HookNames.AttnZ(l)]), Is.LessThan(1e-5f));
        }
    }

    [Test]
    public void ZeroQueriesMakeTheAttentionUniformOverThePast()
    {
        using var model = Perturbed(Dense, seed: 7);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Dense.Vocabulary, 7);
        Tensor? pattern = null;
        using var noGrad = torch.no_grad();
        var patched = model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [HookNames.AttnQ(1)] = q => torch.zeros_like(q),
            [HookNames.AttnPattern(1)] = p => pattern = p.clone(),
        });
        var expected = torch.ones(Positions, Positions).tril() / torch.tensor(Enumerable.Range(1, Positions).Select(i => (float)i).ToArray()).unsqueeze(1);
        Assert.That(MaxAbs(pattern!, expected.expand(Batch, Dense.Heads, Positions, Positions)), Is.LessThan(1e-6f));
        Assert.That(MaxAbs(patched, model.call(tokens)), Is.GreaterThan(1e-4f));
    }

    [Test]
    public void PatchedScoresDetermineThePattern()
    {
        using var model = Perturbed(Dense, seed: 8);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Dense.Vocabulary, 8);
        Tensor? pattern = null;
        using var noGrad = torch.no_grad();
        // Only key 0 allowed: every query attends to the first token.
        var scores = torch.full([Batch, Dense.Heads, Positions, Positions], TorchScalars.NegativeInfinity);
        scores[.., .., .., 0] = torch.zeros(1);
        model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [HookNames.AttnScores(0)] = _ => scores,
            [HookNames.AttnPattern(0)] = p => pattern = p.clone(),
        });
        Assert.That(pattern!.select(-1, 0).data<float>().ToArray(), Is.All.EqualTo(1f));
        Assert.That(pattern.narrow(-1, 1, Positions - 1).abs().max().item<float>(), Is.EqualTo(0f));
    }

    [Test]
    public void ZeroValuesLeaveOnlyTheOutputBias()
    {
        using var model = Perturbed(Dense, seed: 9);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Dense.Vocabulary, 9);
        Tensor? attnOut = null;
        using var noGrad = torch.no_grad();
        model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [HookNames.AttnV(0)] = v => torch.zeros_like(v),
            [HookNames.AttnOut(0)] = a => attnOut = a.clone(),
        });
        Assert.That(MaxAbs(attnOut!, model.StateDict()["blocks.0.attn.b_O"].expand(Batch, Positions, Dense.DModel)), Is.EqualTo(0f));
    }

    [Test]
    public void PatchingHookPrePassesThroughTheActivation()
    {
        using var model = Perturbed(Dense, seed: 10);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Dense.Vocabulary, 10);
        Tensor? post = null, mlpOut = null;
        using var noGrad = torch.no_grad();
        var pre = torch.randn([Batch, Positions, Dense.DMlp], generator: new torch.Generator(11));
        model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [HookNames.MlpPre(1)] = _ => pre,
            [HookNames.MlpPost(1)] = p => post = p.clone(),
            [HookNames.MlpOut(1)] = o => mlpOut = o.clone(),
        });
        var parameters = model.StateDict();
        Assert.That(BitEqual(post!, nn.functional.relu(pre)), Is.True);
        Assert.That(MaxAbs(mlpOut!, nn.functional.relu(pre).matmul(parameters["blocks.1.mlp.W_out"]).Plus(parameters["blocks.1.mlp.b_out"])), Is.LessThan(1e-5f));
    }

    [Test]
    public void PatchingAnExpertsHookPreChangesOnlyThatExpertsContribution()
    {
        using var model = Perturbed(Moe, seed: 12);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Moe.Vocabulary, 12);
        using var clean = model.RunWithCache(tokens, [HookNames.MlpOut(0), HookNames.RouterWeights(0), HookNames.ExpertPost(0, 1)]);
        Tensor? mlpOut = null;
        using var noGrad = torch.no_grad();
        model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [HookNames.ExpertPre(0, 1)] = p => torch.zeros_like(p),
            [HookNames.MlpOut(0)] = o => mlpOut = o.clone(),
        });
        // Expert 1's output becomes its b_out alone: the change is gate_1 · (b_out − post_1 W_out − b_out).
        var wOut = model.StateDict()["blocks.0.mlp.experts.1.W_out"];
        var expected = clean[HookNames.MlpOut(0)] - clean[HookNames.RouterWeights(0)].narrow(-1, 1, 1) * clean[HookNames.ExpertPost(0, 1)].matmul(wOut);
        Assert.That(MaxAbs(mlpOut!, expected), Is.LessThan(1e-5f));
    }

    [TestCase(NormalizationKind.LayerNorm)]
    [TestCase(NormalizationKind.RmsNorm)]
    [TestCase(NormalizationKind.RmsNormNoGain)]
    public void PatchingTheFinalScaleRescalesTheNormalisedStream(NormalizationKind kind)
    {
        var config = Dense with { Normalization = kind };
        using var model = Perturbed(config, seed: 13);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(config.Vocabulary, 13);
        using var clean = model.RunWithCache(tokens, [HookNames.LnFinalScale, HookNames.LnFinalNormalized]);
        var parameters = model.StateDict();
        Tensor Normalized(Tensor scale)
        {
            Tensor? y = null;
            using var noGrad = torch.no_grad();
            model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
            {
                [HookNames.LnFinalScale] = _ => scale,
                [HookNames.LnFinalNormalized] = n => y = n.clone(),
            });
            return y!;
        }
        // The same values in another tensor: the explicit formula agrees with the fused norm to rounding.
        Assert.That(MaxAbs(Normalized(clean[HookNames.LnFinalScale].clone()), clean[HookNames.LnFinalNormalized]), Is.LessThan(1e-5f));
        // Twice the scale halves the normalised stream before gain and bias: y' = (y − b) / 2 + b.
        var b = kind == NormalizationKind.LayerNorm ? parameters["ln_final.b"] : torch.zeros(config.DModel);
        var expected = (clean[HookNames.LnFinalNormalized] - b).Times(0.5).Plus(b);
        Assert.That(MaxAbs(Normalized(clean[HookNames.LnFinalScale].Times(2)), expected), Is.LessThan(1e-5f));
    }

    [Test]
    public void PatchingLn1ScaleChangesTheLogits()
    {
        using var model = Perturbed(Dense, seed: 14);
        using var scope = torch.NewDisposeScope();
        var tokens = Tokens(Dense.Vocabulary, 14);
        using var noGrad = torch.no_grad();
        var clean = model.call(tokens);
        var patched = model.RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>> { [HookNames.Ln1Scale(0)] = s => s.Times(3) });
        Assert.That(MaxAbs(patched, clean), Is.GreaterThan(1e-4f));
    }

    [Test]
    public void ResidualStreamAndFinalStateHooks()
    {
        Assert.That(HookNames.ResidualStream(TransformerPresets.BeliefGeometry), Is.EqualTo(new[]
        {
            "blocks.0.hook_resid_pre", "blocks.0.hook_resid_post", "blocks.1.hook_resid_post", "blocks.2.hook_resid_post",
            "blocks.3.hook_resid_post", "ln_final.hook_normalized",
        }));
        Assert.That(HookNames.FinalState(TransformerPresets.BeliefGeometry), Is.EqualTo("ln_final.hook_normalized"));
        var microGpt = TransformerPresets.MicroGptTaskEcology(3);
        Assert.That(HookNames.ResidualStream(microGpt), Is.EqualTo(new[] { "blocks.0.hook_resid_pre", "blocks.0.hook_resid_post", "blocks.1.hook_resid_post" }));
        Assert.That(HookNames.FinalState(microGpt), Is.EqualTo("blocks.1.hook_resid_post"));
        // The unembedding reads the final state: logits = h W_U + b_U.
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 3);
        using var scope = torch.NewDisposeScope();
        using var cache = model.RunWithCache(Tokens(3, 15), [HookNames.FinalState(model.Config)]);
        var parameters = model.StateDict();
        var logits = cache[HookNames.FinalState(model.Config)].matmul(parameters["unembed.W_U"]).Plus(parameters["unembed.b_U"]);
        Assert.That(MaxAbs(logits, cache.Logits), Is.LessThan(1e-5f));
    }

    [Test]
    public void HookNamesOfTheTransformerLensVocabulary()
    {
        Assert.That(new[]
        {
            HookNames.AttnQ(2), HookNames.AttnK(2), HookNames.AttnV(2), HookNames.AttnScores(2), HookNames.MlpPre(2),
            HookNames.Ln1Scale(2), HookNames.Ln2Scale(2), HookNames.Ln1Normalized(2), HookNames.Ln2Normalized(2),
            HookNames.LnFinalScale, HookNames.EmbedScale, HookNames.ExpertPre(2, 1), HookNames.ExpertPost(2, 1),
        }, Is.EqualTo(new[]
        {
            "blocks.2.attn.hook_q", "blocks.2.attn.hook_k", "blocks.2.attn.hook_v", "blocks.2.attn.hook_attn_scores", "blocks.2.mlp.hook_pre",
            "blocks.2.ln1.hook_scale", "blocks.2.ln2.hook_scale", "blocks.2.ln1.hook_normalized", "blocks.2.ln2.hook_normalized",
            "ln_final.hook_scale", "ln_embed.hook_scale", "blocks.2.mlp.experts.1.hook_pre", "blocks.2.mlp.experts.1.hook_post",
        }));
        using var moe = Transformer.Create(Moe);
        using var tokens = Tokens(Moe.Vocabulary, 16);
        var e = Assert.Throws<ArgumentException>(() => moe.RunWithCache(tokens, [HookNames.MlpPre(0)]));
        Assert.That(e!.Message, Does.Contain("blocks.0.mlp.hook_pre").And.Contain("blocks.0.mlp.experts.0.hook_pre"));
    }
}
