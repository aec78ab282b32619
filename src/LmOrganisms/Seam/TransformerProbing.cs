using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// The seam between trained transformers and the probes, as extension methods of <see cref="Transformer"/>: the only
/// place where TorchSharp activations become the plain arrays every estimator of <c>LmOrganisms.Probing</c> reads.
/// </summary>
public static class TransformerProbing
{
    /// <summary>
    /// Runs <paramref name="model"/> on every sequence of <paramref name="probeSet"/> (in batches, without gradients) and
    /// returns the activations at <paramref name="hooks"/>, one row per probe-set row (row = sequence · length + position),
    /// with the model's unembedding head when the hook it reads (<see cref="HookNames.FinalState"/>) is among them.
    /// A hook of shape [B, T, …] gives rows of its trailing values (e.g. <c>attn.hook_q</c>: H × d_head); an attention map
    /// (<c>attn.hook_attn_scores</c>, <c>attn.hook_pattern</c>, [B, H, T, T]) gives one row per query position with every
    /// head's values over the keys (H × T; scores above the diagonal are −∞).
    /// </summary>
    /// <param name="model">The transformer; its context length must hold the probe set's sequences and its vocabulary be the process's alphabet.</param>
    /// <param name="probeSet">The sequences.</param>
    /// <param name="hooks">TransformerLens hook names; null for the residual stream (<see cref="HookNames.ResidualStream"/>).</param>
    /// <param name="options">Batch size; null for <see cref="CaptureOptions.Default"/>.</param>
    /// <param name="progress">Receives the fraction of sequences done.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">The sequences are longer than the context, the vocabularies differ, a hook does
    /// not exist in this model, or a hook's activations would not fit one array.</exception>
    public static Activations Capture(this Transformer model, ProbeSet probeSet, IReadOnlyList<string>? hooks = null,
        CaptureOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probeSet);
        options ??= CaptureOptions.Default;
        if (options.BatchSize < 1)
            throw new ArgumentException($"CaptureOptions.BatchSize is {options.BatchSize}; expected at least 1.", nameof(options));
        hooks ??= HookNames.ResidualStream(model.Config);
        if (hooks.Count == 0) throw new ArgumentException("hooks is empty; select at least one hook point.", nameof(hooks));
        if (probeSet.Length > model.Config.ContextLength)
            throw new ArgumentException(
                $"The probe set's sequences have {probeSet.Length} tokens; the model's context length is {model.Config.ContextLength}.", nameof(probeSet));
        if (probeSet.Process.AlphabetSize != model.Config.Vocabulary)
            throw new ArgumentException(
                $"Process '{probeSet.Process.Name}' has {probeSet.Process.AlphabetSize} symbols; the model's vocabulary has {model.Config.Vocabulary}.", nameof(probeSet));
        int n = probeSet.Length, rowsAll = probeSet.RowCount, batchSize = options.BatchSize;
        var batch = new TokenBatch(probeSet.Tokens, probeSet.Count, n);
        var arrays = new float[hooks.Count][];
        var widths = new int[hooks.Count];
        var attentionMaps = new HashSet<string>(Enumerable.Range(0, model.Config.Layers)
            .SelectMany(l => new[] { HookNames.AttnScores(l), HookNames.AttnPattern(l) }), StringComparer.Ordinal);
        int first = 0, sequences = 0;
        // Each hook copies its activation straight into its rows of the result while the forward pass runs (no cache,
        // no intermediate managed arrays).
        var functions = new Dictionary<string, Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>>(StringComparer.Ordinal);
        for (int h = 0; h < hooks.Count; h++)
        {
            int index = h;
            string hook = hooks[h];
            bool attentionMap = attentionMaps.Contains(hook);
            functions[hook] = x =>
            {
                Store(x, hook, attentionMap, sequences, n, first, rowsAll, ref arrays[index], ref widths[index]);
                return x;
            };
        }
        if (functions.Count != hooks.Count)
            throw new ArgumentException($"hooks names a hook twice: {string.Join(", ", hooks)}.", nameof(hooks));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = TorchSharp.torch.no_grad();
            for (first = 0; first < probeSet.Count; first += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sequences = Math.Min(batchSize, probeSet.Count - first);
                using var scope = TorchSharp.torch.NewDisposeScope();
                var tokens = TokenTensors.FromBatch(batch, first, sequences, model.Device);
                model.RunWithHooks(tokens, functions);
                progress?.Report(Math.Min(1.0, (first + batchSize) / (double)probeSet.Count));
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        var layers = hooks.Select((hook, h) => new HookActivations(hook, widths[h], arrays[h])).ToArray();
        string finalState = HookNames.FinalState(model.Config);
        bool withHead = hooks.Contains(finalState);
        return Activations.FromArrays(rowsAll, layers, withHead ? model.UnembeddingHead() : null, withHead ? finalState : null);
    }

