using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>One pre-norm block: resid_mid = resid_pre + attn(ln1(resid_pre)); resid_post = resid_mid + mlp(ln2(resid_mid)).</summary>
internal sealed class TransformerBlock : HookableModule
{
    private readonly Norm ln1, ln2;
    private readonly Attention attn;
    private readonly nn.Module<Tensor, Tensor> mlp;
    private readonly HookRunner hooks;
    private readonly string residPre, attnOut, residMid, mlpOut, residPost;

    public TransformerBlock(TransformerConfig config, int layer, HookRunner hooks) : base($"block{layer}")
    {
        this.hooks = hooks;
        residPre = HookNames.ResidPre(layer);
        attnOut = HookNames.AttnOut(layer);
        residMid = HookNames.ResidMid(layer);
        mlpOut = HookNames.MlpOut(layer);
        residPost = HookNames.ResidPost(layer);
        ln1 = new Norm("ln1", config, hooks, HookNames.Ln1Scale(layer), HookNames.Ln1Normalized(layer));
        attn = new Attention(config, layer, hooks);
        ln2 = new Norm("ln2", config, hooks, HookNames.Ln2Scale(layer), HookNames.Ln2Normalized(layer));
        mlp = config.IsMixtureOfExperts
            ? new MixtureOfExperts(config, layer, hooks)
            : new Mlp("mlp", config, hooks, HookNames.MlpPre(layer), HookNames.MlpPost(layer));
        register_module("ln1", ln1);
        register_module("attn", attn);
        register_module("ln2", ln2);
        register_module("mlp", mlp);
    }

    public override Tensor forward(Tensor x)
    {
        x = hooks.Apply(residPre, x);
        x = hooks.Apply(residMid, x.Plus(hooks.Apply(attnOut, attn.call(ln1.call(x)))));
        return hooks.Apply(residPost, x.Plus(hooks.Apply(mlpOut, mlp.call(ln2.call(x)))));
    }
}
