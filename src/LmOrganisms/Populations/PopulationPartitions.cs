using LmOrganisms.Evolution;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// Partition functions for <see cref="Population"/>: the separation summary (k, s) of every member, recorded per
/// offspring as in the paper's Exp3 ("record (k, s) of every offspring (τ = 0.00276298)", spec <c>task-ecologies.md</c> §3.6).
/// </summary>
public static class PopulationPartitions
{
    /// <summary>
    /// The induced partition of a member on the exact ecology of <paramref name="worlds"/>
    /// (<paramref name="analysis"/> fitted on <c>model.AsSequenceModel()</c>): k = classes, s = separated world pairs.
    /// Deterministic for a fixed analysis (warm-ups from <see cref="InducedPartitionAnalysis.Behaviour"/>'s seed), and safe
    /// to call concurrently; give a fixed <see cref="InducedPartitionAnalysis.Threshold"/> τ to compare members on one scale
    /// (null calibrates τ per member by split halves).
    /// </summary>
    public static Func<Transformer, SeparationSummary> Induced(IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology, InducedPartitionAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(analysis);
        return model =>
        {
            var result = analysis.Fit(model.AsSequenceModel(), worlds, ecology);
            return new SeparationSummary(result.SeparatedPairs, result.Classes);
        };
    }
}
