using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>
/// TransformerLens hook-point names (<c>HookedTransformer</c>), so that a researcher's vocabulary and the released
/// checkpoints map one to one. Shapes (B = batch, T = positions, D = d_model, H = heads, E = experts):
/// <list type="bullet">
/// <item>embeddings, residual streams, sublayer outputs and normalised streams: [B, T, D];</item>
/// <item>normalisation scales <c>….hook_scale</c>: [B, T, 1];</item>
/// <item>queries, keys, values <c>attn.hook_q/k/v</c> and <c>attn.hook_z</c>: [B, T, H, d_head];</item>
/// <item>attention scores and patterns <c>attn.hook_attn_scores</c>, <c>attn.hook_pattern</c>: [B, H, T_query, T_key];</item>
/// <item>MLP hidden activations <c>mlp.hook_pre</c>, <c>mlp.hook_post</c>: [B, T, d_mlp];</item>
/// <item>router weights [B, T, E] (zero for experts not chosen) and router choices [B, T, k] (expert indices, int64).</item>
/// </list>
/// A mixture-of-experts block has no <c>mlp.hook_pre</c> / <c>mlp.hook_post</c>: each expert is a full MLP evaluated on every
/// token, with its own <c>mlp.experts.{e}.hook_pre</c> / <c>hook_post</c> [B, T, d_mlp] (TransformerLens' MoE names), before
/// the router's gate weights are applied.
/// </summary>
public static class HookNames
{
    /// <summary>Token embedding <c>W_E[token]</c>, [B, T, D].</summary>
    public const string Embed = "hook_embed";

    /// <summary>Positional embedding <c>W_pos[position]</c> broadcast to [B, T, D].</summary>
    public const string PosEmbed = "hook_pos_embed";

    /// <summary>The scale of the embedding norm (only when <see cref="TransformerConfig.EmbeddingNorm"/> is on, microgpt), [B, T, 1];
    /// see <see cref="Ln1Scale"/> for its definition.</summary>
    public const string EmbedScale = "ln_embed.hook_scale";

    /// <summary>The normalised embedding sum (only when <see cref="TransformerConfig.EmbeddingNorm"/> is on, microgpt), [B, T, D].</summary>
    public const string EmbedNormalized = "ln_embed.hook_normalized";

    /// <summary>The scale of the final norm (when <see cref="TransformerConfig.FinalNorm"/> is on), [B, T, 1]; see
    /// <see cref="Ln1Scale"/> for its definition.</summary>
    public const string LnFinalScale = "ln_final.hook_scale";

    /// <summary>The final normalised residual stream before the unembedding (when <see cref="TransformerConfig.FinalNorm"/> is on),
    /// after the gain and bias, [B, T, D].</summary>
    public const string LnFinalNormalized = "ln_final.hook_normalized";

    /// <summary>Residual stream entering block <paramref name="layer"/>, [B, T, D] (block 0: the embedding sum, normalised
    /// with <see cref="TransformerConfig.EmbeddingNorm"/>).</summary>
    public static string ResidPre(int layer) => $"blocks.{layer}.hook_resid_pre";

    /// <summary>
    /// The scale the first norm of block <paramref name="layer"/> divides by, [B, T, 1] (TransformerLens <c>ln1.hook_scale</c>):
    /// for LayerNorm <c>sqrt(mean((x − mean(x))²) + ε)</c>, so that the normalised stream before gain and bias is
    /// <c>(x − mean(x)) / scale</c>; for RMSNorm (with or without gain) the root mean square <c>sqrt(mean(x²) + ε)</c>, the
    /// stream being <c>x / scale</c>. Absent when <see cref="TransformerConfig.Normalization"/> is
    /// <see cref="NormalizationKind.None"/>. Patching it (returning another tensor) normalises with the
    /// patched scale.
    /// </summary>
    public static string Ln1Scale(int layer) => $"blocks.{layer}.ln1.hook_scale";

    /// <summary>The first norm's output in block <paramref name="layer"/> (after gain and bias): the attention's input, [B, T, D].</summary>
    public static string Ln1Normalized(int layer) => $"blocks.{layer}.ln1.hook_normalized";

