using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms;

/// <summary>
/// A transformer's activations on a probe set, batch by batch (<see cref="ActivationSource"/>): on the CPU engine's
/// kernels where asked and it can (<see cref="EngineCapture"/>: a dense float32 model on the CPU without installed hooks, residual
/// stream hooks; one reader per core, each on its own copy of the parameters; causal, and every row computed from its own
/// sequence alone, so rows with the same prefix hold the same bits), else through libtorch's forward pass with hook
/// functions (one reader, batches of <see cref="CaptureOptions.BatchSize"/> sequences).
/// </summary>
internal static class TransformerActivationSource
{
    /// <summary>The source of <paramref name="model"/>'s activations at <paramref name="hooks"/> on
    /// <paramref name="probeSet"/>'s sequences (already checked against the model): on the CPU engine when
    /// <paramref name="engine"/> is true and it can run them, else through libtorch.</summary>
    public static ActivationSource Create(Transformer model, ProbeSet probeSet, IReadOnlyList<string> hooks, int batchSize, bool engine)
    {
        var twice = hooks.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Hook '{twice.Key}' appears twice.", nameof(hooks));
        return engine && EngineCapture.Unsupported(model, hooks) is null
            ? new Engine(model, probeSet, hooks) { RowsDependOnPrefixOnly = true }
            : Torch.Create(model, probeSet, hooks, batchSize);
    }

    private sealed class Engine(Transformer model, ProbeSet probeSet, IReadOnlyList<string> hooks)
        : ActivationSource(hooks, hooks.Select(_ => model.Config.DModel).ToArray(), probeSet.Count, probeSet.Length, Environment.ProcessorCount)
    {
        private readonly Lock gate = new();

        public override ActivationReader OpenReader()
        {
            // The parameters are copied from the module one reader at a time.
            lock (gate) return new Reader(EngineCapture.Create(model, Hooks, Transformer.EngineBatch, Length), probeSet.Tokens, Length);
        }

        private sealed class Reader(EngineCapture capture, int[] tokens, int length) : ActivationReader
        {
            public override int MaxSequences => capture.Batch;

            public override void Read(int firstSequence, int sequenceCount) =>
                capture.Run(tokens.AsSpan(checked(firstSequence * length), sequenceCount * length), sequenceCount);

            public override ReadOnlySpan<float> Rows(int hook) => capture.Rows(hook);

            public override void Dispose() => capture.Dispose();
        }
    }

    private sealed class Torch : ActivationSource
    {
        private readonly Transformer model;
        private readonly TokenBatch batch;
        private readonly bool[] attentionMap;
        private readonly int batchSize;

        private Torch(Transformer model, ProbeSet probeSet, IReadOnlyList<string> hooks, int[] widths, bool[] attentionMap, int batchSize)
            : base(hooks, widths, probeSet.Count, probeSet.Length, 1)
        {
            this.model = model;
            batch = new TokenBatch(probeSet.Tokens, probeSet.Count, probeSet.Length);
            this.attentionMap = attentionMap;
            this.batchSize = batchSize;
        }

        public static Torch Create(Transformer model, ProbeSet probeSet, IReadOnlyList<string> hooks, int batchSize)
        {
            var maps = new HashSet<string>(Enumerable.Range(0, model.Config.Layers)
                .SelectMany(l => new[] { HookNames.AttnScores(l), HookNames.AttnPattern(l) }), StringComparer.Ordinal);
            var attentionMap = hooks.Select(maps.Contains).ToArray();
            // The widths, from one sequence.
            var widths = new int[hooks.Count];
            using (var reader = new Reader(model, new TokenBatch(probeSet.Tokens[..probeSet.Length], 1, probeSet.Length), hooks, attentionMap, 1))
            {
                reader.Read(0, 1);
                for (int h = 0; h < hooks.Count; h++) widths[h] = reader.Width(h);
            }
            return new Torch(model, probeSet, hooks, widths, attentionMap, batchSize);
        }

        public override ActivationReader OpenReader() => new Reader(model, batch, Hooks, attentionMap, batchSize);

        // Runs libtorch's forward pass with a hook function per hook that copies the activation into the reader's buffer:
        // [B, T, …] as it is; an attention map [B, H, T_query, T_key] as [B, T_query, H, T_key] (a row is one query
        // position: every head's scores or pattern over the keys).
        private sealed class Reader : ActivationReader
        {
            private readonly Transformer model;
            private readonly TokenBatch batch;
            private readonly IReadOnlyList<string> hooks;
            private readonly float[]?[] buffers;
            private readonly int[] widths;
            private readonly Dictionary<string, Func<torch.Tensor, torch.Tensor>> functions = new(StringComparer.Ordinal);
            private int sequences;

            public Reader(Transformer model, TokenBatch batch, IReadOnlyList<string> hooks, bool[] attentionMap, int batchSize)
            {
                this.model = model;
                this.batch = batch;
                this.hooks = hooks;
                MaxSequences = batchSize;
                buffers = new float[hooks.Count][];
                widths = new int[hooks.Count];
                for (int h = 0; h < hooks.Count; h++)
                {
                    int index = h;
                    functions[hooks[h]] = x =>
                    {
                        Store(x, index, attentionMap[index]);
                        return x;
                    };
                }
            }

            public override int MaxSequences { get; }

            public int Width(int hook) => widths[hook];

            public override void Read(int firstSequence, int sequenceCount)
            {
                sequences = sequenceCount;
                bool wasTraining = model.training;
                model.eval();
                try
                {
                    using var noGrad = torch.no_grad();
                    using var scope = torch.NewDisposeScope();
                    model.RunWithHooks(TokenTensors.FromBatch(batch, firstSequence, sequenceCount, model.Device), functions);
                }
                finally
                {
                    if (wasTraining) model.train();
                }
            }

            public override ReadOnlySpan<float> Rows(int hook) => buffers[hook].AsSpan(0, sequences * batch.Length * widths[hook]);

            private void Store(torch.Tensor activation, int h, bool attentionMap)
            {
                int length = batch.Length;
                var shape = activation.shape;
                bool map = attentionMap && shape.Length == 4 && shape[0] == sequences && shape[2] == length;
                if (!map && (shape.Length < 2 || shape[0] != sequences || shape[1] != length))
                    throw new ArgumentException(
                        $"Hook '{hooks[h]}' has shape [{string.Join(", ", shape)}]; capture needs [sequences ({sequences}), positions ({length}), …].", "hooks");
                int rows = sequences * length;
                widths[h] = (int)(activation.numel() / rows);
                long size = (long)MaxSequences * length * widths[h];
                if (size > Array.MaxLength)
                    throw new ArgumentException($"Hook '{hooks[h]}' needs {size} values for a batch of {MaxSequences} sequences, more than one array holds; lower CaptureOptions.BatchSize.", "hooks");
                buffers[h] ??= GC.AllocateUninitializedArray<float>((int)size);
                var destination = buffers[h].AsSpan(0, rows * widths[h]);
                if (!map && activation.device_type == DeviceType.CPU && activation.dtype == torch.ScalarType.Float32 && activation.is_contiguous())
                {
                    System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(activation.bytes).CopyTo(destination);
                    return;
                }
                using var scope = torch.NewDisposeScope();
                ActivationConversion.ToFloatArray(map ? activation.permute(0, 2, 1, 3) : activation).CopyTo(destination);
            }
        }
    }
}
