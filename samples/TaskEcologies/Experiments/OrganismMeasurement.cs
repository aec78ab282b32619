using LmOrganisms.Populations;
using LmOrganisms.Evolution;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>The experiments' one way of measuring an organism on an ecology of process worlds (spec §1.6, §3.2).</summary>
internal static class OrganismMeasurement
{
    /// <summary><see cref="InducedPartitionAnalysis.Run"/> with <paramref name="warmups"/> warm-ups of <paramref name="warmupLength"/>
    /// tokens sampled with seed + 70,000 and split halves shuffled with seed + 90,000 (τ calibrated unless given).</summary>
    public static InducedPartitionResult Analyse(ISequenceModel model, IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology,
        int warmupLength, int warmups, double? threshold, int seed, CancellationToken cancellationToken) =>
        (new InducedPartitionAnalysis
        {
            Behaviour = new WorldBehaviour { WarmupLength = warmupLength, Warmups = warmups, Seed = seed + 70_000 },
            Threshold = threshold,
            Seed = seed + 90_000,
        }).Fit(model, worlds, ecology, cancellationToken);
}
