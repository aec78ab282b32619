using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Trains a dense float32 <see cref="Transformer"/> on the CPU without libtorch's autograd: forward pass, cross-entropy,
/// backward pass and optimiser update written out by hand over preallocated buffers (<see cref="EngineWorkspace"/>),
/// matrix products by <see cref="Gemm"/>, everything else by the managed kernels beside it. The parameters live in one
/// flat buffer the module's parameters are views of (<see cref="FlatParameters"/>). The forward equations are the
/// module's; one step is a pure function of the parameters, the moments and the batch, so runs are deterministic.
/// </summary>
internal sealed unsafe partial class CpuTrainingEngine : IDisposable
{
    private readonly TransformerConfig config;
    private readonly ParameterOffsets offsets;
    private readonly EngineWorkspace work;
    private readonly float scale;
    private int rowsInUse;

    /// <summary>An engine for <paramref name="model"/> and batches of up to <paramref name="batch"/> sequences of
    /// <paramref name="length"/> positions; binds the model's parameters to the flat buffer.</summary>
    public CpuTrainingEngine(Transformer model, int batch, int length)
    {
        config = model.Config;
        Parameters = FlatParameters.Bind(model);
        try
        {
            offsets = new ParameterOffsets(Parameters, config);
            work = new EngineWorkspace(config, batch, length);
        }
        catch
        {
            Parameters.Dispose();
            throw;
        }
        scale = (float)(1.0 / Math.Sqrt(config.DHead));
    }

    // Forward passes only: the parameters are a copy (the module is not bound), the workspace has no gradient buffers.
    private CpuTrainingEngine(TransformerConfig config, FlatParameters parameters, int batch, int length)
    {
        this.config = config;
        Parameters = parameters;
        try
        {
            offsets = new ParameterOffsets(Parameters, config);
            work = new EngineWorkspace(config, batch, length, gradients: false);
        }
        catch
        {
            Parameters.Dispose();
            throw;
        }
        scale = (float)(1.0 / Math.Sqrt(config.DHead));
    }

    /// <summary>An engine for forward passes of <paramref name="model"/> (see <see cref="Unsupported"/>) over batches of
    /// up to <paramref name="batch"/> sequences of <paramref name="length"/> positions, on a copy of its current
    /// parameters: the model is left as it is, and several such engines may run at once on different threads.</summary>
    public static CpuTrainingEngine ForInference(Transformer model, int batch, int length)
        => new(model.Config, FlatParameters.Copy(model), batch, length);

    /// <summary>The forward pass over <paramref name="count"/> sequences of the workspace's length
    /// (<paramref name="tokens"/>, count × length); the activations stay in <see cref="Workspace"/> until the next pass.
    /// Every row's values depend on its own sequence only, not on the other sequences of the batch.</summary>
    public void Run(ReadOnlySpan<int> tokens, int count)
    {
        int length = work.Length, vocabulary = config.Vocabulary;
        if (count < 1 || count > work.Batch) throw new ArgumentOutOfRangeException(nameof(count), count, $"The engine holds 1 to {work.Batch} sequences.");
        if (tokens.Length < count * length)
            throw new ArgumentException($"{count} sequences of {length} tokens need {count * length} tokens; got {tokens.Length}.", nameof(tokens));
        for (int i = 0; i < count * length; i++)
            if ((uint)tokens[i] >= (uint)vocabulary)
                throw new ArgumentException($"Token {tokens[i]} at position {i % length} of sequence {i / length} is outside the vocabulary 0..{vocabulary - 1}.", nameof(tokens));
        tokens[..(count * length)].CopyTo(work.Tokens);
        rowsInUse = count;
        Forward(count);
    }

    /// <summary>The activations of the last forward pass.</summary>
    public EngineWorkspace Workspace => work;

    /// <summary>The flat parameters, gradients and moments.</summary>
    public FlatParameters Parameters { get; }

    /// <summary>Why the engine cannot train <paramref name="model"/> on <paramref name="device"/>, or null when it can:
    /// the CPU, float32 parameters on the CPU, a dense MLP.</summary>
    public static string? Unsupported(Transformer model, torch.Device device)
    {
        if (device.type != DeviceType.CPU) return $"the device is {device.type}";
        if (model.Config.IsMixtureOfExperts) return "the MLP is a mixture of experts";
        foreach (var p in model.parameters())
        {
            if (p.dtype != torch.ScalarType.Float32) return $"the parameters are {p.dtype}";
            if (p.device_type != DeviceType.CPU) return $"the parameters are on {p.device_type}";
        }
        return null;
    }