    /// <summary>Queries of block <paramref name="layer"/>, <c>q = ln1(x) W_Q[h] + b_Q[h]</c>, [B, T, H, d_head].</summary>
    public static string AttnQ(int layer) => $"blocks.{layer}.attn.hook_q";

    /// <summary>Keys of block <paramref name="layer"/>, <c>k = ln1(x) W_K[h] + b_K[h]</c>, [B, T, H, d_head].</summary>
    public static string AttnK(int layer) => $"blocks.{layer}.attn.hook_k";

    /// <summary>Values of block <paramref name="layer"/>, <c>v = ln1(x) W_V[h] + b_V[h]</c>, [B, T, H, d_head].</summary>
    public static string AttnV(int layer) => $"blocks.{layer}.attn.hook_v";

    /// <summary>Attention scores of block <paramref name="layer"/> before the softmax, <c>q·k / sqrt(d_head)</c> with the
    /// causal mask applied (−∞ above the diagonal), [B, H, T_query, T_key] (TransformerLens <c>attn.hook_attn_scores</c>).</summary>
    public static string AttnScores(int layer) => $"blocks.{layer}.attn.hook_attn_scores";

    /// <summary>Attention pattern of block <paramref name="layer"/>, softmax of the scores over keys, [B, H, T_query, T_key]
    /// (rows sum to 1, zero above the diagonal).</summary>
    public static string AttnPattern(int layer) => $"blocks.{layer}.attn.hook_pattern";

    /// <summary>Per-head attention outputs before W_O, <c>z = pattern · v</c>, [B, T, H, d_head].</summary>
    public static string AttnZ(int layer) => $"blocks.{layer}.attn.hook_z";

    /// <summary>Attention sublayer output added to the residual stream, [B, T, D].</summary>
    public static string AttnOut(int layer) => $"blocks.{layer}.hook_attn_out";

    /// <summary>Residual stream after block <paramref name="layer"/>'s attention, [B, T, D].</summary>
    public static string ResidMid(int layer) => $"blocks.{layer}.hook_resid_mid";

    /// <summary>The scale the second norm of block <paramref name="layer"/> divides by, [B, T, 1]; defined as <see cref="Ln1Scale"/>.</summary>
    public static string Ln2Scale(int layer) => $"blocks.{layer}.ln2.hook_scale";

    /// <summary>The second norm's output in block <paramref name="layer"/> (after gain and bias): the MLP's input, [B, T, D].</summary>
    public static string Ln2Normalized(int layer) => $"blocks.{layer}.ln2.hook_normalized";

    /// <summary>MLP pre-activations of a dense block, <c>ln2(x) W_in + b_in</c> before the nonlinearity, [B, T, d_mlp].
    /// Mixture-of-experts blocks have one per expert instead (<see cref="ExpertPre"/>).</summary>
    public static string MlpPre(int layer) => $"blocks.{layer}.mlp.hook_pre";

    /// <summary>MLP hidden activations of a dense block after the nonlinearity, <c>act(hook_pre)</c>, [B, T, d_mlp].
    /// Mixture-of-experts blocks have one per expert instead (<see cref="ExpertPost"/>).</summary>
    public static string MlpPost(int layer) => $"blocks.{layer}.mlp.hook_post";

    /// <summary>Mixture-of-experts gate weights per expert (renormalised over the top-k, zero elsewhere), [B, T, E].</summary>
    public static string RouterWeights(int layer) => $"blocks.{layer}.mlp.hook_router_weights";

    /// <summary>Mixture-of-experts chosen expert indices, [B, T, k], int64.</summary>
    public static string RouterChoices(int layer) => $"blocks.{layer}.mlp.hook_router_choices";

    /// <summary>Pre-activations of expert <paramref name="expert"/> in mixture-of-experts block <paramref name="layer"/>,
    /// <c>ln2(x) W_in[e] + b_in[e]</c>, [B, T, d_mlp], for every token (the experts are evaluated densely; the gate
    /// weights, zero for experts a token is not routed to, are applied to the experts' outputs).</summary>
    public static string ExpertPre(int layer, int expert) => $"blocks.{layer}.mlp.experts.{expert}.hook_pre";

