using LmOrganisms.Transformers.Hooks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers.Model;

/// <summary>A normalisation layer (TransformerLens <c>ln1</c>, <c>ln2</c>, <c>ln_final</c>): parameters <c>w</c> (gain) and <c>b</c> (bias) where the kind has them.</summary>
internal sealed class Norm : nn.Module<Tensor, Tensor>
{
    private readonly NormalizationKind kind;
    private readonly double eps;
    private readonly long[] shape;
    private readonly Parameter? w;
    private readonly Parameter? b;
    private readonly HookRunner? hooks;
    private readonly string? hookName;

    public Norm(string name, TransformerConfig config, HookRunner? hooks = null, string? hookName = null) : base(name)
    {
        kind = config.Normalization;
        eps = config.NormEpsilon;
        shape = [config.DModel];
        this.hooks = hooks;
        this.hookName = hookName;
        if (kind is NormalizationKind.LayerNorm or NormalizationKind.RmsNorm)
        {
            w = new Parameter(torch.ones(config.DModel));
            register_parameter("w", w);
        }
        if (kind == NormalizationKind.LayerNorm && config.Biases)
        {
            b = new Parameter(torch.zeros(config.DModel));
            register_parameter("b", b);
        }
    }

    public override Tensor forward(Tensor x)
    {
        var y = kind switch
        {
            NormalizationKind.LayerNorm => nn.functional.layer_norm(x, shape, w, b, eps),
            NormalizationKind.RmsNorm => x * torch.rsqrt(x.square().mean([-1], keepdim: true) + eps) * w!,
            NormalizationKind.RmsNormNoGain => x * torch.rsqrt(x.square().mean([-1], keepdim: true) + eps),
            _ => x,
        };
        return hooks is not null && hookName is not null ? hooks.Apply(hookName, y) : y;
    }
}