    /// <summary>The mean next-token loss of <paramref name="count"/> sequences of length + 1 tokens (inputs the first
    /// length, targets the last length), with the gradient of the logits kept for <see cref="Backward"/>.</summary>
    public double Loss(ReadOnlySpan<int> sequences, int count)
    {
        Stage(sequences, count);
        Forward(count);
        int rows = count * work.Length;
        fixed (int* targets = work.Targets)
            return CrossEntropyKernels.Loss(work.Logits, targets, rows, config.Vocabulary, work.DLogits, 1f / rows, null) / rows;
    }

    /// <summary>The logits of the last forward pass (rows × vocabulary).</summary>
    public ReadOnlySpan<float> Logits => new(work.Logits, rowsInUse * work.Length * config.Vocabulary);

    /// <summary>Adds, for each position, the summed loss of <paramref name="count"/> sequences of length + 1 tokens to
    /// <paramref name="sums"/> (no gradients), in batches of the workspace's size.</summary>
    public void AddLossPerPosition(ReadOnlySpan<int> sequences, int count, Span<double> sums)
    {
        int length = work.Length;
        for (int start = 0; start < count; start += work.Batch)
        {
            int chunk = Math.Min(work.Batch, count - start);
            Stage(sequences.Slice(start * (length + 1), chunk * (length + 1)), chunk);
            Forward(chunk);
            int rows = chunk * length;
            fixed (int* targets = work.Targets)
            fixed (double* rowLoss = work.RowLoss)
                CrossEntropyKernels.Loss(work.Logits, targets, rows, config.Vocabulary, null, 0f, rowLoss);
            for (int r = 0; r < rows; r++) sums[r % length] += work.RowLoss[r];
        }
    }

    /// <summary>One optimiser step over the flat buffers with the gradients of the last <see cref="Backward"/>.</summary>
    /// <param name="options">The run's optimiser, moments, decay and clipping.</param>
    /// <param name="lr">The learning rate of this step.</param>
    /// <param name="step">The 1-based step number (bias corrections).</param>
    public void Update(TrainingOptions options, double lr, int step)
    {
        double gradientScale = 1;
        if (options.GradientClipNorm is { } maxNorm)
        {
            double norm = FlatOptimizer.Norm(Parameters.Gradients.Pointer, Parameters.Length);
            if (norm > maxNorm) gradientScale = maxNorm / (norm + 1e-6);
        }
        FlatOptimizer.Update(options.Optimizer, Parameters.Values.Pointer, Parameters.Gradients.Pointer, Parameters.FirstMoments.Pointer,
            Parameters.SecondMoments.Pointer, Parameters.Length, lr, step, options, gradientScale);
    }

    /// <summary>Frees the buffers (the model keeps its parameters).</summary>
    public void Dispose()
    {
        work.Dispose();
        Parameters.Dispose();
    }

    // Inputs and targets of the rows; tokens outside the vocabulary are refused (the kernels index with them).
    private void Stage(ReadOnlySpan<int> sequences, int count)
    {
        int length = work.Length, vocabulary = config.Vocabulary;
        if (count < 1 || count > work.Batch) throw new ArgumentOutOfRangeException(nameof(count), count, $"The engine holds 1 to {work.Batch} sequences.");
        if (sequences.Length < count * (length + 1))
            throw new ArgumentException($"{count} sequences of {length + 1} tokens need {count * (length + 1)} tokens; got {sequences.Length}.", nameof(sequences));
        for (int b = 0; b < count; b++)
        {
            var sequence = sequences.Slice(b * (length + 1), length + 1);
            for (int t = 0; t <= length; t++)
            {
                if ((uint)sequence[t] >= (uint)vocabulary)
                    throw new ArgumentException($"Token {sequence[t]} at position {t} of sequence {b} is outside the vocabulary 0..{vocabulary - 1}.", nameof(sequences));
            }
            sequence[..length].CopyTo(work.Tokens.AsSpan(b * length, length));
            sequence[1..].CopyTo(work.Targets.AsSpan(b * length, length));
        }
        rowsInUse = count;
    }

    private float* Value(long offset) => offset < 0 ? null : Parameters.Values.Pointer + offset;

    private float* Gradient(long offset) => offset < 0 ? null : Parameters.Gradients.Pointer + offset;

    private void ClearGradient(long offset, long count)
    {
        if (offset >= 0) new Span<float>(Parameters.Gradients.Pointer + offset, checked((int)count)).Clear();
    }
}
