using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

public sealed class ActivationCacheTests
{
    private static torch.Tensor Tokens(int batch, int length, int vocab, int seed)
        => torch.randint(0, vocab, [batch, length], generator: new torch.Generator((ulong)seed));

    [Test]
    public void EveryHookPointHasItsDocumentedShape()
    {
        var config = TransformerPresets.BeliefGeometryRrxor;
        using var model = Transformer.Create(config, seed: 1);
        using var tokens = Tokens(5, 7, 2, 1);
        using var cache = model.RunWithCache(tokens, HookNames.All(config));
        var bt = new long[] { 5, 7, 128 };
        Assert.Multiple(() =>
        {
            Assert.That(cache.Logits.shape, Is.EqualTo(new long[] { 5, 7, 2 }));
            Assert.That(cache[HookNames.Embed].shape, Is.EqualTo(bt));
            Assert.That(cache[HookNames.PosEmbed].shape, Is.EqualTo(bt));
            Assert.That(cache[HookNames.LnFinalNormalized].shape, Is.EqualTo(bt));
            for (int l = 0; l < 4; l++)
            {
                Assert.That(cache[HookNames.ResidPre(l)].shape, Is.EqualTo(bt));
                Assert.That(cache[HookNames.ResidMid(l)].shape, Is.EqualTo(bt));
                Assert.That(cache[HookNames.ResidPost(l)].shape, Is.EqualTo(bt));
                Assert.That(cache[HookNames.AttnOut(l)].shape, Is.EqualTo(bt));
                Assert.That(cache[HookNames.MlpOut(l)].shape, Is.EqualTo(bt));
                Assert.That(cache[HookNames.AttnPattern(l)].shape, Is.EqualTo(new long[] { 5, 4, 7, 7 }));
                Assert.That(cache[HookNames.AttnZ(l)].shape, Is.EqualTo(new long[] { 5, 7, 4, 16 }));
                Assert.That(cache[HookNames.MlpPost(l)].shape, Is.EqualTo(new long[] { 5, 7, 512 }));
            }
        });
    }

    [Test]
    public void ResidualStreamIdentitiesHoldBitwise()
    {
        var config = TransformerPresets.BeliefGeometry;
        using var model = Transformer.Create(config, seed: 1);
        using var tokens = Tokens(3, 10, 3, 2);
        using var cache = model.RunWithCache(tokens, HookNames.All(config));
        using var scope = torch.NewDisposeScope();
        for (int l = 0; l < 3; l++)
            Assert.That(cache[HookNames.ResidPre(l + 1)].eq(cache[HookNames.ResidPost(l)]).all().item<bool>(), Is.True);
        Assert.That(cache[HookNames.ResidPre(0)].eq(cache[HookNames.Embed] + cache[HookNames.PosEmbed]).all().item<bool>(), Is.True);
        Assert.That(cache[HookNames.ResidMid(2)].eq(cache[HookNames.ResidPre(2)] + cache[HookNames.AttnOut(2)]).all().item<bool>(), Is.True);
        var pattern = cache[HookNames.AttnPattern(1)];
        Assert.That((pattern.sum(-1) - 1).abs().max().item<float>(), Is.LessThan(1e-6f));
        Assert.That(pattern.triu(1).abs().sum().item<float>(), Is.EqualTo(0f));
        using var noGrad = torch.no_grad();
        Assert.That(model.call(tokens).eq(cache.Logits).all().item<bool>(), Is.True);
    }

