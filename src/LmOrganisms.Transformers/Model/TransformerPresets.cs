using LmOrganisms.Transformers;

namespace LmOrganisms;

/// <summary>The organisms of the papers, exactly as their authors built them.</summary>
public static class TransformerPresets
{
    /// <summary>
    /// The belief-geometry paper's Mess3 model as TransformerLens builds it (spec belief-geometry §2.3): 4 layers,
    /// d_model 64, 1 head of 8, d_mlp 256, context 10, vocabulary 3; pre-LayerNorm (ε 1e-5), causal attention scaled by
    /// 1/sqrt(d_head), biases everywhere, ReLU, learned positions, untied unembedding with bias, final LayerNorm,
    /// TransformerLens initialisation N(0, (0.8/sqrt(d_model))²). 143,075 parameters.
    /// </summary>
    public static TransformerConfig BeliefGeometry { get; } = new(Layers: 4, DModel: 64, Heads: 1, DHead: 8, DMlp: 256, ContextLength: 10, Vocabulary: 3);

    /// <summary>The belief-geometry paper's RRXOR model (its checkpoint's train_config.json): 4 layers, d_model 128,
    /// 4 heads of 16, d_mlp 512, context 10, vocabulary 2; otherwise as <see cref="BeliefGeometry"/>.</summary>
    public static TransformerConfig BeliefGeometryRrxor { get; } = new(Layers: 4, DModel: 128, Heads: 4, DHead: 16, DMlp: 512, ContextLength: 10, Vocabulary: 2);

    /// <summary>
    /// Karpathy's microgpt (task-ecology spec §3.0): RMSNorm without gain (ε 1e-5) on the embedding sum and before
    /// attention and MLP, no biases, ReLU MLP of width 4·d_model, learned positions, no final norm, untied lm_head,
    /// every matrix initialised N(0, 0.08²). Heads have width d_model / heads.
    /// </summary>
    /// <param name="vocabulary">Vocabulary size (27 for names: 26 letters and BOS).</param>
    /// <param name="layers">n_layer (default 1).</param>
    /// <param name="dModel">n_embd (default 16).</param>
    /// <param name="heads">n_head (default 4); must divide <paramref name="dModel"/>.</param>
    /// <param name="contextLength">block_size, the context length n_ctx (default 16).</param>
    /// <param name="initStd">Initialisation standard deviation (default 0.08; the paper's exp6/exp7 use 0.02).</param>
    public static TransformerConfig MicroGpt(int vocabulary = 27, int layers = 1, int dModel = 16, int heads = 4, int contextLength = 16, double initStd = 0.08)
    {
        if (heads < 1 || dModel % heads != 0)
            throw new ArgumentException($"microgpt needs heads dividing d_model; got d_model {dModel}, heads {heads}.", nameof(heads));
        return new TransformerConfig(layers, dModel, heads, dModel / heads, 4 * dModel, contextLength, vocabulary)
        {
            Normalization = NormalizationKind.RmsNormNoGain,
            Biases = false,
            EmbeddingNorm = true,
            FinalNorm = false,
            InitStd = initStd,
        };
    }

    /// <summary>The task-ecology paper's organism: microgpt with 2 layers, d_model 32, 4 heads, context 32 (27,328 parameters at vocabulary 27).</summary>
    /// <param name="vocabulary">Vocabulary size (27 for names; 32 and 30 in the Lisp experiments).</param>
    public static TransformerConfig MicroGptTaskEcology(int vocabulary = 27) => MicroGpt(vocabulary, layers: 2, dModel: 32, heads: 4, contextLength: 32);
}
