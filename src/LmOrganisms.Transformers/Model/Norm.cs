using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>
/// A normalisation layer (TransformerLens <c>ln1</c>, <c>ln2</c>, <c>ln_final</c>; microgpt's <c>ln_embed</c>): parameters
/// <c>w</c> (gain) and <c>b</c> (bias) where the kind has them. Hook points <c>{prefix}.hook_scale</c> (the divisor, [B, T, 1],
/// not for <see cref="NormalizationKind.None"/>) and <c>{prefix}.hook_normalized</c> (the output, after gain and bias).
/// The plain forward pass uses the fused <c>layer_norm</c> (LayerNorm) or <c>x · rsqrt(mean(x²) + ε)</c> (RMSNorm); the scale
/// is computed only while a hook is installed on it, and the output changes only when that hook patches it.
/// </summary>
internal sealed class Norm : HookableModule
{
    private readonly NormalizationKind kind;
    private readonly double eps;
    private readonly long[] shape;
    private readonly bool hasBias;
    private readonly HookRunner hooks;
    private readonly string? scaleName;
    private readonly string normalizedName;

    /// <param name="name">Module name (<c>ln1</c>, <c>ln2</c>, <c>ln_final</c>, <c>ln_embed</c>).</param>
    /// <param name="config">The architecture.</param>
    /// <param name="hooks">The model's hook points.</param>
    /// <param name="scaleName">The scale's hook name; ignored for <see cref="NormalizationKind.None"/>.</param>
    /// <param name="normalizedName">The output's hook name.</param>
    public Norm(string name, TransformerConfig config, HookRunner hooks, string scaleName, string normalizedName) : base(name)
    {
        kind = config.Normalization;
        eps = config.NormEpsilon;
        shape = [config.DModel];
        this.hooks = hooks;
        this.scaleName = kind == NormalizationKind.None ? null : scaleName;
        this.normalizedName = normalizedName;
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
        var y = scaleName is not null && hooks.IsHooked(scaleName) ? ForwardWithScaleHook(x, scaleName) : Fused(x);
        return hooks.Apply(normalizedName, y);
    }

    private Tensor Fused(Tensor x) => kind switch
    {
        NormalizationKind.LayerNorm => nn.functional.layer_norm(x, shape, Gain, hasBias ? Bias : null, eps),
        NormalizationKind.RmsNorm => x * torch.rsqrt(x.Squared().mean([-1], keepdim: true).Plus(eps)) * Gain,
        NormalizationKind.RmsNormNoGain => x * torch.rsqrt(x.Squared().mean([-1], keepdim: true).Plus(eps)),
        _ => x,
    };

    // TransformerLens' LayerNorm / RMSNorm with the scale materialised: scale = sqrt(mean(c²) + ε) with c = x − mean(x)
    // (LayerNorm) or c = x (RMSNorm); output c / scale · w + b. An observing hook leaves the fused result (same bits as
    // without hooks); a patching hook's scale replaces the computed one.
    private Tensor ForwardWithScaleHook(Tensor x, string name)
    {
        var centered = kind == NormalizationKind.LayerNorm ? x.sub(x.mean([-1], keepdim: true)) : x;
        var scale = centered.Squared().mean([-1], keepdim: true).Plus(eps).sqrt();
        var hooked = hooks.Apply(name, scale);
        if (ReferenceEquals(hooked, scale)) return Fused(x);
        var y = centered / hooked;
        if (kind is NormalizationKind.LayerNorm or NormalizationKind.RmsNorm) y = y * Gain;
        return hasBias ? y.Plus(Bias) : y;
    }

    // Parameters are looked up by name on every call: Module.to(device or dtype) replaces them.
    private Parameter Gain => ModuleParameters.Get(this, "w");

    private Parameter Bias => ModuleParameters.Get(this, "b");
}