    [Test]
    public void ConversionToArraysAndMatricesIsRowMajorOverSequenceAndPosition()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        using var tokens = Tokens(2, 10, 3, 3);
        using var cache = model.RunWithCache(tokens, [HookNames.ResidPost(3)]);
        var array = cache.ToArray(HookNames.ResidPost(3));
        var matrix = cache.ToMatrix(HookNames.ResidPost(3));
        Assert.That(array, Has.Length.EqualTo(2 * 10 * 64));
        Assert.That(matrix.RowCount, Is.EqualTo(20));
        Assert.That(matrix.ColumnCount, Is.EqualTo(64));
        Assert.That(matrix[13, 5], Is.EqualTo((double)array[13 * 64 + 5]));
        Assert.That(matrix[13, 5], Is.EqualTo((double)cache[HookNames.ResidPost(3)][1, 3, 5].item<float>()));
    }

    [Test]
    public void StreamingGivesTheSameActivationsAsOneBatch()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        var batch = Processes.Mess3().Sample(23, 10, seed: 4);
        using var all = TokenTensors.FromBatch(batch);
        using var whole = model.RunWithCache(all, [HookNames.ResidPost(1)]);
        var expected = whole.ToArray(HookNames.ResidPost(1));
        var streamed = new List<float>();
        var starts = new List<int>();
        model.RunWithCache(batch, [HookNames.ResidPost(1)], 10, (start, cache) =>
        {
            starts.Add(start);
            streamed.AddRange(cache.ToArray(HookNames.ResidPost(1)));
        });
        Assert.That(starts, Is.EqualTo(new[] { 0, 10, 20 }));
        Assert.That(streamed.ToArray(), Is.EqualTo(expected).Within(1e-6f));
    }

    [Test]
    public void UnknownHookNameIsRejectedWithTheValidNames()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        using var tokens = Tokens(1, 3, 3, 1);
        var e = Assert.Throws<ArgumentException>(() => model.RunWithCache(tokens, ["blocks.9.hook_resid_post"]));
        Assert.That(e!.Message, Does.Contain("blocks.9.hook_resid_post").And.Contain("blocks.3.hook_resid_post"));
    }

    [Test]
    public void PatchingTheFinalResidualStreamDeterminesTheLogits()
    {
        // Patch blocks.3.hook_resid_post of run A with run B's: the logits must become run B's exactly, because
        // everything after that hook point (ln_final, unembed) is a function of that activation alone.
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 5);
        using var scope = torch.NewDisposeScope();
        var a = Tokens(4, 10, 3, 10);
        var b = Tokens(4, 10, 3, 11);
        using var cacheB = model.RunWithCache(b, [HookNames.ResidPost(3), HookNames.AttnPattern(0)]);
        using var noGrad = torch.no_grad();
        var logitsA = model.call(a);
        var patched = model.RunWithPatch(a, HookNames.ResidPost(3), cacheB[HookNames.ResidPost(3)]);
        Assert.That((patched - cacheB.Logits).abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That((patched - logitsA).abs().max().item<float>(), Is.GreaterThan(1e-3f));
    }

    [Test]
    public void ZeroingPositionZerosPatternOnlyChangesLaterPositions()
    {
        // Ablate the attention pattern of block 0 at the last query position: logits at earlier positions are unchanged.
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 5);
        using var scope = torch.NewDisposeScope();
        var a = Tokens(2, 10, 3, 12);
        using var noGrad = torch.no_grad();
        var clean = model.call(a);
        var hooked = model.RunWithHooks(a, new Dictionary<string, Func<torch.Tensor, torch.Tensor>>
        {
            [HookNames.AttnPattern(0)] = p =>
            {
                var q = p.clone();
                q[.., .., 9, ..] = torch.zeros(1);
                return q;
            },
        });
        Assert.That((hooked.narrow(1, 0, 9) - clean.narrow(1, 0, 9)).abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That((hooked.narrow(1, 9, 1) - clean.narrow(1, 9, 1)).abs().max().item<float>(), Is.GreaterThan(1e-4f));
    }

    [Test]
    public void PatchWithTheWrongShapeIsRejected()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry);
        using var tokens = Tokens(2, 10, 3, 1);
        using var wrong = torch.zeros(2, 9, 64);
        var e = Assert.Throws<ArgumentException>(() => model.RunWithPatch(tokens, HookNames.ResidPre(1), wrong));
        Assert.That(e!.Message, Does.Contain("[2, 9, 64]").And.Contain("[2, 10, 64]"));
    }
}
