using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// <c>model.Capture</c>, the one seam between TorchSharp and the probes: row r = sequence · length + position of the
/// probe set holds exactly what <c>model.RunWithCache</c> gives for that sequence at that position.
/// </summary>
public class CaptureTests
{
    private static readonly TransformerConfig Config =
        new(Layers: 2, DModel: 12, Heads: 2, DHead: 6, DMlp: 24, ContextLength: 8, Vocabulary: 3);

    private static readonly string[] Hooks =
    [
        HookNames.ResidPre(0), HookNames.AttnQ(0), HookNames.AttnPattern(0), HookNames.ResidMid(0), HookNames.MlpPost(1),
        HookNames.ResidPost(1), HookNames.LnFinalNormalized,
    ];

    /// <summary>The cache of a forward pass over sequences [first, first + count) of the probe set.</summary>
    private static ActivationCache Run(Transformer model, ProbeSet set, int first, int count)
    {
        var tokens = set.Tokens.AsSpan(first * set.Length, count * set.Length).ToArray();
        using var input = TokenTensors.FromBatch(new TokenBatch(tokens, count, set.Length));
        return model.RunWithCache(input, Hooks);
    }

    /// <summary>The values of row (sequence <paramref name="b"/>, position <paramref name="t"/>) of a cached activation: the
    /// trailing values of a [B, T, …] hook, every head's row of an attention map [B, H, T, T].</summary>
    private static float[] Row(ActivationCache cache, string hook, int b, int t)
    {
        var shape = cache[hook].shape;
        var values = cache.ToArray(hook);
        if (hook == HookNames.AttnPattern(0))
        {
            int heads = (int)shape[1], n = (int)shape[2];
            return Enumerable.Range(0, heads).SelectMany(h => values.AsSpan(((b * heads + h) * n + t) * n, n).ToArray()).ToArray();
        }
        int width = (int)(shape.Skip(2).Aggregate(1L, (x, y) => x * y));
        return values.AsSpan((b * (int)shape[1] + t) * width, width).ToArray();
    }

