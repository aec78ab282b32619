namespace LmOrganisms.Transformers;

/// <summary>
/// Forward passes of a dense float32 CPU <see cref="Transformer"/> on the training engine's kernels, for reading the
/// residual stream without libtorch (activation capture, streamed probes, exact losses). The engine works on a copy of the
/// model's parameters, so the model is left untouched and several captures may run at once on different threads. The
/// hooks it reads are those the engine keeps for its backward pass: <c>blocks.l.hook_resid_pre</c>,
/// <c>blocks.l.hook_resid_mid</c>, <c>blocks.l.hook_resid_post</c> and <c>ln_final.hook_normalized</c> (after the norm's
/// gain and bias, as the module's hook). Every row's values depend on its own sequence only, never on the batch it is
/// computed in; they agree with the module's forward pass up to float32 rounding (a different summation order).
/// </summary>
internal sealed unsafe class EngineCapture : IDisposable
{
    private readonly CpuTrainingEngine engine;
    private readonly Func<EngineWorkspace, nint>[] sources;
    private readonly int length;
    private int count;

    private EngineCapture(Transformer model, IReadOnlyList<string> hooks, int batch, int length)
    {
        this.length = length;
        var resolved = hooks.Select(h => Resolve(model.Config, h) ?? throw new ArgumentException($"The engine does not keep hook '{h}'.", nameof(hooks))).ToArray();
        sources = resolved;
        Widths = hooks.Select(_ => model.Config.DModel).ToArray();
        engine = CpuTrainingEngine.ForInference(model, batch, length);
        Batch = batch;
    }

    /// <summary>Sequences per forward pass at most.</summary>
    public int Batch { get; }

    /// <summary>Floats per row of each hook (d_model).</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Why <paramref name="model"/>'s activations at <paramref name="hooks"/> cannot be read this way, or null when
    /// they can: the model must be one the engine trains (dense, float32, on the CPU), have no hook functions or TorchSharp
    /// hooks installed (they could change the forward pass), and every hook must be one the engine keeps.</summary>
    public static string? Unsupported(Transformer model, IReadOnlyList<string> hooks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(hooks);
        if (CpuTrainingEngine.Unsupported(model, model.Device) is { } why) return why;
        if (model.HasHooks) return "the model has hooks installed";
        foreach (var hook in hooks)
            if (Resolve(model.Config, hook) is null) return $"the engine does not keep hook '{hook}'";
        return null;
    }

    /// <summary>A capture of <paramref name="hooks"/> (see <see cref="Unsupported"/>) for up to <paramref name="batch"/>
    /// sequences of <paramref name="length"/> tokens per pass.</summary>
    public static EngineCapture Create(Transformer model, IReadOnlyList<string> hooks, int batch, int length)
    {
        if (Unsupported(model, hooks) is { } why) throw new ArgumentException($"The CPU engine cannot run this capture: {why}.", nameof(model));
        if (length < 1 || length > model.Config.ContextLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"length must be between 1 and the context length {model.Config.ContextLength}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return new EngineCapture(model, hooks, batch, length);
    }

    /// <summary>Runs <paramref name="sequences"/> sequences (<paramref name="tokens"/>: sequences × length).</summary>
    public void Run(ReadOnlySpan<int> tokens, int sequences)
    {
        engine.Run(tokens, sequences);
        count = sequences;
    }

    /// <summary>Hook <paramref name="hook"/>'s rows of the last <see cref="Run"/>: (sequences · length) × width, row-major,
    /// row = sequence · length + position; valid until the next run.</summary>
    public ReadOnlySpan<float> Rows(int hook) => new((void*)sources[hook](engine.Workspace), count * length * Widths[hook]);

    /// <summary>The logits of the last <see cref="Run"/>: (sequences · length) × vocabulary, row-major.</summary>
    public ReadOnlySpan<float> Logits => engine.Logits;

    /// <summary>Frees the engine's buffers.</summary>
    public void Dispose() => engine.Dispose();

    // The workspace buffer that holds hook h, or null when the engine does not keep it.
    private static Func<EngineWorkspace, nint>? Resolve(TransformerConfig config, string hook)
    {
        if (hook == HookNames.LnFinalNormalized) return config.FinalNorm ? w => (nint)w.Final : null;
        for (int l = 0; l < config.Layers; l++)
        {
            int layer = l;
            if (hook == HookNames.ResidPre(l)) return w => (nint)w.Residual(layer);
            if (hook == HookNames.ResidMid(l)) return w => (nint)w.Layers[layer].Mid;
            if (hook == HookNames.ResidPost(l)) return w => (nint)w.Residual(layer + 1);
        }
        return null;
    }
}
