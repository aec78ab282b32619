using LmOrganisms.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms;

public sealed partial class Transformer
{
    /// <summary>Safetensors metadata key of the configuration JSON (<see cref="TransformerConfig.ToJson"/>).</summary>
    internal const string ConfigMetadataKey = "config";

    /// <summary>TransformerLens buffers that may appear in its state dicts and carry no learned values (causal mask, IGNORE constant).</summary>
    private static readonly string[] IgnoredSuffixes = [".attn.mask", ".attn.IGNORE"];

    /// <summary>
    /// The model's parameters by TransformerLens name (<c>embed.W_E</c>, <c>blocks.0.attn.W_Q</c> [heads, d_model, d_head],
    /// <c>ln_final.w</c>, <c>unembed.W_U</c>, …; TransformerLens <c>state_dict()</c>). The tensors are the parameters
    /// themselves, not copies: writing into them changes the model; clone them to keep values across training.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
        => named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);

    /// <summary>
    /// Copies a TransformerLens-named state dict into the model (any device and floating dtype; values are converted to
    /// the parameters' dtype). Every parameter must be present with exactly its shape; names the model does not have are
    /// an error unless they are TransformerLens' non-learned buffers (<c>attn.mask</c>, <c>attn.IGNORE</c>). Nothing is
    /// copied unless everything checks out.
    /// </summary>
    /// <param name="stateDict">Tensors by TransformerLens name.</param>
    /// <exception cref="ArgumentException">A parameter is missing, a tensor is unexpected, or a shape or dtype is wrong;
    /// the message names the tensor.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var parameters = named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var missing = parameters.Keys.Where(k => !stateDict.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"The state dict lacks {missing.Length} parameter(s) of the model: {string.Join(", ", missing)}.", nameof(stateDict));
        var unexpected = stateDict.Keys.Where(k => !parameters.ContainsKey(k) && !IgnoredSuffixes.Any(s => k.EndsWith(s, StringComparison.Ordinal))).ToArray();
        if (unexpected.Length > 0)
            throw new ArgumentException($"The state dict has {unexpected.Length} tensor(s) the model does not: {string.Join(", ", unexpected)}.", nameof(stateDict));
        foreach (var (name, p) in parameters)
        {
            var tensor = stateDict[name] ?? throw new ArgumentException($"Tensor '{name}' of the state dict is null.", nameof(stateDict));
            if (!tensor.shape.SequenceEqual(p.shape))
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", tensor.shape)}]; the model expects [{string.Join(", ", p.shape)}].", nameof(stateDict));
            if (!tensor.is_floating_point())
                throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}; parameters are floating point.", nameof(stateDict));
        }
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in parameters) p.copy_(stateDict[name]);
    }

    /// <summary>
    /// Writes the parameters, atomically (temporary file, then one rename), with TransformerLens names, the parameters'
    /// dtype (float32 unless the model was converted) and the configuration JSON as metadata under <c>config</c>. The
    /// extension chooses the format: <c>.pt</c> or <c>.pth</c> write a PyTorch state dict (<see cref="PyTorchStateDict"/>:
    /// <c>torch.load(path)</c> gives a dict of tensors that a TransformerLens <c>HookedTransformer</c> of the same
    /// configuration loads with <c>load_state_dict</c>, strictly: the file also holds TransformerLens' non-learned
    /// buffers <c>blocks.{l}.attn.mask</c> (causal, bool) and <c>blocks.{l}.attn.IGNORE</c> (−∞); the metadata sits in
    /// the archive record <c>extra/metadata.json</c>); any other name writes safetensors (metadata also <c>"format": "pt"</c>, so
    /// <c>safetensors.torch.load_file</c> reads it in Python). <see cref="Load(string)"/> reads either back with its
    /// configuration.
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string> { [ConfigMetadataKey] = Config.ToJson(), ["format"] = "pt" };
        if (PyTorchStateDict.HasPyTorchExtension(path)) SavePyTorch(path, metadata);
        else Safetensors.Write(path, StateDict(), metadata);
    }

    /// <summary>
    /// Loads a file of TransformerLens-named weights: safetensors or a PyTorch state dict (<c>.pt</c>, as
    /// <c>torch.save(model.state_dict(), path)</c> writes it), told apart by the file's first bytes, whatever its
    /// extension. Written by <see cref="Save"/>, or a TransformerLens state dict such as the belief-geometry paper's
    /// checkpoints. The configuration JSON in the file's metadata (<c>config</c>) is authoritative. Without one, it is
    /// read from a file next to it: <c>config.json</c> (ours, as <c>lmo train</c> writes it, or TransformerLens') or
    /// else <c>train_config.json</c> (a TransformerLens <c>HookedTransformerConfig</c>, as the paper ships;
    /// <see cref="TransformerConfig.FromTransformerLens"/>). Without either, the configuration is inferred from the
    /// tensors' names and shapes:
    /// layers, d_model, heads, d_head, d_mlp, n_ctx (from <c>pos_embed.W_pos</c>; 1024 without learned positions), d_vocab,
    /// biases, tied unembedding, embedding and final norms, experts; the MLP activation is not visible in the weights and
    /// is taken to be ReLU (the belief-geometry checkpoints' <c>act_fn</c>); every other field keeps its default. The
    /// norm kind is read from <c>blocks.0.ln1</c>: <c>w</c> and <c>b</c> mean LayerNorm; <c>w</c> alone means RMSNorm with a
    /// gain when the model has biases. The load refuses when it cannot be told: no norm parameters (no norm, or RMSNorm
    /// without a gain), or a gain alone without biases (LayerNorm without bias, or RMSNorm) — pass the configuration
    /// with <see cref="Load(string, TransformerConfig)"/>. It also refuses a mixture of experts without a stored
    /// configuration (its top-k is not visible in the weights).
    /// </summary>
    /// <param name="path">A safetensors or PyTorch <c>.pt</c> file, or a training checkpoint written by
    /// <see cref="Trainer.SaveCheckpoint"/> (its <c>model.*</c> weights and stored configuration are used).</param>
    /// <exception cref="ArgumentException">The file is not a valid safetensors or PyTorch state dict file (see
    /// <see cref="PyTorchStateDict.Read"/>), its configuration metadata or the configuration next to it is invalid, the
    /// configuration cannot be inferred, or the tensors do not fit it; the message names the file and the field or
    /// tensor.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Transformer Load(string path)
    {
        using var file = ReadWeightsFile(path);
        if (TrainerState.IsTrainerState(file.Metadata)) return FromState(TrainerState.FromFile(path));
        if (StoredConfig(file.Metadata, path) is { } stored) return FromStateDict(stored, file.Tensors, path, "its configuration");
        if (SiblingConfig(path) is var (sibling, source)) return FromStateDict(sibling, file.Tensors, path, $"the configuration in '{source}'");
        return FromStateDict(InferConfig(file.Tensors, path), file.Tensors, path, "the configuration inferred from its tensors");
    }

    /// <summary>
    /// Loads a safetensors or PyTorch <c>.pt</c> file of TransformerLens-named weights (see <see cref="Load(string)"/>)
    /// into a new model with <paramref name="config"/> (for files without a stored configuration whose architecture
    /// cannot be inferred, or to state the expected one); a configuration file next to it is not read.
    /// </summary>
    /// <param name="path">A safetensors or PyTorch <c>.pt</c> file.</param>
    /// <param name="config">The architecture; when the file also stores a configuration, the two must be equal.</param>
    /// <exception cref="ArgumentException">The file stores a different configuration (the message shows both), or the
    /// tensors do not fit <paramref name="config"/> (the message names the tensor).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Transformer Load(string path, TransformerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        using var file = ReadWeightsFile(path);
        if (TrainerState.IsTrainerState(file.Metadata))
        {
            var state = TrainerState.FromFile(path);
            if (state.Config != config)
                throw new ArgumentException($"'{path}' is a training checkpoint of the configuration {state.Config.ToJson()}, which differs from the configuration given, {config.ToJson()}.", nameof(config));
            return FromState(state);
        }
        if (StoredConfig(file.Metadata, path) is { } stored && stored != config)
            throw new ArgumentException($"'{path}' stores the configuration {stored.ToJson()}, which differs from the configuration given, {config.ToJson()}.", nameof(config));
        return FromStateDict(config, file.Tensors, path, "the configuration given");
    }

    /// <summary>A new model with the configuration and weights of <paramref name="state"/>, in the state's precision
    /// (<see cref="TrainerState.Precision"/>), on the CPU; dispose it.</summary>
    /// <param name="state">A trainer state (validated).</param>
    /// <exception cref="ArgumentException">The state is invalid (the message names the field).</exception>
    public static Transformer FromState(TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Validate("the trainer state");
        var model = new Transformer(state.Config, 0);
        try
        {
            if (state.Precision == ScalarType.Float64) model.to(ScalarType.Float64);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            foreach (var (name, p) in model.named_parameters()) p.copy_(state.Weights[name].ToTensor(state.Precision));
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static Transformer FromStateDict(TransformerConfig config, IReadOnlyDictionary<string, Tensor> tensors, string path, string configSource)
    {
        // Every parameter must be in the file with its shape, so a configuration with more values than the file holds is
        // refused before the model is built (a lying configuration would otherwise allocate first; issue 14).
        long values = tensors.Values.Sum(t => t.numel()), needed = config.ParameterCount;
        if (needed <= 0 || needed > values)
        {
            int missingBlock = Enumerable.Range(0, config.Layers).FirstOrDefault(i => !tensors.Keys.Any(k => k.StartsWith($"blocks.{i}.", StringComparison.Ordinal)), -1);
            string missing = missingBlock >= 0 ? $" (no tensor of blocks.{missingBlock}, and the configuration has {config.Layers} layers)" : "";
            throw new ArgumentException($"'{path}' does not hold the weights of {configSource}: that configuration has {needed:N0} parameters but the file holds {values:N0} tensor values{missing}; refused before building the model.", nameof(path));
        }
        var model = new Transformer(config, 0);
        try
        {
            model.LoadStateDict(tensors);
            return model;
        }
        catch (ArgumentException e)
        {
            model.Dispose();
            throw new ArgumentException($"'{path}' does not hold the weights of {configSource}: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>The configuration stored in the file's metadata, or null when it stores none.</summary>
    private static TransformerConfig? StoredConfig(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(ConfigMetadataKey, out var json)) return null;
        try
        {
            return TransformerConfig.FromJson(json);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{path}' has an invalid '{ConfigMetadataKey}' metadata entry: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>
    /// A configuration read off the names and shapes of a TransformerLens state dict (see <see cref="Load(string)"/> for
    /// what is inferred and when it refuses). <paramref name="source"/> names the origin in error messages.
    /// </summary>
    internal static TransformerConfig InferConfig(IReadOnlyDictionary<string, Tensor> stateDict, string source)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        Tensor Get(string name, int dimensions)
        {
            if (!stateDict.TryGetValue(name, out var t))
                throw new ArgumentException($"'{source}' has no tensor '{name}' and no '{ConfigMetadataKey}' metadata; it is not a TransformerLens HookedTransformer state dict.", nameof(stateDict));
            if (t.dim() != dimensions)
                throw new ArgumentException($"Tensor '{name}' in '{source}' has {t.dim()} dimensions; a TransformerLens state dict has {dimensions}.", nameof(stateDict));
            return t;
        }
        bool Has(string name) => stateDict.ContainsKey(name);
        var wE = Get("embed.W_E", 2);
        var wQ = Get("blocks.0.attn.W_Q", 3);
        int layers = 0;
        while (Has($"blocks.{layers}.attn.W_Q")) layers++;
        bool moe = Has("blocks.0.mlp.W_gate");
        int experts = 0;
        if (moe) while (Has($"blocks.0.mlp.experts.{experts}.W_in")) experts++;
        if (experts > 1)
            throw new ArgumentException($"'{source}' holds a mixture of {experts} experts but no '{ConfigMetadataKey}' metadata; the router's top-k is not visible in the weights. Load it with Transformer.Load(path, config).", nameof(stateDict));
        var wIn = Get(moe ? "blocks.0.mlp.experts.0.W_in" : "blocks.0.mlp.W_in", 2);
        bool biases = Has("blocks.0.attn.b_Q");
        NormalizationKind norm;
        if (Has("blocks.0.ln1.b")) norm = NormalizationKind.LayerNorm;
        else if (Has("blocks.0.ln1.w") && biases) norm = NormalizationKind.RmsNorm;
        else if (Has("blocks.0.ln1.w"))
            throw new ArgumentException($"'{source}' has no '{ConfigMetadataKey}' metadata and its norms have a gain but no bias in a model without biases: LayerNorm without bias and RMSNorm cannot be told apart. Load it with Transformer.Load(path, config).", nameof(stateDict));
        else
            throw new ArgumentException($"'{source}' has no '{ConfigMetadataKey}' metadata and no norm parameters (blocks.0.ln1.w): no normalisation and RMSNorm without gain cannot be told apart. Load it with Transformer.Load(path, config).", nameof(stateDict));
        bool learnedPositions = stateDict.TryGetValue("pos_embed.W_pos", out var wPos);
        if (learnedPositions && wPos!.dim() != 2)
            throw new ArgumentException($"Tensor 'pos_embed.W_pos' in '{source}' has {wPos.dim()} dimensions; a TransformerLens state dict has 2.", nameof(stateDict));
        int context = learnedPositions ? (int)wPos!.shape[0] : 1024;
        var config = new TransformerConfig(layers, (int)wE.shape[1], (int)wQ.shape[0], (int)wQ.shape[2], (int)wIn.shape[1], context, (int)wE.shape[0])
        {
            Normalization = norm,
            Activation = ActivationKind.Relu,
            Biases = biases,
            TiedUnembedding = !Has("unembed.W_U"),
            LearnedPositions = learnedPositions,
            EmbeddingNorm = Has("ln_embed.w"),
            FinalNorm = Has("ln_final.w"),
            Experts = experts,
            TopK = 1,
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The tensor shapes of '{source}' give an invalid configuration: {e.Message}", nameof(stateDict), e);
        }
        return config;
    }

    /// <summary>
    /// The name and shape of every parameter of a model with <paramref name="config"/>, in the module's parameter order,
    /// computed from the configuration alone (equal to <c>named_parameters()</c> of <see cref="Create"/>'s model).
    /// </summary>
    internal static IReadOnlyList<(string Name, long[] Shape)> ParameterShapes(TransformerConfig config)
    {
        long d = config.DModel, h = config.Heads, dh = config.DHead, m = config.DMlp;
        bool b = config.Biases;
        var list = new List<(string, long[])> { ("embed.W_E", [config.Vocabulary, d]) };
        if (config.LearnedPositions) list.Add(("pos_embed.W_pos", [config.ContextLength, d]));
        void Norm(string prefix)
        {
            if (config.Normalization is NormalizationKind.LayerNorm or NormalizationKind.RmsNorm) list.Add(($"{prefix}.w", [d]));
            if (config.Normalization == NormalizationKind.LayerNorm && b) list.Add(($"{prefix}.b", [d]));
        }
        void Mlp(string prefix)
        {
            list.Add(($"{prefix}.W_in", [d, m]));
            if (b) list.Add(($"{prefix}.b_in", [m]));
            list.Add(($"{prefix}.W_out", [m, d]));
            if (b) list.Add(($"{prefix}.b_out", [d]));
        }
        if (config.EmbeddingNorm) Norm("ln_embed");
        for (int l = 0; l < config.Layers; l++)
        {
            Norm($"blocks.{l}.ln1");
            foreach (var w in new[] { "W_Q", "W_K", "W_V" }) list.Add(($"blocks.{l}.attn.{w}", [h, d, dh]));
            list.Add(($"blocks.{l}.attn.W_O", [h, dh, d]));
            if (b)
            {
                foreach (var w in new[] { "b_Q", "b_K", "b_V" }) list.Add(($"blocks.{l}.attn.{w}", [h, dh]));
                list.Add(($"blocks.{l}.attn.b_O", [d]));
            }
            Norm($"blocks.{l}.ln2");
            if (config.IsMixtureOfExperts)
            {
                list.Add(($"blocks.{l}.mlp.W_gate", [d, config.Experts]));
                for (int e = 0; e < config.Experts; e++) Mlp($"blocks.{l}.mlp.experts.{e}");
            }
            else
            {
                Mlp($"blocks.{l}.mlp");
            }
        }
        if (config.FinalNorm) Norm("ln_final");
        if (!config.TiedUnembedding) list.Add(("unembed.W_U", [d, config.Vocabulary]));
        if (b) list.Add(("unembed.b_U", [config.Vocabulary]));
        return list;
    }
}
