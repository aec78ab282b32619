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
    /// head's values over the keys (H × T; scores above the diagonal are −∞). The model runs through libtorch,
    /// <see cref="CaptureOptions.BatchSize"/> sequences per forward pass, so every row is exactly what
    /// <see cref="Transformer.RunWithCache(TorchSharp.torch.Tensor, IEnumerable{string})"/> gives for its batch.
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
        hooks ??= HookNames.ResidualStream(model.Config);
        if (hooks.Count == 0) throw new ArgumentException("hooks is empty; select at least one hook point.", nameof(hooks));
        Check(model, probeSet, options);
        int n = probeSet.Length, rowsAll = probeSet.RowCount;
        var source = TransformerActivationSource.Create(model, probeSet, hooks, options.BatchSize, engine: false);
        var arrays = new float[hooks.Count][];
        for (int h = 0; h < hooks.Count; h++)
        {
            long size = (long)rowsAll * source.Widths[h];
            if (size > Array.MaxLength)
                throw new ArgumentException($"Hook '{hooks[h]}' needs {size} values for {rowsAll} rows, more than one array holds; capture fewer sequences.", nameof(hooks));
            arrays[h] = GC.AllocateUninitializedArray<float>((int)size);
        }
        // Each worker reads whole batches and copies them into their rows of the result.
        int step = Math.Max(1, Math.Min(options.BatchSize, probeSet.Count)), batches = (probeSet.Count + step - 1) / step, finished = 0;
        source.ForEachChunk(batches, (reader, b) =>
        {
            int end = Math.Min(probeSet.Count, (b + 1) * step);
            for (int first = b * step; first < end; first += reader.MaxSequences)
            {
                int count = Math.Min(reader.MaxSequences, end - first);
                reader.Read(first, count);
                for (int h = 0; h < hooks.Count; h++)
                    reader.Rows(h).CopyTo(arrays[h].AsSpan(checked(first * n * source.Widths[h])));
            }
            progress?.Report(Interlocked.Add(ref finished, end - b * step) / (double)probeSet.Count);
        }, cancellationToken);
        var layers = hooks.Select((hook, h) => new HookActivations(hook, source.Widths[h], arrays[h])).ToArray();
        string finalState = HookNames.FinalState(model.Config);
        bool withHead = hooks.Contains(finalState);
        return Activations.FromArrays(rowsAll, layers, withHead ? model.UnembeddingHead() : null, withHead ? finalState : null);
    }

    /// <summary>
    /// The belief-geometry probes of <paramref name="model"/> on <paramref name="probeSet"/>, streamed: the fit of
    /// <c>probe.Fit(model.Capture(probeSet, probe.Hooks, options), probeSet)</c> without ever holding the activations. The
    /// model runs twice over the sequences, a batch at a time: once for the probes' statistics and once for their
    /// predictions, so memory is the statistics, one batch per core and the predictions (rows × (states + alphabet)
    /// doubles per probe), whatever the number of rows. A dense float32 model on the CPU without installed hooks, probed
    /// at residual-stream hooks (<c>blocks.l.hook_resid_pre/mid/post</c>, <c>ln_final.hook_normalized</c>: the default),
    /// runs on the CPU training engine's kernels, one batch per core: its activations differ from libtorch's by float32
    /// rounding (another summation order), and the result does not depend on the number of cores. Its rows depend on
    /// their prefix only, so the statistics read one row per distinct prefix, weighted by the number of rows it stands
    /// for (the same probes up to rounding; 88,572 of Mess3's 590,490 rows). Any other model or hook
    /// runs through libtorch, <see cref="CaptureOptions.BatchSize"/> sequences per forward pass, and then gives the
    /// captured fit bit for bit.
    /// </summary>
    /// <param name="probe">The probe (its <see cref="BeliefGeometryProbe.Hooks"/>; null for the residual stream,
    /// <see cref="HookNames.ResidualStream"/>).</param>
    /// <param name="model">The transformer; its context length must hold the probe set's sequences and its vocabulary be the process's alphabet.</param>
    /// <param name="probeSet">Rows and belief targets.</param>
    /// <param name="options">Batch size of the libtorch forward pass; null for <see cref="CaptureOptions.Default"/>.</param>
    /// <param name="progress">Receives the stage and its fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks of rows.</param>
    /// <exception cref="ArgumentException">As <see cref="Capture"/> and <see cref="BeliefGeometryProbe.Fit(Activations, ProbeSet, IProgress{ProbeProgress}?, CancellationToken)"/>.</exception>
    public static BeliefGeometryResult Fit(this BeliefGeometryProbe probe, Transformer model, ProbeSet probeSet, CaptureOptions? options = null,
        IProgress<ProbeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probeSet);
        options ??= CaptureOptions.Default;
        var hooks = probe.Hooks ?? HookNames.ResidualStream(model.Config);
        if (hooks.Count == 0) throw new ArgumentException("BeliefGeometryProbe.Hooks is empty; select at least one hook.", nameof(probe));
        Check(model, probeSet, options);
        return probe.Fit(TransformerActivationSource.Create(model, probeSet, hooks, options.BatchSize, engine: true), probeSet, progress, cancellationToken);
    }

    private static void Check(Transformer model, ProbeSet probeSet, CaptureOptions options)
    {
        if (options.BatchSize < 1)
            throw new ArgumentException($"CaptureOptions.BatchSize is {options.BatchSize}; expected at least 1.", nameof(options));
        if (probeSet.Length > model.Config.ContextLength)
            throw new ArgumentException(
                $"The probe set's sequences have {probeSet.Length} tokens; the model's context length is {model.Config.ContextLength}.", nameof(probeSet));
        if (probeSet.Process.AlphabetSize != model.Config.Vocabulary)
            throw new ArgumentException(
                $"Process '{probeSet.Process.Name}' has {probeSet.Process.AlphabetSize} symbols; the model's vocabulary has {model.Config.Vocabulary}.", nameof(probeSet));
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
