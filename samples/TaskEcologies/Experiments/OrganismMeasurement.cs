using LmOrganisms.Ecology;
using LmOrganisms.Probing;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>The experiments' one way of measuring an organism on an ecology of process worlds (spec §1.6, §3.2).</summary>
internal static class OrganismMeasurement
{
    /// <summary><see cref="InducedPartitionAnalysis.Fit(ISequenceModel, IReadOnlyList{HiddenMarkovProcess}, FiniteEcology, CancellationToken)"/>
    /// with the options' <see cref="OrganismEcologyOptions.Warmups"/> warm-ups of <see cref="OrganismEcologyOptions.WarmupLength"/> tokens
    /// sampled with seed + 70,000 and split halves shuffled with seed + 90,000 (τ = <see cref="OrganismEcologyOptions.Threshold"/>,
    /// calibrated when null).</summary>
    public static InducedPartitionResult Analyse(ISequenceModel model, IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology,
        OrganismEcologyOptions options, int seed, CancellationToken cancellationToken) =>
        (new InducedPartitionAnalysis
        {
            Behaviour = new WorldBehaviour { WarmupLength = options.WarmupLength, Warmups = options.Warmups, Seed = seed + 70_000 },
            Threshold = options.Threshold,
            Seed = seed + 90_000,
        }).Fit(model, worlds, ecology, cancellationToken);
}
