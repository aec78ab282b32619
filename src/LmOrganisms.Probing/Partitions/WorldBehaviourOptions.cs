namespace LmOrganisms.Probing;

/// <summary>
/// How <see cref="WorldBehaviour.Measure"/> probes a model on an ecology of process worlds (task-ecology spec §1.6,
/// §3.2): <see cref="Warmups"/> world-revealing texts obs(w) of <see cref="WarmupLength"/> tokens are sampled from
/// each world (stationary start) with <see cref="Seed"/>, and the model reads obs ⊕ c for every context c.
/// </summary>
public sealed record WorldBehaviourOptions
{
    /// <summary>m, tokens per warm-up (≥ 1); m plus the ecology's longest context must fit the model's context.</summary>
    public int WarmupLength { get; init; } = 8;

    /// <summary>N, warm-ups sampled per world (≥ 1; ≥ 2 for split-half threshold calibration).</summary>
    public int Warmups { get; init; } = 256;

    /// <summary>Seed of the warm-up sampling (bit-for-bit reproducible).</summary>
    public int Seed { get; init; }
}
