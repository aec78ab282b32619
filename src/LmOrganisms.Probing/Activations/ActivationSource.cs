namespace LmOrganisms.Probing;

/// <summary>
/// Activations of a probe set's sequences delivered a batch of sequences at a time: the streaming form of
/// <see cref="Activations"/>, for estimators that never need every row at once. The hooks and their widths are known up
/// front; each <see cref="ActivationReader"/> reads (runs a model on, or slices) consecutive sequences. Readers are
/// independent, so up to <see cref="MaxReaders"/> workers may read disjoint sequences at once, and a row's values must
/// not depend on the batch it was read in.
/// </summary>
internal abstract class ActivationSource
{
    /// <summary>A source of <paramref name="sequences"/> sequences of <paramref name="length"/> rows each.</summary>
    protected ActivationSource(IReadOnlyList<string> hooks, IReadOnlyList<int> widths, int sequences, int length, int maxReaders)
    {
        Hooks = hooks;
        Widths = widths;
        Sequences = sequences;
        Length = length;
        MaxReaders = Math.Max(1, maxReaders);
    }

    /// <summary>The hooks, in order.</summary>
    public IReadOnlyList<string> Hooks { get; }

    /// <summary>Floats per row of each hook.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Sequences (the probe set's <see cref="ProbeSet.Count"/>).</summary>
    public int Sequences { get; }

    /// <summary>Rows per sequence (the probe set's <see cref="ProbeSet.Length"/>); row = sequence · length + position.</summary>
    public int Length { get; }

    /// <summary>Readers that may be open and reading at once.</summary>
    public int MaxReaders { get; }

    /// <summary>True when a row's values depend only on its sequence's tokens up to its position (a causal model whose
    /// rows do not depend on the batch): rows with the same prefix then hold the same bits, and an estimator may read
    /// one of them for all (<see cref="BeliefGeometryProbe"/> does).</summary>
    public bool RowsDependOnPrefixOnly { get; init; }

    /// <summary>A new reader (one per worker; dispose it).</summary>
    public abstract ActivationReader OpenReader();

    /// <summary>
    /// Runs <paramref name="body"/>(reader, chunk) for chunks 0..<paramref name="chunks"/>−1, taken in order by up to
    /// <see cref="MaxReaders"/> workers (at most one per core), each with its own reader; the first failure stops the
    /// others and is rethrown as it was thrown.
    /// </summary>
    public void ForEachChunk(int chunks, Action<ActivationReader, int> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        int workers = Math.Min(Math.Min(MaxReaders, Environment.ProcessorCount), chunks), next = -1;
        void Work()
        {
            using var reader = OpenReader();
            int c;
            while ((c = Interlocked.Increment(ref next)) < chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    body(reader, c);
                }
                catch
                {
                    Volatile.Write(ref next, chunks);
                    throw;
                }
            }
        }
        if (workers <= 1)
        {
            if (chunks > 0) Work();
            return;
        }
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
        }
        catch (AggregateException e)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>The in-memory activations <paramref name="activations"/> at <paramref name="hooks"/> as a source of
    /// sequences of <paramref name="length"/> rows (one reader per core).</summary>
    public static ActivationSource FromActivations(Activations activations, IReadOnlyList<string> hooks, int length)
    {
        var features = hooks.Select(h => activations[h]).ToArray();
        return new InMemory(hooks, features, activations.RowCount / length, length);
    }

    private sealed class InMemory(IReadOnlyList<string> hooks, HookActivations[] features, int sequences, int length)
        : ActivationSource(hooks, features.Select(f => f.Width).ToArray(), sequences, length, Environment.ProcessorCount)
    {
        public override ActivationReader OpenReader() => new Reader(features, Sequences, Length);

        private sealed class Reader(HookActivations[] features, int sequences, int length) : ActivationReader
        {
            private int first, count;

            public override int MaxSequences => Math.Max(1, sequences);

            public override void Read(int firstSequence, int sequenceCount)
            {
                first = firstSequence;
                count = sequenceCount;
            }

            public override ReadOnlySpan<float> Rows(int hook)
            {
                int w = features[hook].Width;
                return features[hook].Values.AsSpan(checked(first * length * w), checked(count * length * w));
            }
        }
    }
}

/// <summary>Reads the activations of consecutive sequences for one worker of an <see cref="ActivationSource"/>.</summary>
internal abstract class ActivationReader : IDisposable
{
    /// <summary>Sequences one <see cref="Read"/> may ask for at most.</summary>
    public abstract int MaxSequences { get; }

    /// <summary>Reads sequences <c>[firstSequence, firstSequence + sequenceCount)</c>.</summary>
    public abstract void Read(int firstSequence, int sequenceCount);

    /// <summary>Hook <paramref name="hook"/>'s rows of the last <see cref="Read"/>: (sequences · length) × width,
    /// row-major; valid until the next read.</summary>
    public abstract ReadOnlySpan<float> Rows(int hook);

    /// <summary>Frees what the reader holds.</summary>
    public virtual void Dispose()
    {
    }
}
