using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>
/// Every architectural choice of a decoder-only transformer organism, in TransformerLens' vocabulary
/// (<c>n_layers</c>, <c>d_model</c>, <c>n_heads</c>, <c>d_head</c>, <c>d_mlp</c>, <c>n_ctx</c>, <c>d_vocab</c>).
/// The residual equations are pre-norm: <c>resid_mid = resid_pre + attn(norm1(resid_pre))</c>,
/// <c>resid_post = resid_mid + mlp(norm2(resid_mid))</c>; logits = <c>unembed(norm_final(resid_post))</c>.
/// Presets for the papers' organisms are in <see cref="TransformerPresets"/>.
/// </summary>
/// <param name="Layers">Number of blocks (n_layers ≥ 1).</param>
/// <param name="DModel">Residual stream width (d_model).</param>
/// <param name="Heads">Attention heads per block (n_heads).</param>
/// <param name="DHead">Width of each head (d_head); attention scores are scaled by 1/sqrt(d_head).</param>
/// <param name="DMlp">Hidden width of the MLP (d_mlp).</param>
/// <param name="ContextLength">Context length n_ctx: the longest input sequence, in tokens.</param>
/// <param name="Vocabulary">Vocabulary size d_vocab.</param>
public sealed partial record TransformerConfig(int Layers, int DModel, int Heads, int DHead, int DMlp, int ContextLength, int Vocabulary)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Normalisation before attention, MLP and unembedding (default LayerNorm).</summary>
    public NormalizationKind Normalization { get; init; } = NormalizationKind.LayerNorm;

    /// <summary>ε inside the normalisation's square root (default 1e-5, TransformerLens and microgpt).</summary>
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>MLP nonlinearity (default ReLU).</summary>
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Biases on Q/K/V/O, the MLP, LayerNorm and the unembedding (TransformerLens: on; microgpt: off).</summary>
    public bool Biases { get; init; } = true;

    /// <summary>Unembedding tied to the embedding (<c>W_U = W_Eᵀ</c>); default untied.</summary>
    public bool TiedUnembedding { get; init; }

    /// <summary>Learned absolute positional embeddings <c>W_pos</c> (default on).</summary>
    public bool LearnedPositions { get; init; } = true;

    /// <summary>Normalise the embedding sum before the first block (microgpt's <c>x = rmsnorm(wte + wpe)</c>); default off.</summary>
    public bool EmbeddingNorm { get; init; }

    /// <summary>Normalise the residual stream before the unembedding (<c>ln_final</c>); default on.</summary>
    public bool FinalNorm { get; init; } = true;

    /// <summary>Standard deviation of the normal initialisation of every weight matrix; null means TransformerLens' default
    /// <c>0.8 / sqrt(d_model)</c>. Biases start at 0 and gains at 1.</summary>
    public double? InitStd { get; init; }

    /// <summary>Experts of a mixture-of-experts MLP; 0 means a dense MLP. Each expert is a full MLP of width d_mlp.</summary>
    public int Experts { get; init; }

    /// <summary>Experts each token is routed to (top-k of the router softmax on the token's own normalised residual).</summary>
    public int TopK { get; init; } = 1;

    /// <summary>The initialisation standard deviation actually used: <see cref="InitStd"/> or 0.8/sqrt(d_model).</summary>
    public double EffectiveInitStd => InitStd ?? 0.8 / Math.Sqrt(DModel);

    /// <summary>True when the MLP is a mixture of experts.</summary>
    public bool IsMixtureOfExperts => Experts > 0;

    /// <summary>Number of trainable scalars this configuration gives (closed form; equals the module's count).</summary>
    public long ParameterCount
    {
        get
        {
            long d = DModel, hd = (long)Heads * DHead, b = Biases ? 1 : 0;
            long norm = Normalization switch
            {
                NormalizationKind.LayerNorm => d * (1 + b),
                NormalizationKind.RmsNorm => d,
                _ => 0,
            };
            long attn = 4 * d * hd + b * (3 * hd + d);
            long mlp = 2 * d * DMlp + b * (DMlp + d);
            long ffn = IsMixtureOfExperts ? Experts * mlp + d * Experts : mlp;
            long block = 2 * norm + attn + ffn;
            long total = (long)Vocabulary * d + (LearnedPositions ? (long)ContextLength * d : 0) + Layers * block;
            if (EmbeddingNorm) total += norm;
            if (FinalNorm) total += norm;
            total += (TiedUnembedding ? 0 : d * Vocabulary) + b * Vocabulary;
            return total;
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field and its value.</summary>
    public void Validate()
    {
        static void Positive(int v, string name)
        {
            if (v < 1) throw new ArgumentException($"TransformerConfig.{name} must be at least 1; got {v}.", name);
        }
        Positive(Layers, nameof(Layers));
        Positive(DModel, nameof(DModel));
        Positive(Heads, nameof(Heads));
        Positive(DHead, nameof(DHead));
        Positive(DMlp, nameof(DMlp));
        Positive(ContextLength, nameof(ContextLength));
        Positive(Vocabulary, nameof(Vocabulary));
        if (!(NormEpsilon > 0) || double.IsInfinity(NormEpsilon))
            throw new ArgumentException($"TransformerConfig.NormEpsilon must be positive and finite; got {NormEpsilon}.", nameof(NormEpsilon));
        if (InitStd is { } s && (!(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException($"TransformerConfig.InitStd must be positive and finite; got {s}.", nameof(InitStd));
        if (Experts < 0)
            throw new ArgumentException($"TransformerConfig.Experts must be 0 (dense) or positive; got {Experts}.", nameof(Experts));
        if (Experts > 0 && (TopK < 1 || TopK > Experts))
            throw new ArgumentException($"TransformerConfig.TopK must be between 1 and Experts = {Experts}; got {TopK}.", nameof(TopK));
        if (!Enum.IsDefined(Normalization))
            throw new ArgumentException($"TransformerConfig.Normalization {(int)Normalization} is not a NormalizationKind.", nameof(Normalization));
        if (!Enum.IsDefined(Activation))
            throw new ArgumentException($"TransformerConfig.Activation {(int)Activation} is not an ActivationKind.", nameof(Activation));
    }

    /// <summary>The configuration as indented JSON (enums by name).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Reads a configuration written by <see cref="ToJson"/> and validates it. The context length may also be given
    /// under its 0.1 name <c>"Context"</c> (checkpoints and weights files written before 0.2), but not under both names.
    /// </summary>
    /// <exception cref="ArgumentException">The JSON is malformed, not an object, names the context length twice, or the
    /// configuration is invalid (the message names the field).</exception>
    public static TransformerConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TransformerConfig? config;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject node)
                throw new ArgumentException("The transformer configuration JSON is not an object.", nameof(json));
            if (node.ContainsKey(LegacyContextKey))
            {
                if (node.ContainsKey(nameof(ContextLength)))
                    throw new ArgumentException($"The transformer configuration JSON has both \"{nameof(ContextLength)}\" and its 0.1 name \"{LegacyContextKey}\"; keep one.", nameof(json));
                var value = node[LegacyContextKey];
                node.Remove(LegacyContextKey);
                node[nameof(ContextLength)] = value;
            }
            config = node.Deserialize<TransformerConfig>(JsonOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)   // the latter: text that is not valid UTF-16
        {
            throw new ArgumentException($"The transformer configuration JSON is invalid: {e.Message}", nameof(json), e);
        }
        if (config is null) throw new ArgumentException("The transformer configuration JSON is empty (null).", nameof(json));
        config.Validate();
        return config;
    }

    /// <summary>The 0.1 name of <see cref="ContextLength"/> in configuration JSON.</summary>
    private const string LegacyContextKey = "Context";
}
