using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Evolution;

/// <summary>
/// Partition functions for <see cref="Population"/>: the separation summary (k, s) of every member, recorded per
/// offspring as in the paper's Exp3 ("record (k, s) of every offspring (τ = 0.00276298)", spec <c>task-ecologies.md</c> §3.6).
/// </summary>
public static class PopulationPartitions
{
    /// <summary>
    /// The induced partition of a member on the exact ecology of <paramref name="worlds"/>
    /// (<see cref="InducedPartitionAnalysis.Run"/> on a <see cref="TransformerSequenceModel"/>): k = classes, s = separated
    /// world pairs. Deterministic for fixed options (warm-ups from <see cref="InducedPartitionOptions.Behaviour"/>'s seed),
    /// and safe to call concurrently; give a fixed <see cref="InducedPartitionOptions.Threshold"/> τ to compare members on
    /// one scale (null calibrates τ per member by split halves).
    /// </summary>
    public static Func<Transformer, SeparationSummary> Induced(IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology, InducedPartitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(options);
        return model =>
        {
            var result = InducedPartitionAnalysis.Run(new TransformerSequenceModel(model), worlds, ecology, options);
            return new SeparationSummary(result.SeparatedPairs, result.Classes);
        };
    }
}