    [Test]
    public void Rows_are_bit_identical_to_RunWithCache_on_each_single_sequence()
    {
        using var model = Transformer.Create(Config, seed: 4);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 5, length: 6, seed: 3);
        var activations = model.Capture(set, Hooks, new CaptureOptions { BatchSize = 1 });
        Assert.That(activations.RowCount, Is.EqualTo(30));
        Assert.That(activations.Hooks, Is.EqualTo(Hooks));
        Assert.That(activations[HookNames.AttnQ(0)].Width, Is.EqualTo(2 * 6));
        Assert.That(activations[HookNames.AttnPattern(0)].Width, Is.EqualTo(2 * 6), "heads × keys");
        Assert.That(activations[HookNames.MlpPost(1)].Width, Is.EqualTo(24));
        for (int q = 0; q < set.Count; q++)
        {
            using var cache = Run(model, set, q, 1);
            foreach (var hook in Hooks)
                for (int t = 0; t < set.Length; t++)
                    Assert.That(activations[hook].Row(q * set.Length + t).ToArray(), Is.EqualTo(Row(cache, hook, 0, t)),
                        $"{hook}, sequence {q}, position {t}");
        }
        // The causal pattern: a query row has weight only on keys up to itself, summing to 1 per head.
        var pattern = activations[HookNames.AttnPattern(0)];
        for (int h = 0; h < 2; h++)
        {
            Assert.That(pattern.Row(2).Slice(h * 6, 6).ToArray().Skip(3), Is.All.Zero);
            Assert.That(pattern.Row(2).Slice(h * 6, 6).ToArray().Sum(), Is.EqualTo(1).Within(1e-6));
        }
    }

    [Test]
    public void Batches_are_stitched_in_order_with_a_short_last_batch()
    {
        using var model = Transformer.Create(Config, seed: 4);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 5, length: 6, seed: 3);
        var progress = new List<double>();
        var activations = model.Capture(set, Hooks, new CaptureOptions { BatchSize = 2 }, new SyncProgress(progress));
        Assert.That(progress, Is.EqualTo(new[] { 0.4, 0.8, 1.0 }).Within(1e-12));
        foreach (var (first, count) in new[] { (0, 2), (2, 2), (4, 1) })
        {
            using var cache = Run(model, set, first, count);
            foreach (var hook in Hooks)
                for (int b = 0; b < count; b++)
                    for (int t = 0; t < set.Length; t++)
                        Assert.That(activations[hook].Row((first + b) * set.Length + t).ToArray(), Is.EqualTo(Row(cache, hook, b, t)),
                            $"{hook}, sequence {first + b}, position {t}");
        }
    }

    [Test]
    public void The_head_comes_with_the_final_state_and_reproduces_the_logits()
    {
        using var model = Transformer.Create(Config, seed: 4);
        var set = ProbeSet.AllWords(Processes.Mess3(), 3);
        var residual = model.Capture(set);
        Assert.That(residual.Hooks, Is.EqualTo(HookNames.ResidualStream(model.Config)));
        Assert.That(residual.HeadHook, Is.EqualTo(HookNames.LnFinalNormalized));
        var head = residual.Head!;
        var expected = model.UnembeddingHead();
        Assert.That(head.Weights.ToArray(), Is.EqualTo(expected.Weights.ToArray()));
        Assert.That(head.Bias.ToArray(), Is.EqualTo(expected.Bias.ToArray()));
        // softmax(W h + b) at every row is the model's next-token law (float32 logits).
        var laws = model.NextTokenLaws(new TokenBatch(set.Tokens, set.Count, set.Length), 64);
        var states = residual[HookNames.LnFinalNormalized];
        for (int r = 0; r < set.RowCount; r++)
        {
            var p = head.Probabilities(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(12, j => states.Row(r)[j]));
            Assert.That(p.ToArray(), Is.EqualTo(laws.AsSpan(r * 3, 3).ToArray()).Within(1e-5), $"row {r}");
        }
        var noHead = model.Capture(set, [HookNames.ResidPost(0)]);
        Assert.That((noHead.Head, noHead.HeadHook), Is.EqualTo(((InformationTheory.LinearHead?)null, (string?)null)));
    }

    [Test]
    public void Bad_captures_are_named()
    {
        using var model = Transformer.Create(Config, seed: 4);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 2, length: 4, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => model.Capture(ProbeSet.Sample(Processes.Mess3(), 2, 9, 1)));
        Assert.That(ex!.Message, Does.Contain("The probe set's sequences have 9 tokens; the model's context length is 8"));
        ex = Assert.Throws<ArgumentException>(() => model.Capture(ProbeSet.Sample(Processes.GoldenMean(), 2, 4, 1)));
        Assert.That(ex!.Message, Does.Contain("has 2 symbols; the model's vocabulary has 3"));
        ex = Assert.Throws<ArgumentException>(() => model.Capture(set, [], null));
        Assert.That(ex!.Message, Does.Contain("hooks is empty"));
        ex = Assert.Throws<ArgumentException>(() => model.Capture(set, ["blocks.7.hook_resid_post"]));
        Assert.That(ex!.Message, Does.Contain("'blocks.7.hook_resid_post' is not a hook point of this model"));
        ex = Assert.Throws<ArgumentException>(() => model.Capture(set, null, new CaptureOptions { BatchSize = 0 }));
        Assert.That(ex!.Message, Does.Contain("CaptureOptions.BatchSize is 0"));
        ex = Assert.Throws<ArgumentException>(() => model.Capture(set, [HookNames.ResidPre(0), HookNames.ResidPre(0)]));
        Assert.That(ex!.Message, Does.Contain("appears twice"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => model.Capture(set, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }
}
