using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

public sealed class MixtureOfExpertsTests
{
    private static readonly TransformerConfig Moe = new(2, 16, 2, 8, 24, 8, 5) { Experts = 4, TopK = 2 };

    [Test]
    public void RouterChoiceOfATokenDependsOnlyOnItsOwnResidual()
    {
        // In block 0 the MLP input at position t is ln2(resid_mid[t]); resid_mid[t] depends on tokens ≤ t only, and the
        // router sees nothing else. Tokens 0..3 fixed, 4..7 changed: choices at 0..3 are identical; and a second forward
        // pass in which resid_mid of every position is replaced by position 2's value routes every position like position 2.
        using var model = Transformer.Create(Moe, seed: 9);
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new long[] { 1, 2, 3, 4, 0, 1, 2, 3 }, [1, 8]);
        var b = torch.tensor(new long[] { 1, 2, 3, 4, 4, 4, 4, 4 }, [1, 8]);
        using var ca = model.RunWithCache(a, [HookNames.RouterChoices(0), HookNames.RouterWeights(0), HookNames.ResidMid(0)]);
        using var cb = model.RunWithCache(b, [HookNames.RouterChoices(0)]);
        Assert.That(ca[HookNames.RouterChoices(0)].narrow(1, 0, 4).eq(cb[HookNames.RouterChoices(0)].narrow(1, 0, 4)).all().item<bool>(), Is.True);

        var broadcast = ca[HookNames.ResidMid(0)].narrow(1, 2, 1).expand(1, 8, 16).contiguous();
        torch.Tensor? choices = null;
        using var noGrad = torch.no_grad();
        model.RunWithHooks(a, new Dictionary<string, Func<torch.Tensor, torch.Tensor>>
        {
            [HookNames.ResidMid(0)] = _ => broadcast,
            [HookNames.RouterChoices(0)] = c => choices = c.clone(),
        });
        var expected = ca[HookNames.RouterChoices(0)].narrow(1, 2, 1).expand(1, 8, 2);
        Assert.That(choices!.eq(expected).all().item<bool>(), Is.True);
    }

    [Test]
    public void GateWeightsAreTopKRenormalisedAndLoadSumsToOne()
    {
        using var model = Transformer.Create(Moe, seed: 9);
        using var tokens = torch.randint(0, 5, [16, 8], generator: new torch.Generator(3));
        using var cache = model.RunWithCache(tokens, [HookNames.RouterChoices(1), HookNames.RouterWeights(1)]);
        using var scope = torch.NewDisposeScope();
        var weights = cache[HookNames.RouterWeights(1)];
        Assert.That((weights.sum(-1) - 1).abs().max().item<float>(), Is.LessThan(1e-6f));
        Assert.That(weights.gt(0).sum(-1).eq(2).all().item<bool>(), Is.True);
        var load = cache.RouterLoad(1, 4);
        Assert.That(load.Sum(), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(load, Has.All.InRange(0.0, 1.0));
    }
}
