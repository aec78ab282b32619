using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

public sealed class TransformerForwardTests
{
    private static readonly TransformerConfig Tiny = new(2, 16, 2, 8, 32, 10, 3);

    [Test]
    public void ChangingLaterTokensLeavesEarlierLogitsUnchanged([Values] bool microGpt)
    {
        var config = microGpt ? TransformerPresets.MicroGpt(vocabulary: 3, contextLength: 10) : TransformerPresets.BeliefGeometry;
        using var model = Transformer.Create(config, seed: 3);
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 }, [1, 10]);
        var b = a.clone();
        b[0, 7] = torch.tensor(2L);
        b[0, 9] = torch.tensor(1L);
        using var noGrad = torch.no_grad();
        var la = model.call(a);
        var lb = model.call(b);
        var early = (la.narrow(1, 0, 7) - lb.narrow(1, 0, 7)).abs().max().item<float>();
        var late = (la.narrow(1, 7, 3) - lb.narrow(1, 7, 3)).abs().max().item<float>();
        Assert.That(early, Is.EqualTo(0f));
        Assert.That(late, Is.GreaterThan(1e-4f));
    }

    [Test]
    public void InitialLossIsNearLnVocabulary()
    {
        // microgpt's N(0, 0.08²) init gives near-uniform predictions: Karpathy reports loss ≈ 3.3 = ln 27 at step 0.
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 27), seed: 1);
        using var scope = torch.NewDisposeScope();
        var tokens = torch.randint(0, 27, [256, 17], generator: new torch.Generator(5));
        using var noGrad = torch.no_grad();
        var logits = model.call(tokens.narrow(1, 0, 16));
        var loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 27), tokens.narrow(1, 1, 16).reshape(-1)).item<float>();
        Assert.That(loss, Is.EqualTo(Math.Log(27)).Within(0.05));
    }

    [Test]
    public void SameSeedSameWeightsDifferentSeedDifferentWeights()
    {
        using var a = Transformer.Create(Tiny, seed: 7);
        using var b = Transformer.Create(Tiny, seed: 7);
        using var c = Transformer.Create(Tiny, seed: 8);
        var wa = a.state_dict()["blocks.1.mlp.W_in"];
        Assert.That(wa.eq(b.state_dict()["blocks.1.mlp.W_in"]).all().item<bool>(), Is.True);
        Assert.That(wa.eq(c.state_dict()["blocks.1.mlp.W_in"]).all().item<bool>(), Is.False);
    }

    [Test]
    public void InitialisationHasTheConfiguredStandardDeviation()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 2);
        var w = model.state_dict()["blocks.0.mlp.W_in"];
        Assert.That(w.std().item<float>(), Is.EqualTo(0.8 / Math.Sqrt(64)).Within(0.003));
        Assert.That(model.state_dict()["blocks.0.ln1.w"].sum().item<float>(), Is.EqualTo(64f));
        Assert.That(model.state_dict()["blocks.0.mlp.b_in"].abs().sum().item<float>(), Is.EqualTo(0f));
    }

    [Test]
    public void RejectsSequencesLongerThanTheContext()
    {
        using var model = Transformer.Create(Tiny);
        using var tokens = torch.zeros([1, 11], torch.int64);
        var e = Assert.Throws<ArgumentException>(() => model.call(tokens));
        Assert.That(e!.Message, Does.Contain("11").And.Contain("10"));
    }
}
