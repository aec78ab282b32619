namespace LmOrganisms.Transformers;

/// <summary>The normalisation applied before attention, before the MLP and (optionally) before the unembedding.</summary>
public enum NormalizationKind
{
    /// <summary>LayerNorm: <c>(x − mean(x)) / sqrt(var(x) + ε) · w + b</c> (TransformerLens <c>LN</c>; the bias only when biases are on).</summary>
    LayerNorm,

    /// <summary>RMSNorm with a learned gain: <c>x / sqrt(mean(x²) + ε) · w</c>.</summary>
    RmsNorm,

    /// <summary>RMSNorm without a gain: <c>x / sqrt(mean(x²) + ε)</c> (Karpathy's microgpt).</summary>
    RmsNormNoGain,

    /// <summary>No normalisation (identity).</summary>
    None,
}
