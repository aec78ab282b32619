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
        model.RunWithCache(batch, hooks, batchSize, (first, cache) =>
        {
            int rows = (int)Math.Min((long)rowsAll, (long)(first + batchSize) * n) - first * n;
            for (int h = 0; h < hooks.Count; h++)
            {
                var values = cache.ToArray(hooks[h]);
                if (arrays[h] is null)
                {
                    widths[h] = values.Length / rows;
                    long size = (long)rowsAll * widths[h];
                    if (size > Array.MaxLength)
                        throw new ArgumentException($"Hook '{hooks[h]}' needs {size} values for {rowsAll} rows, more than one array holds; capture fewer sequences.", nameof(probeSet));
                    arrays[h] = new float[size];
                }
                Array.Copy(values, 0, arrays[h], (long)first * n * widths[h], values.Length);
            }
            progress?.Report(Math.Min(1.0, (first + batchSize) / (double)probeSet.Count));
        }, cancellationToken);
        var layers = hooks.Select((hook, h) => new HookActivations(hook, widths[h], arrays[h])).ToArray();
        string finalState = HookNames.FinalState(model.Config);
        bool withHead = hooks.Contains(finalState);
        return Activations.FromArrays(rowsAll, layers, withHead ? model.UnembeddingHead() : null, withHead ? finalState : null);
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
