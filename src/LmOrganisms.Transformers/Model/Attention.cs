using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers;

/// <summary>
/// Causal multi-head self-attention with TransformerLens parameters <c>W_Q, W_K, W_V</c> [H, D, d_head],
/// <c>W_O</c> [H, d_head, D] and biases <c>b_Q, b_K, b_V</c> [H, d_head], <c>b_O</c> [D]:
/// pattern = softmax(q kᵀ / sqrt(d_head), causal), z = pattern v, out = Σ_h z_h W_O[h] + b_O. Hook points: q, k, v
/// ([B, T, H, d_head], materialised in that layout only while hooked), the masked scaled scores, the pattern and z.
/// </summary>
internal sealed class Attention : HookableModule
{
    private readonly bool biases;
    private readonly int heads, dHead, dModel;
    private readonly double scale;
    private readonly HookRunner hooks;
    private readonly string qName, kName, vName, scoresName, patternName, zName;

    public Attention(TransformerConfig config, int layer, HookRunner hooks) : base("attn")
    {
        heads = config.Heads;
        dHead = config.DHead;
        dModel = config.DModel;
        scale = 1.0 / Math.Sqrt(dHead);
        this.hooks = hooks;
        qName = HookNames.AttnQ(layer);
        kName = HookNames.AttnK(layer);
        vName = HookNames.AttnV(layer);
        scoresName = HookNames.AttnScores(layer);
        patternName = HookNames.AttnPattern(layer);
        zName = HookNames.AttnZ(layer);
        biases = config.Biases;
        Register("W_Q", heads, dModel, dHead);
        Register("W_K", heads, dModel, dHead);
        Register("W_V", heads, dModel, dHead);
        Register("W_O", heads, dHead, dModel);
        if (biases)
        {
            Register("b_Q", heads, dHead);
            Register("b_K", heads, dHead);
            Register("b_V", heads, dHead);
            Register("b_O", dModel);
        }
        register_buffer("mask", torch.ones(config.ContextLength, config.ContextLength, dtype: ScalarType.Bool).triu(1), persistent: false);
    }

    private void Register(string name, params long[] shape) => register_parameter(name, new Parameter(torch.zeros(shape)));

    // Parameters and the mask are looked up by name on every call: Module.to(device or dtype) replaces them.
    private Parameter P(string name) => ModuleParameters.Get(this, name);

    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], t = x.shape[1];
        int hd = heads * dHead;
        var w = torch.cat([P("W_Q"), P("W_K"), P("W_V")], 0).permute(1, 0, 2).reshape(dModel, 3 * hd);   // [D, 3·H·d_head]
        var qkv = x.matmul(w);
        if (biases) qkv = qkv.Plus(torch.cat([P("b_Q"), P("b_K"), P("b_V")], 0).reshape(3 * hd));
        qkv = qkv.view(batch, t, 3, heads, dHead).permute(2, 0, 3, 1, 4);               // [3, B, H, T, d_head]
        var q = PerHead(qName, qkv[0]);
        var k = PerHead(kName, qkv[1]);
        var v = PerHead(vName, qkv[2]);
        var scores = q.matmul(k.transpose(-2, -1)).Times(scale);
        scores = scores.masked_fill(ModuleParameters.Buffer(this, "mask").narrow(0, 0, t).narrow(1, 0, t), TorchScalars.NegativeInfinity);
        scores = hooks.Apply(scoresName, scores);                                            // [B, H, T, T]
        var pattern = hooks.Apply(patternName, scores.softmax(-1));                       // [B, H, T, T]
        var z = hooks.Apply(zName, pattern.matmul(v).transpose(1, 2));                    // [B, T, H, d_head]
        var output = z.reshape(batch, t, hd).matmul(P("W_O").reshape(hd, dModel));
        return biases ? output.Plus(P("b_O")) : output;
    }

    // q, k or v [B, H, T, d_head] through its hook in TransformerLens' layout [B, T, H, d_head]. Unhooked, or hooked by an
    // observer, the tensor continues as the same strided view of qkv, so the forward pass keeps its bits.
    private Tensor PerHead(string name, Tensor headsFirst)
        => hooks.IsHooked(name) ? hooks.Apply(name, headsFirst.transpose(1, 2)).transpose(1, 2) : headsFirst;
}
