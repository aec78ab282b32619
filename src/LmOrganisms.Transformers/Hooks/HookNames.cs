using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers;

/// <summary>
/// TransformerLens hook-point names, so that a researcher's vocabulary and the released checkpoints map one to one.
/// Shapes (B = batch, T = positions, D = d_model, H = heads): embeddings and residual streams [B, T, D];
/// attention patterns [B, H, T_query, T_key] (rows sum to 1, zero above the diagonal); <c>attn.hook_z</c> [B, T, H, d_head];
/// <c>mlp.hook_post</c> [B, T, d_mlp] (dense MLP only); router weights [B, T, E] (zero for experts not chosen);
/// router choices [B, T, k] (expert indices, int64).
/// </summary>
public static class HookNames
{
    /// <summary>Token embedding <c>W_E[token]</c>, [B, T, D].</summary>
    public const string Embed = "hook_embed";

    /// <summary>Positional embedding <c>W_pos[position]</c> broadcast to [B, T, D].</summary>
    public const string PosEmbed = "hook_pos_embed";

    /// <summary>The normalised embedding sum (only when <see cref="TransformerConfig.EmbeddingNorm"/> is on, microgpt), [B, T, D].</summary>
    public const string EmbedNormalized = "ln_embed.hook_normalized";

    /// <summary>The final normalised residual stream before the unembedding (when <see cref="TransformerConfig.FinalNorm"/> is on), [B, T, D].</summary>
    public const string LnFinalNormalized = "ln_final.hook_normalized";

    /// <summary>Residual stream entering block <paramref name="layer"/>, [B, T, D] (block 0: the embedding sum).</summary>
    public static string ResidPre(int layer) => $"blocks.{layer}.hook_resid_pre";

    /// <summary>Residual stream after block <paramref name="layer"/>'s attention, [B, T, D].</summary>
    public static string ResidMid(int layer) => $"blocks.{layer}.hook_resid_mid";

    /// <summary>Residual stream leaving block <paramref name="layer"/>, [B, T, D].</summary>
    public static string ResidPost(int layer) => $"blocks.{layer}.hook_resid_post";

    /// <summary>Attention pattern of block <paramref name="layer"/>, softmax over keys, [B, H, T, T].</summary>
    public static string AttnPattern(int layer) => $"blocks.{layer}.attn.hook_pattern";

    /// <summary>Per-head attention outputs before W_O, [B, T, H, d_head].</summary>
    public static string AttnZ(int layer) => $"blocks.{layer}.attn.hook_z";

    /// <summary>Attention sublayer output added to the residual stream, [B, T, D].</summary>
    public static string AttnOut(int layer) => $"blocks.{layer}.hook_attn_out";

    /// <summary>MLP hidden activations after the nonlinearity (dense MLP), [B, T, d_mlp].</summary>
    public static string MlpPost(int layer) => $"blocks.{layer}.mlp.hook_post";

    /// <summary>MLP (or mixture-of-experts) output added to the residual stream, [B, T, D].</summary>
    public static string MlpOut(int layer) => $"blocks.{layer}.hook_mlp_out";

    /// <summary>Mixture-of-experts gate weights per expert (renormalised over the top-k, zero elsewhere), [B, T, E].</summary>
    public static string RouterWeights(int layer) => $"blocks.{layer}.mlp.hook_router_weights";

    /// <summary>Mixture-of-experts chosen expert indices, [B, T, k], int64.</summary>
    public static string RouterChoices(int layer) => $"blocks.{layer}.mlp.hook_router_choices";

    /// <summary>Every hook point a model with <paramref name="config"/> has, in forward order.</summary>
    public static IReadOnlyList<string> All(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new List<string> { Embed };
        if (config.LearnedPositions) names.Add(PosEmbed);
        if (config.EmbeddingNorm) names.Add(EmbedNormalized);
        for (int l = 0; l < config.Layers; l++)
        {
            names.Add(ResidPre(l));
            names.Add(AttnPattern(l));
            names.Add(AttnZ(l));
            names.Add(AttnOut(l));
            names.Add(ResidMid(l));
            if (config.IsMixtureOfExperts)
            {
                names.Add(RouterWeights(l));
                names.Add(RouterChoices(l));
            }
            else
            {
                names.Add(MlpPost(l));
            }
            names.Add(MlpOut(l));
            names.Add(ResidPost(l));
        }
        if (config.FinalNorm) names.Add(LnFinalNormalized);
        return names;
    }
}
