namespace LmOrganisms;

/// <summary>How <see cref="TransformerProbing.Capture"/> runs the model.</summary>
public sealed record CaptureOptions
{
    /// <summary>The defaults: 4,096 sequences per forward pass.</summary>
    public static CaptureOptions Default { get; } = new();

    /// <summary>Sequences per forward pass (default 4,096: activations of 4,096 sequences of 10 tokens at six 64-wide hooks
    /// are 63 MB; lower it for wide models or long sequences).</summary>
    public int BatchSize { get; init; } = 4096;
}
