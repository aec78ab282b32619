using System.Globalization;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing;

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

        var calibration = options.Threshold is null
            ? ThresholdCalibration.SplitHalves(table, ecology.ContextWeights, options.CalibrationSplits, options.Quantile, options.Seed)
            : null;
        return Analyse(table.MeanLaws, ecology, options.Threshold ?? calibration!.Threshold, calibration);
    }

    /// <summary>
    /// The induced partition of mean laws <paramref name="meanLaws"/>[w][c] (p̄_w(c), one law per world and context of
    /// <paramref name="ecology"/>, in its order) at threshold <paramref name="threshold"/>, with the ecology's exact
    /// theory on it. Works for any finite ecology whose contexts the laws are indexed by, e.g. an
    /// <see cref="EmpiricalPrefixEcology"/> of held-out text (spec §3.2) with τ from
    /// <see cref="ThresholdCalibration.SplitHalves(IReadOnlyList{IReadOnlyList{double[]}}, int, int, double, int)"/>.
    /// </summary>
    /// <param name="meanLaws">p̄_w(c): [w][c][v].</param>
    /// <param name="ecology">The ecology whose worlds, contexts, weights and laws the result is evaluated on.</param>
    /// <param name="threshold">τ ≥ 0 in nats (D ≤ τ joins two worlds).</param>
    /// <param name="calibration">The calibration τ came from, kept in the result (null when τ was given).</param>
    /// <exception cref="ArgumentException">The laws do not match the ecology's worlds, contexts or vocabulary, a law
    /// is not a distribution, or τ is negative or not finite.</exception>
    public static InducedPartitionResult Analyse(IReadOnlyList<IReadOnlyList<double[]>> meanLaws, FiniteEcology ecology, double threshold,
        ThresholdCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(meanLaws);
        ArgumentNullException.ThrowIfNull(ecology);
        // Shapes and laws first (named by world and context), then the distances.
        double modelLoss = EmpiricalPrefixEcology.ModelContextLoss(ecology, meanLaws);
        var distances = BehaviouralDistance.Matrix(meanLaws, ecology.ContextWeights);
        var labels = InducedPartition.FromDistances(distances, threshold);
        var summary = InducedPartition.Summary(distances, threshold);
        var exact = ecology.QuotientPartition();
        var decomposition = ecology.Decompose(labels);
        double gap = decomposition.BayesLoss - decomposition.Floor;
        var laws = meanLaws.Select(perContext => perContext.Select(law => law.ToArray()).ToArray()).ToArray();
        return new InducedPartitionResult(ecology.Worlds.ToArray(), laws, distances, threshold, calibration, labels, summary.Classes,
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
