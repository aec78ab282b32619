namespace LmOrganisms.Transformers;

/// <summary>
/// Every activation, saved statistic, gradient and scratch buffer of the CPU training engine for batches of up to
/// <see cref="Batch"/> sequences of <see cref="Length"/> positions, allocated once in one buffer (each piece on a
/// 64-byte boundary): a training step allocates nothing.
/// </summary>
internal sealed unsafe class EngineWorkspace : IDisposable
{
    private readonly HostBuffer buffer;
    private readonly float*[] residuals;

    /// <summary>Buffers for <paramref name="config"/> and batches of <paramref name="batch"/> × <paramref name="length"/>;
    /// without <paramref name="gradients"/> the gradient buffers are empty (forward passes only).</summary>
    public EngineWorkspace(TransformerConfig config, int batch, int length, bool gradients = true)
    {
        Batch = batch;
        Length = length;
        Rows = checked(batch * length);
        long n = Rows, d = config.DModel, hd = (long)config.Heads * config.DHead, m = config.DMlp, v = config.Vocabulary;
        long offset = 0;
        long Reserve(long count)
        {
            long at = offset;
            offset += (count + 15) / 16 * 16;
            return at;
        }
        long embedded = config.EmbeddingNorm ? Reserve(n * d) : -1, embedMean = Reserve(n), embedRstd = Reserve(n);
        var residualOffsets = new long[config.Layers + 1];
        for (int l = 0; l <= config.Layers; l++) residualOffsets[l] = Reserve(n * d);
        var layers = new long[config.Layers][];
        for (int l = 0; l < config.Layers; l++)
        {
            layers[l] =
            [
                Reserve(n * d), Reserve(n * d), Reserve(n), Reserve(n), Reserve(n * 3 * hd), Reserve((long)batch * config.Heads * length * length),
                Reserve(n * hd), Reserve(n * d), Reserve(n), Reserve(n), config.Activation == ActivationKind.Relu ? -1 : Reserve(n * m), Reserve(n * m), Reserve(d * 3 * hd), Reserve(3 * hd),
            ];
        }
        long final = config.FinalNorm ? Reserve(n * d) : -1, finalMean = Reserve(n), finalRstd = Reserve(n), logits = Reserve(n * v);
        long g = gradients ? 1 : 0;
        long dResidual = Reserve(g * n * d), dHidden = Reserve(g * n * d), dActivation = Reserve(g * n * m), dZ = Reserve(g * n * hd), dQkv = Reserve(g * n * 3 * hd);
        long dLogits = Reserve(g * n * v), dPackedQkv = Reserve(g * d * 3 * hd), dPackedBias = Reserve(g * 3 * hd);
        long scratch = Reserve(Gemm.ScratchLength((int)Math.Max(Math.Max(n, m), Math.Max(d, 3 * hd))));

        buffer = new HostBuffer(offset);
        float* At(long at) => at < 0 ? null : buffer.Pointer + at;
        Embedded = At(embedded);
        EmbedMean = At(embedMean);
        EmbedRstd = At(embedRstd);
        residuals = new float*[config.Layers + 1];
        for (int l = 0; l <= config.Layers; l++) residuals[l] = At(residualOffsets[l]);
        Layers = new LayerBuffers[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            var o = layers[l];
            Layers[l] = new LayerBuffers
            {
                Mid = At(o[0]), H1 = At(o[1]), Mean1 = At(o[2]), Rstd1 = At(o[3]), Qkv = At(o[4]), Pattern = At(o[5]), Z = At(o[6]),
                H2 = At(o[7]), Mean2 = At(o[8]), Rstd2 = At(o[9]), Pre = At(o[10]), Post = At(o[11]), PackedQkv = At(o[12]), PackedBias = At(o[13]),
            };
        }
        Final = config.FinalNorm ? At(final) : residuals[config.Layers];
        FinalMean = At(finalMean);
        FinalRstd = At(finalRstd);
        Logits = At(logits);
        DResidual = At(dResidual);
        DHidden = At(dHidden);
        DActivation = At(dActivation);
        DZ = At(dZ);
        DQkv = At(dQkv);
        DLogits = At(dLogits);
        DPackedQkv = At(dPackedQkv);
        DPackedBias = At(dPackedBias);
        Scratch = At(scratch);
        Tokens = new int[Rows];
        Targets = new int[Rows];
        RowLoss = new double[Rows];
    }

    /// <summary>Sequences per batch at most.</summary>
    public int Batch { get; }

    /// <summary>Positions per sequence.</summary>
    public int Length { get; }

    /// <summary>Batch × length.</summary>
    public int Rows { get; }

    /// <summary>Input token of each row.</summary>
    public int[] Tokens { get; }

    /// <summary>Target token of each row.</summary>
    public int[] Targets { get; }

    /// <summary>Loss of each row (evaluation).</summary>
    public double[] RowLoss { get; }

    /// <summary>The embedding sum before the embedding norm (null without one).</summary>
    public float* Embedded { get; }

    /// <summary>Embedding norm statistics.</summary>
    public float* EmbedMean { get; }

    /// <summary>Embedding norm statistics.</summary>
    public float* EmbedRstd { get; }

    /// <summary>Per-layer activations.</summary>
    public LayerBuffers[] Layers { get; }

    /// <summary>The input to the unembedding (the last residual stream without a final norm).</summary>
    public float* Final { get; }

    /// <summary>Final norm statistics.</summary>
    public float* FinalMean { get; }

    /// <summary>Final norm statistics.</summary>
    public float* FinalRstd { get; }

    /// <summary>Logits.</summary>
    public float* Logits { get; }

    /// <summary>Gradient with respect to the residual stream.</summary>
    public float* DResidual { get; }

    /// <summary>Gradient with respect to a norm's output.</summary>
    public float* DHidden { get; }

    /// <summary>Gradient with respect to the MLP's hidden layer.</summary>
    public float* DActivation { get; }

    /// <summary>Gradient with respect to z.</summary>
    public float* DZ { get; }

    /// <summary>Gradient with respect to the packed q, k, v.</summary>
    public float* DQkv { get; }

    /// <summary>Gradient with respect to the logits.</summary>
    public float* DLogits { get; }

    /// <summary>Gradient with respect to the packed QKV weight.</summary>
    public float* DPackedQkv { get; }

    /// <summary>Gradient with respect to the packed QKV bias.</summary>
    public float* DPackedBias { get; }

    /// <summary>Matrix-product scratch.</summary>
    public float* Scratch { get; }

    /// <summary>The residual stream entering block <paramref name="layer"/> (layer = Layers: the last block's output).</summary>
    public float* Residual(int layer) => residuals[layer];

    /// <summary>Frees the buffer.</summary>
    public void Dispose() => buffer.Dispose();

    /// <summary>The activations of one block.</summary>
    internal struct LayerBuffers
    {
        public float* Mid, H1, Mean1, Rstd1, Qkv, Pattern, Z, H2, Mean2, Rstd2, Pre, Post, PackedQkv, PackedBias;
    }
}
