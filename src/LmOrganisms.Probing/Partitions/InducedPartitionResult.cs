using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// The partition a frozen model induces on an exact ecology of process worlds, and the ecology's exact theory
/// evaluated on it (task-ecology paper §1.6 operational encoding p_{θ,D}, Thm 8; spec §3.2, §4.15). All losses in nats.
/// </summary>
/// <param name="Worlds">World names, in the ecology's order.</param>
/// <param name="MeanLaws">p̄_w(c), the model's weighted mean law for world w at context c: [w][c][v].</param>
/// <param name="Distances">D_beh(wᵢ, wⱼ) = Σ_c d_c JS_{1/2}(p̄_wᵢ(c), p̄_wⱼ(c)), symmetric with zero diagonal.</param>
/// <param name="Threshold">τ, given or calibrated.</param>
/// <param name="Calibration">The split-half calibration that gave τ; null when τ was given.</param>
/// <param name="Labels">The induced partition (single linkage of D ≤ τ), canonical labels.</param>
/// <param name="Classes">k, cells of the induced partition.</param>
/// <param name="SeparatedPairs">s, world pairs with D &gt; τ.</param>
/// <param name="ExactLabels">The ecology's quotient partition W/~_μ (exact, §1.5), canonical labels.</param>
/// <param name="ExactClasses">k_exact, the ecological complexity.</param>
/// <param name="Floor">The irreducible floor H(Y | C, W).</param>
/// <param name="BayesLoss">L*_D(p) of the induced partition (Bayes decoder on its cells).</param>
/// <param name="JsExcess">The exact Jensen–Shannon excess of the induced partition.</param>
/// <param name="ExcessRatio">JsExcess / (BayesLoss − Floor), 1 up to rounding by Thm 8; null when the gap BayesLoss − Floor
/// is at most <see cref="InducedPartitionAnalysis.GapTolerance"/>.</param>
/// <param name="ModelContextLoss">Σ_w π_w Σ_c d_c CE(P_w(·|c), p̄_w(c)), the model's loss on the ecology's contexts.</param>
/// <param name="ApproximationGap">ModelContextLoss − BayesLoss (optimisation/capacity gap).</param>
public sealed record InducedPartitionResult(
    IReadOnlyList<string> Worlds,
    double[][][] MeanLaws,
    double[][] Distances,
    double Threshold,
    ThresholdCalibration? Calibration,
    int[] Labels,
    int Classes,
    int SeparatedPairs,
    int[] ExactLabels,
    int ExactClasses,
    double Floor,
    double BayesLoss,
    double JsExcess,
    double? ExcessRatio,
    double ModelContextLoss,
    double ApproximationGap)
{
    /// <summary>(s, k) of the induced partition.</summary>
    public SeparationSummary Summary => new(SeparatedPairs, Classes);

    /// <summary>Whether the induced partition is the ecology's quotient partition (the model is ecologically
    /// veridical and merges every equivalent pair).</summary>
    public bool RecoversQuotient => Labels.AsSpan().SequenceEqual(ExactLabels);
}
