namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>One trained organism of <see cref="StaticOptimalityExperiment"/> and its measurement (spec §3.4 per-seed values), nats.</summary>
/// <param name="WorldCount">T, the number of worlds it was trained on.</param>
/// <param name="Seed">Its seed index within the condition (0-based).</param>
/// <param name="Worlds">The worlds' names.</param>
/// <param name="ExactClasses">k_exact, cells of the exact ecology's quotient partition.</param>
/// <param name="Classes">k, cells of the partition the organism induces.</param>
/// <param name="SeparatedPairs">s, world pairs with behavioural distance above τ.</param>
/// <param name="Labels">The induced partition (canonical labels).</param>
/// <param name="Threshold">τ used.</param>
/// <param name="Distances">Behavioural distance matrix D_beh.</param>
/// <param name="Floor">Exact floor H(Y|C,W) of the ecology.</param>
/// <param name="BayesLoss">Exact Bayes loss L* of the induced partition.</param>
/// <param name="JsExcess">Exact JS excess of the induced partition.</param>
/// <param name="ExcessRatio">JsExcess / (BayesLoss − Floor); null when the gap is 0.</param>
/// <param name="ModelContextLoss">Σ π d_c CE(P_w(·|c), p̄_w(c)), the organism's loss on the ecology's contexts.</param>
/// <param name="ApproximationGap">ModelContextLoss − BayesLoss.</param>
/// <param name="TrainingLoss">Mean training loss over the last 10% of steps; null for the ideal organism.</param>
internal sealed record StaticOptimalityRun(int WorldCount, int Seed, IReadOnlyList<string> Worlds, int ExactClasses, int Classes, int SeparatedPairs,
    int[] Labels, double Threshold, double[][] Distances, double Floor, double BayesLoss, double JsExcess, double? ExcessRatio,
    double ModelContextLoss, double ApproximationGap, double? TrainingLoss)
{
    /// <summary>The record of an organism trained on <paramref name="worlds"/> whose induced partition is <paramref name="analysis"/>.</summary>
    public static StaticOptimalityRun Of(int seedIndex, IReadOnlyList<string> worlds, InducedPartitionResult analysis, double? trainingLoss) =>
        new(worlds.Count, seedIndex, worlds, analysis.ExactClasses, analysis.Classes, analysis.SeparatedPairs, analysis.Labels, analysis.Threshold,
            analysis.Distances, analysis.Floor, analysis.BayesLoss, analysis.JsExcess, analysis.ExcessRatio, analysis.ModelContextLoss,
            analysis.ApproximationGap, trainingLoss);
}
