using System.Globalization;

namespace LmOrganisms.Transformers;

/// <summary>Where each TransformerLens parameter of a dense model lies in the <see cref="FlatParameters"/> buffers
/// (−1: the model has no such parameter).</summary>
internal sealed class ParameterOffsets
{
    /// <summary>The offsets of <paramref name="config"/>'s parameters in <paramref name="flat"/>.</summary>
    public ParameterOffsets(FlatParameters flat, TransformerConfig config)
    {
        Embed = flat.Offset("embed.W_E");
        Positions = flat.OffsetOrNone("pos_embed.W_pos");
        EmbedNormGain = flat.OffsetOrNone("ln_embed.w");
        EmbedNormBias = flat.OffsetOrNone("ln_embed.b");
        FinalNormGain = flat.OffsetOrNone("ln_final.w");
        FinalNormBias = flat.OffsetOrNone("ln_final.b");
        Unembed = flat.OffsetOrNone("unembed.W_U");
        UnembedBias = flat.OffsetOrNone("unembed.b_U");
        Layers = new Layer[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            string p = "blocks." + l.ToString(CultureInfo.InvariantCulture) + ".";
            Layers[l] = new Layer
            {
                Norm1Gain = flat.OffsetOrNone(p + "ln1.w"), Norm1Bias = flat.OffsetOrNone(p + "ln1.b"),
                Query = flat.Offset(p + "attn.W_Q"), Key = flat.Offset(p + "attn.W_K"), Value = flat.Offset(p + "attn.W_V"), Output = flat.Offset(p + "attn.W_O"),
                QueryBias = flat.OffsetOrNone(p + "attn.b_Q"), KeyBias = flat.OffsetOrNone(p + "attn.b_K"),
                ValueBias = flat.OffsetOrNone(p + "attn.b_V"), OutputBias = flat.OffsetOrNone(p + "attn.b_O"),
                Norm2Gain = flat.OffsetOrNone(p + "ln2.w"), Norm2Bias = flat.OffsetOrNone(p + "ln2.b"),
                In = flat.Offset(p + "mlp.W_in"), InBias = flat.OffsetOrNone(p + "mlp.b_in"),
                Out = flat.Offset(p + "mlp.W_out"), OutBias = flat.OffsetOrNone(p + "mlp.b_out"),
            };
        }
    }

    /// <summary>embed.W_E.</summary>
    public long Embed { get; }

    /// <summary>pos_embed.W_pos.</summary>
    public long Positions { get; }

    /// <summary>ln_embed.w.</summary>
    public long EmbedNormGain { get; }

    /// <summary>ln_embed.b.</summary>
    public long EmbedNormBias { get; }

    /// <summary>ln_final.w.</summary>
    public long FinalNormGain { get; }

    /// <summary>ln_final.b.</summary>
    public long FinalNormBias { get; }

    /// <summary>unembed.W_U.</summary>
    public long Unembed { get; }

    /// <summary>unembed.b_U.</summary>
    public long UnembedBias { get; }

    /// <summary>The blocks' parameters.</summary>
    public Layer[] Layers { get; }

    /// <summary>One block's parameter offsets.</summary>
    internal readonly struct Layer
    {
        public long Norm1Gain { get; init; }
        public long Norm1Bias { get; init; }
        public long Query { get; init; }
        public long Key { get; init; }
        public long Value { get; init; }
        public long Output { get; init; }
        public long QueryBias { get; init; }
        public long KeyBias { get; init; }
        public long ValueBias { get; init; }
        public long OutputBias { get; init; }
        public long Norm2Gain { get; init; }
        public long Norm2Bias { get; init; }
        public long In { get; init; }
        public long InBias { get; init; }
        public long Out { get; init; }
        public long OutBias { get; init; }
    }
}
