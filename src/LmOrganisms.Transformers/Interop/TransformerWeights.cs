using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Weights in and out of a <see cref="Transformer"/> by TransformerLens names (the model's own parameter names): export
/// to safetensors for Python tools, import of TransformerLens state dicts such as the belief-geometry paper's released
/// checkpoints (<c>embed.W_E</c>, <c>blocks.l.attn.W_Q</c> [heads, d_model, d_head], <c>blocks.l.mlp.W_in</c>, <c>ln_final.w</c>, <c>unembed.W_U</c>, …).
/// </summary>
public static class TransformerWeights
{
    /// <summary>TransformerLens buffers that may appear in its state dicts and carry no learned values (causal mask, IGNORE constant).</summary>
    private static readonly string[] IgnoredSuffixes = [".attn.mask", ".attn.IGNORE"];

    /// <summary>The model's parameters by TransformerLens name (views, not copies).</summary>
    public static IReadOnlyDictionary<string, torch.Tensor> StateDict(Transformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.named_parameters().ToDictionary(p => p.name, p => (torch.Tensor)p.parameter, StringComparer.Ordinal);
    }

    /// <summary>Writes the model's parameters to a safetensors file (float32, TransformerLens names), atomically, with the
    /// configuration JSON under metadata key <c>config</c>.</summary>
    public static void Save(Transformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        Safetensors.Write(path, StateDict(model), new Dictionary<string, string> { ["config"] = model.Config.ToJson(), ["format"] = "pt" });
    }

    /// <summary>
    /// Copies a TransformerLens-named state dict into <paramref name="model"/>. Every parameter of the model must be present
    /// with exactly its shape; names the model does not have are an error unless they are TransformerLens' non-learned
    /// buffers (<c>attn.mask</c>, <c>attn.IGNORE</c>).
    /// </summary>
    public static void Load(Transformer model, IReadOnlyDictionary<string, torch.Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var missing = parameters.Keys.Where(k => !stateDict.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"The state dict lacks {missing.Length} parameter(s) of the model: {string.Join(", ", missing)}.", nameof(stateDict));
        var unexpected = stateDict.Keys.Where(k => !parameters.ContainsKey(k) && !IgnoredSuffixes.Any(s => k.EndsWith(s, StringComparison.Ordinal))).ToArray();
        if (unexpected.Length > 0)
            throw new ArgumentException($"The state dict has {unexpected.Length} tensor(s) the model does not: {string.Join(", ", unexpected)}.", nameof(stateDict));
        foreach (var (name, p) in parameters)
            if (!stateDict[name].shape.SequenceEqual(p.shape))
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", stateDict[name].shape)}]; the model expects [{string.Join(", ", p.shape)}].", nameof(stateDict));
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in parameters) p.copy_(stateDict[name]);
    }

    /// <summary>Loads a safetensors file of TransformerLens-named weights into a new model with <paramref name="config"/>.</summary>
    public static Transformer Load(string path, TransformerConfig config)
    {
        using var content = Safetensors.Read(path);
        var model = new Transformer(config);
        Load(model, content.Tensors);
        return model;
    }

    /// <summary>
    /// A configuration read off the tensor shapes of a TransformerLens state dict: layers, d_model, heads, d_head, d_mlp,
    /// n_ctx, d_vocab, biases, LayerNorm (when <c>ln1.b</c> exists) or RMSNorm with gain (<c>ln1.w</c> only) or none, final
    /// norm, tied unembedding, number of experts. The activation and the top-k of a mixture of experts are not visible in the weights; it is taken from
    /// <paramref name="activation"/> (ReLU for the belief-geometry checkpoints), top-k is 1. Initialisation fields keep their defaults.
    /// </summary>
    public static TransformerConfig InferConfig(IReadOnlyDictionary<string, torch.Tensor> stateDict, ActivationKind activation = ActivationKind.Relu)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        torch.Tensor Get(string name) => stateDict.TryGetValue(name, out var t)
            ? t
            : throw new ArgumentException($"The state dict has no '{name}'; it is not a TransformerLens HookedTransformer state dict.", nameof(stateDict));
        var wE = Get("embed.W_E");
        var wQ = Get("blocks.0.attn.W_Q");
        int layers = 0;
        while (stateDict.ContainsKey($"blocks.{layers}.attn.W_Q")) layers++;
        bool moe = stateDict.ContainsKey("blocks.0.mlp.W_gate");
        int experts = 0;
        if (moe) while (stateDict.ContainsKey($"blocks.0.mlp.experts.{experts}.W_in")) experts++;
        var wIn = Get(moe ? "blocks.0.mlp.experts.0.W_in" : "blocks.0.mlp.W_in");
        var norm = stateDict.ContainsKey("blocks.0.ln1.b") ? NormalizationKind.LayerNorm
            : stateDict.ContainsKey("blocks.0.ln1.w") ? NormalizationKind.RmsNorm : NormalizationKind.None;
        bool learnedPositions = stateDict.TryGetValue("pos_embed.W_pos", out var wPos);
        int context = learnedPositions ? (int)wPos!.shape[0] : 1024;
        return new TransformerConfig(layers, (int)wE.shape[1], (int)wQ.shape[0], (int)wQ.shape[2], (int)wIn.shape[1], context, (int)wE.shape[0])
        {
            Normalization = norm,
            Activation = activation,
            Biases = stateDict.ContainsKey("blocks.0.attn.b_Q"),
            TiedUnembedding = !stateDict.ContainsKey("unembed.W_U"),
            LearnedPositions = learnedPositions,
            FinalNorm = stateDict.ContainsKey("ln_final.w") || stateDict.ContainsKey("ln_final.b"),
            Experts = experts,
            TopK = 1,
        };
    }
}
