using System.Globalization;
using LmOrganisms.Ecology;
using LmOrganisms.Ecology.Processes;
using LmOrganisms.InformationTheory.TaskEcology;
using LmOrganisms.Probing.Models;

namespace LmOrganisms.Probing.Partitions;

/// <summary>
/// The induced partition of a frozen model on an exact ecology of process worlds and its exact excess (task-ecology
/// paper §1.6, Thm 8; spec §3.2 measurement pipeline, §4.12, §4.15): measure the model's mean laws per world
/// (<see cref="WorldBehaviour.Measure"/>), form the context-weighted behavioural distances, threshold them (τ given or
/// calibrated by split halves), and evaluate the ecology's floor, Bayes loss and Jensen–Shannon excess on the induced
/// partition, next to the exact quotient partition and the model's own loss on the ecology's contexts.
/// </summary>
public static class InducedPartitionAnalysis
{
    /// <summary>Gaps BayesLoss − Floor at or below this (nats) count as 0: <see cref="InducedPartitionResult.ExcessRatio"/> is then null.</summary>
    public const double GapTolerance = 1e-12;

    /// <summary>Measures <paramref name="model"/> on the ecology of <paramref name="worlds"/> and analyses its induced partition.</summary>
    /// <exception cref="ArgumentException">Bad options, or the worlds, ecology and model do not fit together (see
    /// <see cref="WorldBehaviour.Measure"/>).</exception>
    public static InducedPartitionResult Run(ISequenceModel model, IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology,
        InducedPartitionOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        return Analyse(WorldBehaviour.Measure(model, worlds, ecology, options.Behaviour, ct), ecology, options);
    }

    /// <summary>
    /// Analyses an already measured <paramref name="table"/> on <paramref name="ecology"/> (its worlds and contexts must
    /// be the table's); <see cref="InducedPartitionOptions.Behaviour"/> is not used.
    /// </summary>
    public static InducedPartitionResult Analyse(WorldBehaviourTable table, FiniteEcology ecology, InducedPartitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        if (!table.Worlds.SequenceEqual(ecology.Worlds, StringComparer.Ordinal))
            throw new ArgumentException(
                $"The table's worlds ({string.Join(", ", table.Worlds)}) are not the ecology's ({string.Join(", ", ecology.Worlds)}).", nameof(table));
        if (!table.Contexts.SequenceEqual(ecology.Contexts, StringComparer.Ordinal) || table.VocabularySize != ecology.VocabularySize)
            throw new ArgumentException(
                $"The table has {table.Contexts.Count} contexts and {table.VocabularySize} tokens; the ecology has {ecology.ContextCount} contexts and {ecology.VocabularySize} tokens (or other context names).",
                nameof(table));

        var meanLaws = table.MeanLaws;
        var distances = BehaviouralDistance.Matrix(meanLaws, ecology.ContextWeights);
        var calibration = options.Threshold is null
            ? ThresholdCalibration.SplitHalves(table, ecology.ContextWeights, options.CalibrationSplits, options.Quantile, options.Seed)
            : null;
        double tau = options.Threshold ?? calibration!.Threshold;
        var labels = InducedPartition.FromDistances(distances, tau);
        var summary = InducedPartition.Summary(distances, tau);
        var exact = ecology.QuotientPartition();
        var decomposition = ecology.Decompose(labels);
        double gap = decomposition.BayesLoss - decomposition.Floor;
        double modelLoss = EmpiricalPrefixEcology.ModelContextLoss(ecology, meanLaws);
        return new InducedPartitionResult(ecology.Worlds.ToArray(), meanLaws, distances, tau, calibration, labels, summary.Classes,
            summary.SeparatedPairs, exact, exact.Max() + 1, decomposition.Floor, decomposition.BayesLoss, decomposition.JsExcess,
            gap > GapTolerance ? decomposition.JsExcess / gap : null, modelLoss, modelLoss - decomposition.BayesLoss);
    }

    private static void CheckOptions(InducedPartitionOptions options)
    {
        if (options.Behaviour is null) throw new ArgumentException("options.Behaviour is null.", nameof(options));
        if (options.Threshold is double t && (!(t >= 0) || !double.IsFinite(t)))
            throw new ArgumentException(
                $"Threshold is {t.ToString("R", CultureInfo.InvariantCulture)}; expected a finite τ ≥ 0 (or null to calibrate).", nameof(options));
        if (options.CalibrationSplits < 1)
            throw new ArgumentException($"CalibrationSplits is {options.CalibrationSplits}; expected at least 1.", nameof(options));
        if (!(options.Quantile > 0 && options.Quantile <= 1))
            throw new ArgumentException(
                $"Quantile is {options.Quantile.ToString("R", CultureInfo.InvariantCulture)}; expected a value in (0, 1].", nameof(options));
    }
}
