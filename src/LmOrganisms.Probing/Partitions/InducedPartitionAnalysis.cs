using System.Globalization;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// The induced partition of a frozen model on an exact ecology of process worlds and its exact excess (task-ecology
/// paper §1.6, Thm 8; spec §3.2 measurement pipeline, §4.12, §4.15): measure the model's mean laws per world
/// (<see cref="WorldBehaviour.Measure"/>), form the context-weighted behavioural distances, threshold them (τ given or
/// calibrated by split halves), and evaluate the ecology's floor, Bayes loss and Jensen–Shannon excess on the induced
/// partition, next to the exact quotient partition and the model's own loss on the ecology's contexts. An estimator:
/// the properties configure the measurement and the threshold; <c>Fit</c> analyses a model or a measured table.
/// </summary>
public sealed record InducedPartitionAnalysis
{
    /// <summary>How the model is probed on each world (warm-up length, number of warm-ups, sampling seed).</summary>
    public WorldBehaviour Behaviour { get; init; } = new();

    /// <summary>The behavioural threshold τ in nats (D ≤ τ joins two worlds); null calibrates it by split halves of
    /// each world's warm-ups (<see cref="ThresholdCalibration.SplitHalves(WorldBehaviourTable, IReadOnlyList{double}, int, double, int)"/>).</summary>
    public double? Threshold { get; init; }

    /// <summary>Random split-half divisions per world when calibrating τ (spec §3.2: 30).</summary>
    public int CalibrationSplits { get; init; } = 30;

    /// <summary>The quantile q of the split-half distances taken as τ (spec §3.2: 0.95, index ⌈q·n⌉).</summary>
    public double Quantile { get; init; } = 0.95;

    /// <summary>Seed of the split-half shuffles.</summary>
    public int Seed { get; init; }

    /// <summary>Gaps BayesLoss − Floor at or below this (nats) count as 0: <see cref="InducedPartitionResult.ExcessRatio"/> is then null.</summary>
    public const double GapTolerance = 1e-12;

    /// <summary>Measures <paramref name="model"/> on the ecology of <paramref name="worlds"/> and analyses its induced partition.</summary>
    /// <exception cref="ArgumentException">Bad options, or the worlds, ecology and model do not fit together (see
    /// <see cref="WorldBehaviour.Measure"/>).</exception>
    public InducedPartitionResult Fit(ISequenceModel model, IReadOnlyList<HiddenMarkovProcess> worlds, FiniteEcology ecology,
        CancellationToken cancellationToken = default)
    {
        CheckOptions(nameof(model));
        return Fit(Behaviour.Measure(model, worlds, ecology, cancellationToken), ecology);
    }

    /// <summary>
    /// Analyses an already measured <paramref name="table"/> on <paramref name="ecology"/> (its worlds and contexts must
    /// be the table's); <see cref="Behaviour"/> is not used.
    /// </summary>
    /// <exception cref="ArgumentException">Bad options, or the table does not belong to the ecology.</exception>
    public InducedPartitionResult Fit(WorldBehaviourTable table, FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ecology);
        CheckOptions(nameof(table));
        if (!table.Worlds.SequenceEqual(ecology.Worlds, StringComparer.Ordinal))
            throw new ArgumentException(
                $"The table's worlds ({string.Join(", ", table.Worlds)}) are not the ecology's ({string.Join(", ", ecology.Worlds)}).", nameof(table));
        if (!table.Contexts.SequenceEqual(ecology.Contexts, StringComparer.Ordinal) || table.VocabularySize != ecology.VocabularySize)
            throw new ArgumentException(
                $"The table has {table.Contexts.Count} contexts and {table.VocabularySize} tokens; the ecology has {ecology.ContextCount} contexts and {ecology.VocabularySize} tokens (or other context names).",
                nameof(table));

        var calibration = Threshold is null
            ? ThresholdCalibration.SplitHalves(table, ecology.ContextWeights, CalibrationSplits, Quantile, Seed)
            : null;
        return Fit(table.MeanLaws, ecology, Threshold ?? calibration!.Threshold, calibration);
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
    public static InducedPartitionResult Fit(IReadOnlyList<IReadOnlyList<double[]>> meanLaws, FiniteEcology ecology, double threshold,
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

    // Bad options are bad input to Fit (docs/api.md §2.4, §2.7): an ArgumentException naming the property and its value.
    private void CheckOptions(string parameter)
    {
        if (Behaviour is null) throw new ArgumentException("InducedPartitionAnalysis.Behaviour is null.", parameter);
        if (Threshold is double t && (!(t >= 0) || !double.IsFinite(t)))
            throw new ArgumentException(
                $"InducedPartitionAnalysis.Threshold is {t.ToString("R", CultureInfo.InvariantCulture)}; expected a finite τ ≥ 0 (or null to calibrate).", parameter);
        if (CalibrationSplits < 1)
            throw new ArgumentException($"InducedPartitionAnalysis.CalibrationSplits is {CalibrationSplits}; expected at least 1.", parameter);
        if (!(Quantile > 0 && Quantile <= 1))
            throw new ArgumentException(
                $"InducedPartitionAnalysis.Quantile is {Quantile.ToString("R", CultureInfo.InvariantCulture)}; expected a value in (0, 1].", parameter);
    }
}
