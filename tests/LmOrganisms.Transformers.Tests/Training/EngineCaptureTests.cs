using LmOrganisms.Ecology;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary>Forward passes on the CPU engine's kernels for reading activations (<see cref="EngineCapture"/>) and for the
/// exact loss, against the module's forward pass.</summary>
[NonParallelizable]
public sealed class EngineCaptureTests
{
    private static IEnumerable<TestCaseData> Architectures()
    {
        var small = new TransformerConfig(2, 16, 1, 8, 32, 6, 3);
        yield return new TestCaseData(TransformerPresets.BeliefGeometry).SetArgDisplayNames("BeliefGeometry");
        yield return new TestCaseData(TransformerPresets.MicroGpt(vocabulary: 5, layers: 2, dModel: 16, heads: 4, contextLength: 8)).SetArgDisplayNames("microgpt");
        yield return new TestCaseData(small with { Normalization = NormalizationKind.RmsNorm, EmbeddingNorm = true }).SetArgDisplayNames("RMSNorm, embedding norm");
        yield return new TestCaseData(small with { FinalNorm = false, Activation = ActivationKind.Gelu }).SetArgDisplayNames("no final norm, GELU");
    }

    [TestCaseSource(nameof(Architectures))]
    public void ResidualStreamAndLogitsEqualTheModulesForwardPass(TransformerConfig config)
    {
        using var model = Transformer.Create(config, seed: 3);
        var hooks = Enumerable.Range(0, config.Layers).SelectMany(l => new[] { HookNames.ResidPre(l), HookNames.ResidMid(l), HookNames.ResidPost(l) })
            .Concat(config.FinalNorm ? [HookNames.LnFinalNormalized] : []).ToArray();
        Assert.That(EngineCapture.Unsupported(model, hooks), Is.Null);
        int count = 7, length = config.ContextLength - 1;
        var rng = new Random(5);
        var tokens = Enumerable.Range(0, count * length).Select(_ => rng.Next(config.Vocabulary)).ToArray();
        using var capture = EngineCapture.Create(model, hooks, batch: 4, length);
        using var input = torch.tensor(Array.ConvertAll(tokens, t => (long)t), [count, length]);
        using var cache = model.RunWithCache(input, hooks);
        using var logits = model.call(input);
        var expectedLogits = logits.reshape(-1).data<float>().ToArray();
        // Batches of 4 and 3 sequences: every row depends on its own sequence only.
        foreach (var (first, n) in new[] { (0, 4), (4, 3) })
        {
            capture.Run(tokens.AsSpan(first * length, n * length), n);
            for (int h = 0; h < hooks.Length; h++)
            {
                var expected = cache.ToArray(hooks[h]).AsSpan(first * length * config.DModel, n * length * config.DModel);
                var actual = capture.Rows(h);
                Assert.That(actual.Length, Is.EqualTo(expected.Length), hooks[h]);
                for (int i = 0; i < actual.Length; i++)
                    Assert.That(actual[i], Is.EqualTo(expected[i]).Within(2e-5 * (1 + Math.Abs(expected[i]))), $"{hooks[h]}[{i}]");
            }
            var engineLogits = capture.Logits;
            for (int i = 0; i < engineLogits.Length; i++)
                Assert.That(engineLogits[i], Is.EqualTo(expectedLogits[first * length * config.Vocabulary + i]).Within(2e-5), $"logit {i}");
        }
    }

    [Test]
    public void ModelsTheEngineCannotRunAreNamed()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        Assert.That(EngineCapture.Unsupported(model, [HookNames.MlpPost(0)]), Does.Contain("blocks.0.mlp.hook_post"));
        Assert.That(EngineCapture.Unsupported(model, [HookNames.ResidPost(4)]), Does.Contain("blocks.4.hook_resid_post"));
        using var moe = Transformer.Create(TransformerPresets.BeliefGeometry with { Experts = 2 }, seed: 1);
        Assert.That(EngineCapture.Unsupported(moe, [HookNames.ResidPost(0)]), Does.Contain("mixture of experts"));
        Assert.Throws<ArgumentException>(() => EngineCapture.Create(model, [HookNames.MlpPost(0)], 4, 10));
    }

    [Test]
    public void ExactLossOnTheEngineEqualsTheModulesLogSoftmax()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 2);
        var mess3 = Processes.Mess3();
        var words = mess3.Words(6);
        var logProbs = new float[words.Count * 6 * 3];
        using (torch.no_grad())
        using (var input = torch.tensor(Array.ConvertAll(words.Tokens, t => (long)t), [words.Count, 6]))
        using (var logits = model.call(input))
        using (var log = logits.log_softmax(-1))
            log.reshape(-1).data<float>().CopyTo(logProbs, 0);
        var expected = words.CrossEntropy(logProbs);
        var actual = model.ExactLoss(mess3, 6);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-6));
    }
}
