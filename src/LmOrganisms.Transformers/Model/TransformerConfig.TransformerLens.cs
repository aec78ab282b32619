using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.Transformers;

namespace LmOrganisms;

public sealed partial record TransformerConfig
{
    /// <summary>
    /// Reads a TransformerLens <c>HookedTransformerConfig</c> as JSON (the <c>train_config.json</c> the belief-geometry
    /// paper ships next to its checkpoints, or <c>json.dumps(model.cfg.to_dict())</c>): <c>n_layers</c>, <c>d_model</c>,
    /// <c>n_ctx</c>, <c>d_vocab</c>, <c>n_heads</c> and/or <c>d_head</c> (the other is d_model divided by it),
    /// <c>d_mlp</c> (default 4·d_model), <c>act_fn</c> (<c>relu</c> or <c>gelu</c>; default relu),
    /// <c>normalization_type</c> (<c>LN</c>, <c>RMS</c>, <c>RMSPre</c> or null; default LN), <c>eps</c> (default 1e-5)
    /// and <c>initializer_range</c>. TransformerLens models have biases, learned positions, an untied unembedding and
    /// a final norm when they have norms. Other keys (seed, optimiser, …) are ignored.
    /// </summary>
    /// <param name="json">The configuration JSON.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, a key has the wrong type, or it asks for what this
    /// library does not build (attention-only, no attention scale, bidirectional attention, rotary positions, folded
    /// <c>LNPre</c> norms, <c>gelu_new</c>, a different output vocabulary); the message names the key and the value.</exception>
    public static TransformerConfig FromTransformerLens(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json);
            if (parsed is JsonObject o) _ = o.Count; // materialises the properties: duplicate keys throw here
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ArgumentException($"The TransformerLens configuration JSON is invalid: {e.Message}", nameof(json), e);
        }
        if (parsed is not JsonObject node) throw new ArgumentException("The TransformerLens configuration JSON is not an object.", nameof(json));
        int layers = Int(node, "n_layers") ?? throw Missing("n_layers");
        int dModel = Int(node, "d_model") ?? throw Missing("d_model");
        int context = Int(node, "n_ctx") ?? throw Missing("n_ctx");
        int vocabulary = Int(node, "d_vocab") ?? throw Missing("d_vocab");
        int? heads = Int(node, "n_heads") is { } h && h > 0 ? h : null;
        int? dHead = Int(node, "d_head") is { } dh && dh > 0 ? dh : null;
        if (heads is null && dHead is null) throw Missing("n_heads (or d_head)");
        if ((heads is null && dModel % dHead!.Value != 0) || (dHead is null && dModel % heads!.Value != 0))
            throw new ArgumentException($"The TransformerLens configuration gives {(heads is null ? $"d_head {dHead}" : $"n_heads {heads}")} but not the other, and it does not divide d_model {dModel}.", nameof(json));
        heads ??= dModel / dHead!.Value;
        dHead ??= dModel / heads.Value;
        if (Bool(node, "attn_only") == true) throw Unsupported("attn_only", "true", "models with MLPs");
        if (Bool(node, "use_attn_scale") == false) throw Unsupported("use_attn_scale", "false", "attention scaled by 1/sqrt(d_head)");
        if (Text(node, "attention_dir") is { } dir && dir != "causal") throw Unsupported("attention_dir", dir, "causal attention");
        if (Text(node, "positional_embedding_type") is { } pos && pos != "standard") throw Unsupported("positional_embedding_type", pos, "learned absolute positions ('standard')");
        if (Int(node, "d_vocab_out") is { } vocabOut && vocabOut != -1 && vocabOut != vocabulary) throw Unsupported("d_vocab_out", vocabOut.ToString(System.Globalization.CultureInfo.InvariantCulture), "an output vocabulary equal to d_vocab");
        var activation = Text(node, "act_fn") switch
        {
            null or "relu" => ActivationKind.Relu,
            "gelu" => ActivationKind.Gelu,
            var other => throw Unsupported("act_fn", other, "relu and gelu (exact)"),
        };
        var norm = node.TryGetPropertyValue("normalization_type", out var n) && n is null ? "None" : Text(node, "normalization_type") ?? "LN";
        var normalization = norm switch
        {
            "LN" => NormalizationKind.LayerNorm,
            "RMS" => NormalizationKind.RmsNorm,
            "RMSPre" => NormalizationKind.RmsNormNoGain,
            "None" => NormalizationKind.None,
            var other => throw Unsupported("normalization_type", other, "LN, RMS, RMSPre and null"),
        };
        var config = new TransformerConfig(layers, dModel, heads.Value, dHead.Value, Int(node, "d_mlp") is { } m && m > 0 ? m : 4 * dModel, context, vocabulary)
        {
            Normalization = normalization,
            NormEpsilon = Number(node, "eps") ?? 1e-5,
            Activation = activation,
            FinalNorm = normalization != NormalizationKind.None,
            InitStd = Number(node, "initializer_range") is { } r && r > 0 ? r : null,
        };
        config.Validate();
        return config;
    }

    private static ArgumentException Missing(string key) => new($"The TransformerLens configuration has no '{key}'.", "json");

    private static ArgumentException Unsupported(string key, string value, string supported)
        => new($"The TransformerLens configuration has {key} = {value}; this library builds {supported}.", "json");

    private static T? Value<T>(JsonObject node, string key, string expected) where T : struct
    {
        if (!node.TryGetPropertyValue(key, out var v) || v is null) return null;
        return v is JsonValue value && value.TryGetValue<T>(out var result) ? result
            : throw new ArgumentException($"The TransformerLens configuration's '{key}' is {v.ToJsonString()}; expected {expected}.", "json");
    }

    private static int? Int(JsonObject node, string key) => Value<int>(node, key, "an integer");

    private static bool? Bool(JsonObject node, string key) => Value<bool>(node, key, "true or false");

    private static double? Number(JsonObject node, string key) => Value<double>(node, key, "a number");

    private static string? Text(JsonObject node, string key)
    {
        if (!node.TryGetPropertyValue(key, out var v) || v is null) return null;
        return v is JsonValue value && value.TryGetValue<string>(out var s) ? s
            : throw new ArgumentException($"The TransformerLens configuration's '{key}' is {v.ToJsonString()}; expected a string.", "json");
    }
}