    /// <summary>Hidden activations of expert <paramref name="expert"/> in mixture-of-experts block <paramref name="layer"/>
    /// after the nonlinearity, <c>act(hook_pre)</c>, [B, T, d_mlp], for every token (see <see cref="ExpertPre"/>).</summary>
    public static string ExpertPost(int layer, int expert) => $"blocks.{layer}.mlp.experts.{expert}.hook_post";

    /// <summary>MLP (or mixture-of-experts) output added to the residual stream, [B, T, D].</summary>
    public static string MlpOut(int layer) => $"blocks.{layer}.hook_mlp_out";

    /// <summary>Residual stream leaving block <paramref name="layer"/>, [B, T, D].</summary>
    public static string ResidPost(int layer) => $"blocks.{layer}.hook_resid_post";

    /// <summary>
    /// The belief-geometry paper's residual-stream hook points of a model with <paramref name="config"/>, in forward
    /// order: the embedding sum <c>blocks.0.hook_resid_pre</c>, every <c>blocks.l.hook_resid_post</c> and, with a final
    /// norm, <c>ln_final.hook_normalized</c> (their concatenation is the paper's six-way "Concat" for four layers;
    /// belief-geometry spec §2.4).
    /// </summary>
    public static IReadOnlyList<string> ResidualStream(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new List<string> { ResidPre(0) };
        for (int l = 0; l < config.Layers; l++) names.Add(ResidPost(l));
        if (config.FinalNorm) names.Add(LnFinalNormalized);
        return names;
    }

    /// <summary>
    /// The hook whose activation the unembedding reads, h in <c>logits = h W_U + b_U</c>: <c>ln_final.hook_normalized</c>
    /// with a final norm (after its gain and bias), else the last block's <c>hook_resid_post</c>.
    /// </summary>
    public static string FinalState(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.FinalNorm ? LnFinalNormalized : ResidPost(config.Layers - 1);
    }

    /// <summary>
    /// Every hook point a model with <paramref name="config"/> has, in forward order. Norm scales are absent when
    /// <see cref="TransformerConfig.Normalization"/> is <see cref="NormalizationKind.None"/> (the norms are
    /// then the identity and their <c>hook_normalized</c> equals their input).
    /// </summary>
    public static IReadOnlyList<string> All(TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool scales = config.Normalization != NormalizationKind.None;
        var names = new List<string> { Embed };
        if (config.LearnedPositions) names.Add(PosEmbed);
        if (config.EmbeddingNorm)
        {
            if (scales) names.Add(EmbedScale);
            names.Add(EmbedNormalized);
        }
        for (int l = 0; l < config.Layers; l++)
        {
            names.Add(ResidPre(l));
            if (scales) names.Add(Ln1Scale(l));
            names.Add(Ln1Normalized(l));
            names.Add(AttnQ(l));
            names.Add(AttnK(l));
            names.Add(AttnV(l));
            names.Add(AttnScores(l));
            names.Add(AttnPattern(l));
            names.Add(AttnZ(l));
            names.Add(AttnOut(l));
            names.Add(ResidMid(l));
            if (scales) names.Add(Ln2Scale(l));
            names.Add(Ln2Normalized(l));
            if (config.IsMixtureOfExperts)
            {
                names.Add(RouterChoices(l));
                names.Add(RouterWeights(l));
                for (int e = 0; e < config.Experts; e++)
                {
                    names.Add(ExpertPre(l, e));
                    names.Add(ExpertPost(l, e));
                }
            }
            else
            {
                names.Add(MlpPre(l));
                names.Add(MlpPost(l));
            }
            names.Add(MlpOut(l));
            names.Add(ResidPost(l));
        }
        if (config.FinalNorm)
        {
            if (scales) names.Add(LnFinalScale);
            names.Add(LnFinalNormalized);
        }
        return names;
    }
}
