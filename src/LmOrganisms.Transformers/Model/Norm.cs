using LmOrganisms.Transformers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>A normalisation layer (TransformerLens <c>ln1</c>, <c>ln2</c>, <c>ln_final</c>): parameters <c>w</c> (gain) and <c>b</c> (bias) where the kind has them.</summary>
internal sealed class Norm : nn.Module<Tensor, Tensor>
{
    private readonly NormalizationKind kind;
    private readonly double eps;
    private readonly long[] shape;
    private readonly bool hasBias;
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
            register_parameter("w", new Parameter(torch.ones(config.DModel)));
        }
        hasBias = kind == NormalizationKind.LayerNorm && config.Biases;
        if (hasBias)
        {
            register_parameter("b", new Parameter(torch.zeros(config.DModel)));
        }
    }

    public override Tensor forward(Tensor x)
    {
        var y = kind switch
        {
            NormalizationKind.LayerNorm => nn.functional.layer_norm(x, shape, ModuleParameters.Get(this, "w"), hasBias ? ModuleParameters.Get(this, "b") : null, eps),
            NormalizationKind.RmsNorm => x * torch.rsqrt(x.Squared().mean([-1], keepdim: true).Plus(eps)) * ModuleParameters.Get(this, "w"),
            NormalizationKind.RmsNormNoGain => x * torch.rsqrt(x.Squared().mean([-1], keepdim: true).Plus(eps)),
            _ => x,
        };
        return hooks is not null && hookName is not null ? hooks.Apply(hookName, y) : y;
    }
}
