namespace LmOrganisms.Probing;

/// <summary>An in-memory <see cref="IHiddenStateSource"/> over recorded samples (spec markov-categories §4 item 17).</summary>
public sealed class HiddenStateTable : IHiddenStateSource
{
    private readonly HiddenStateSample[] samples;

    /// <summary>Wraps <paramref name="samples"/>; every hidden state must have <paramref name="width"/> entries and every
    /// context id must lie in [0, <paramref name="contextCount"/>).</summary>
    public HiddenStateTable(int contextCount, int width, IEnumerable<HiddenStateSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (contextCount < 1) throw new ArgumentOutOfRangeException(nameof(contextCount), contextCount, "Need at least one context.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Need a hidden width of at least 1.");
        this.samples = samples.ToArray();
        for (int i = 0; i < this.samples.Length; i++)
        {
            var s = this.samples[i];
            if (s.Context < 0 || s.Context >= contextCount)
                throw new ArgumentException($"Sample {i} has context {s.Context}, outside [0, {contextCount}).", nameof(samples));
            if (s.Hidden.Length != width)
                throw new ArgumentException($"Sample {i} has a hidden state of width {s.Hidden.Length}, expected {width}.", nameof(samples));
        }
        ContextCount = contextCount;
        Width = width;
    }

    /// <inheritdoc />
    public int ContextCount { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <summary>The number of samples.</summary>
    public int Count => samples.Length;

    /// <inheritdoc />
    public IEnumerable<HiddenStateSample> Samples() => samples;
}