    // Copies one batch's activation at a hook into rows first·n.. of the hook's array (allocated, uninitialised, on the
    // first batch once the width is known): [B, T, …] as it is; an attention map [B, H, T_query, T_key] as
    // [B, T_query, H, T_key] (a row is one query position: every head's scores or pattern over the keys).
    private static void Store(TorchSharp.torch.Tensor activation, string hook, bool attentionMap, int sequences, int length,
        int first, int rowsAll, ref float[] array, ref int width)
    {
        var shape = activation.shape;
        bool map = attentionMap && shape.Length == 4 && shape[0] == sequences && shape[2] == length;
        if (!map && (shape.Length < 2 || shape[0] != sequences || shape[1] != length))
            throw new ArgumentException(
                $"Hook '{hook}' has shape [{string.Join(", ", shape)}]; capture needs [sequences ({sequences}), positions ({length}), …].", nameof(hook));
        int rows = sequences * length;
        if (array is null)
        {
            width = (int)(activation.numel() / rows);
            long size = (long)rowsAll * width;
            if (size > Array.MaxLength)
                throw new ArgumentException($"Hook '{hook}' needs {size} values for {rowsAll} rows, more than one array holds; capture fewer sequences.", nameof(hook));
            array = GC.AllocateUninitializedArray<float>((int)size);
        }
        var destination = array.AsSpan(checked((int)((long)first * length * width)), rows * width);
        if (!map && activation.device_type == TorchSharp.DeviceType.CPU && activation.dtype == TorchSharp.torch.ScalarType.Float32
            && activation.is_contiguous())
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(activation.bytes).CopyTo(destination);
            return;
        }
        using var scope = TorchSharp.torch.NewDisposeScope();
        ActivationConversion.ToFloatArray(map ? activation.permute(0, 2, 1, 3) : activation).CopyTo(destination);
    }

    /// <summary>
    /// The model's unembedding as a linear-softmax head (Markov-categorical spec §1.1, §1.6): W = W_Uᵀ (V × d; W_E for a
    /// tied unembedding) and b = b_U (zeros without biases). It reads the states at <see cref="HookNames.FinalState"/>:
    /// <c>ln_final.hook_normalized</c> with a final norm (that hook already includes the norm's gain and bias, so
    /// softmax(W h + b) is exactly the model's next-token law), else the last block's <c>hook_resid_post</c>.
    /// </summary>
    public static LinearHead UnembeddingHead(this Transformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var parameters = model.StateDict();
        int v = config.Vocabulary, d = config.DModel;
        Matrix<double> w;
        if (config.TiedUnembedding)
        {
            var we = ActivationConversion.ToDoubleArray(parameters["embed.W_E"]); // V × d
            w = Matrix<double>.Build.Dense(v, d, (t, j) => we[t * d + j]);
        }
        else
        {
            var wu = ActivationConversion.ToDoubleArray(parameters["unembed.W_U"]); // d × V
            w = Matrix<double>.Build.Dense(v, d, (t, j) => wu[j * v + t]);
        }
        var b = config.Biases
            ? Vector<double>.Build.DenseOfArray(ActivationConversion.ToDoubleArray(parameters["unembed.b_U"]))
            : Vector<double>.Build.Dense(v);
        return new LinearHead(w, b);
    }

    /// <summary>
    /// The model as a frozen map <c>F_θ : V* → Δ(V)</c> (task-ecology paper §1.6) for <see cref="WorldBehaviour"/> and
    /// <see cref="InducedPartitionAnalysis"/>: the softmax of its logits at every position through
    /// <see cref="Transformer.NextTokenLaws"/>, <paramref name="batchSize"/> sequences per forward pass (on the CPU 64–256
    /// short sequences are fastest). Calls must not run concurrently with training of the same model.
    /// </summary>
    public static ISequenceModel AsSequenceModel(this Transformer model, int batchSize = 256) => new TransformerSequenceModel(model, batchSize);
}
