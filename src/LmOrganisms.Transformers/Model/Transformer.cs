using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LmOrganisms;

/// <summary>
/// A decoder-only transformer organism (TransformerLens <c>HookedTransformer</c> semantics) as a TorchSharp module.
/// Input: token indices [B, T] (int64, T ≤ n_ctx); output: logits [B, T, d_vocab] (natural-log softmax scale).
/// Parameter names are TransformerLens' (<c>embed.W_E</c>, <c>pos_embed.W_pos</c>, <c>blocks.{l}.attn.W_Q</c>,
/// <c>blocks.{l}.ln1.w</c>, <c>blocks.{l}.mlp.W_in</c>, <c>ln_final.w</c>, <c>unembed.W_U</c>, …), so
/// <see cref="StateDict"/> is a TransformerLens state dict. Made by <see cref="Create"/>, <see cref="Load(string)"/> or
/// <see cref="FromState"/>. Named activations: see <see cref="HookNames"/>, <see cref="RunWithCache(Tensor)"/> and
/// <see cref="RunWithHooks"/>.
/// </summary>
public sealed partial class Transformer : nn.Module<Tensor, Tensor>
{
    private readonly HookRunner hooks = new();
    private readonly ParameterGroup embed;
    private readonly ParameterGroup? posEmbed, unembed;
    private readonly Norm? lnEmbed, lnFinal;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly HookableModule[] hookable;
    private readonly int dModel;

    /// <summary>A new model with <paramref name="config"/>, initialised: every weight matrix (<c>W_*</c>) from
    /// N(0, <see cref="TransformerConfig.EffectiveInitStd"/>²), in parameter order, with a managed generator seeded by
    /// <paramref name="seed"/> (bit for bit the same on every machine); gains 1, biases 0. Float32, on the CPU; dispose it.</summary>
    /// <param name="config">The architecture; validated.</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <exception cref="ArgumentException">The configuration is invalid (the message names the field).</exception>
    public static Transformer Create(TransformerConfig config, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return new Transformer(config, seed);
    }

    // The first use of the type tunes glibc's allocator for libtorch's buffers (GlibcAllocator; opt out with
    // LMO_GLIBC_MALLOC_TUNING=0).
    static Transformer() => GlibcAllocator.EnsureTuned();

    private Transformer(TransformerConfig config, int seed) : base("Transformer")
    {
        Config = config;
        dModel = config.DModel;
        embed = new ParameterGroup("embed");
        embed.Add("W_E", config.Vocabulary, config.DModel);
        register_module("embed", embed);
        if (config.LearnedPositions)
        {
            posEmbed = new ParameterGroup("pos_embed");
            posEmbed.Add("W_pos", config.ContextLength, config.DModel);
            register_module("pos_embed", posEmbed);
        }
        if (config.EmbeddingNorm)
        {
            lnEmbed = new Norm("ln_embed", config, hooks, HookNames.EmbedScale, HookNames.EmbedNormalized);
            register_module("ln_embed", lnEmbed);
        }
        blocks = new ModuleList<TransformerBlock>(Enumerable.Range(0, config.Layers).Select(l => new TransformerBlock(config, l, hooks)).ToArray());
        register_module("blocks", blocks);
        if (config.FinalNorm)
        {
            lnFinal = new Norm("ln_final", config, hooks, HookNames.LnFinalScale, HookNames.LnFinalNormalized);
            register_module("ln_final", lnFinal);
        }
        if (!config.TiedUnembedding || config.Biases)
        {
            unembed = new ParameterGroup("unembed");
            if (!config.TiedUnembedding) unembed.Add("W_U", config.DModel, config.Vocabulary);
            if (config.Biases) unembed.Add("b_U", config.Vocabulary);
            register_module("unembed", unembed);
        }
        Initialise(seed);
        hookable = modules().OfType<HookableModule>().ToArray();
    }

    /// <summary>The architecture.</summary>
    public TransformerConfig Config { get; }

    /// <summary>Number of trainable scalars (143,075 for <see cref="TransformerPresets.BeliefGeometry"/>).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>True while hook functions are installed (<see cref="RunWithHooks"/>, <see cref="RunWithCache(Tensor)"/>) or
    /// TorchSharp forward hooks are registered on the model or any of its modules: a forward pass must then run the
    /// modules (the CPU training engine steps aside).</summary>
    internal bool HasHooks
    {
        get
        {
            if (hooks.IsActive || pre_hooks.Count > 0 || post_hooks.Count > 0 || module_pre_hooks.Count > 0 || module_post_hooks.Count > 0) return true;
            foreach (var module in hookable)
                if (module.HasTorchHooks) return true;
            return false;
        }
    }

    /// <summary>Logits [B, T, d_vocab] for token indices [B, T] (int64 on the model's device).</summary>
    public override Tensor forward(Tensor tokens)
    {
        if (tokens.dim() != 2)
            throw new ArgumentException($"Tokens must be a [batch, positions] tensor; got {tokens.dim()} dimensions.", nameof(tokens));
        long batch = tokens.shape[0], t = tokens.shape[1];
        if (t > Config.ContextLength || t < 1)
            throw new ArgumentException($"Sequences have {t} positions; the model's context holds 1 to {Config.ContextLength}.", nameof(tokens));
        var wE = embed.Get("W_E");
        var x = hooks.Apply(HookNames.Embed, wE.index_select(0, tokens.reshape(-1)).view(batch, t, dModel));
        if (posEmbed is not null)
            x = x.Plus(hooks.Apply(HookNames.PosEmbed, posEmbed.Get("W_pos").narrow(0, 0, t).unsqueeze(0).expand(batch, t, dModel)));
        if (lnEmbed is not null) x = lnEmbed.call(x);
        for (int l = 0; l < blocks.Count; l++) x = blocks[l].call(x);
        if (lnFinal is not null) x = lnFinal.call(x);
        var logits = x.matmul(Config.TiedUnembedding ? wE.t() : unembed!.Get("W_U"));
        return Config.Biases ? logits.Plus(unembed!.Get("b_U")) : logits;
    }

    private void Initialise(int seed)
    {
        var rng = new Random(seed);
        double std = Config.EffectiveInitStd;
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in named_parameters())
        {
            var leaf = name[(name.LastIndexOf('.') + 1)..];
            if (!leaf.StartsWith("W_", StringComparison.Ordinal)) continue;
            var values = new float[p.numel()];
            for (int i = 0; i < values.Length; i += 2)
            {
                var (z0, z1) = Gaussian.Pair(rng, std);
                values[i] = (float)z0;
                if (i + 1 < values.Length) values[i + 1] = (float)z1;
            }
            using var init = torch.tensor(values, p.shape);
            p.copy_(init);
        }
    }
}
