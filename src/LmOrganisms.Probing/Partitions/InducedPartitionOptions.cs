namespace LmOrganisms.Probing;

/// <summary>
/// Options of <see cref="InducedPartitionAnalysis.Run"/> (task-ecology spec §3.2 measurement pipeline on an ecology of
/// process worlds).
/// </summary>
public sealed record InducedPartitionOptions
{
    /// <summary>How the model is probed on each world (warm-up length, number of warm-ups, sampling seed).</summary>
    public WorldBehaviourOptions Behaviour { get; init; } = new();

    /// <summary>The behavioural threshold τ in nats (D ≤ τ joins two worlds); null calibrates it by split halves of
    /// each world's warm-ups (<see cref="ThresholdCalibration.SplitHalves(WorldBehaviourTable, IReadOnlyList{double}, int, double, int)"/>).</summary>
    public double? Threshold { get; init; }

    /// <summary>Random split-half divisions per world when calibrating τ (spec §3.2: 30).</summary>
    public int CalibrationSplits { get; init; } = 30;

    /// <summary>The quantile q of the split-half distances taken as τ (spec §3.2: 0.95, index ⌈q·n⌉).</summary>
    public double Quantile { get; init; } = 0.95;

    /// <summary>Seed of the split-half shuffles.</summary>
    public int Seed { get; init; }
}
