namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>One organism of <see cref="SimplicityPressureExperiment"/>: which distinctions it keeps and sheds, against the exact β* order.</summary>
/// <param name="Capacity">Its width and weight decay; null for the ideal organism.</param>
/// <param name="Seed">Seed index within the capacity (0-based).</param>
/// <param name="Parameters">Number of parameters.</param>
/// <param name="Labels">Its induced partition (canonical labels).</param>
/// <param name="Partition">The same written by world names, e.g. "{mess3+drift}{alternating}…".</param>
/// <param name="Classes">k.</param>
/// <param name="MergedPairs">World pairs in one induced cell ("a–b").</param>
/// <param name="MergedAreSmallestBetaStar">Whether every merged pair has β* at most every separated pair's β* (the distinctions
/// shed are the cheapest ones, Thm 55); true when nothing or everything is merged.</param>
/// <param name="PathPartition">The exact global optimum of J on the split–merge path with k cells, by name; null when the path
/// has no optimum with k cells.</param>
/// <param name="CheapestPartition">The partition with k cells of least excess (all partitions enumerated), by name.</param>
/// <param name="CheapestExcess">Its excess (nats): what shedding down to k cells costs at best.</param>
/// <param name="MatchesPath">Whether the induced partition is that optimum (null when there is none).</param>
/// <param name="DistanceBetaStarCorrelation">Spearman ρ between the organism's behavioural distance D_beh of each world pair and the
/// pair's β*: positive when the pairs it barely tells apart are those the theory sheds first.</param>
/// <param name="Threshold">τ used.</param>
/// <param name="Distances">Behavioural distance matrix D_beh.</param>
/// <param name="BayesLoss">Exact Bayes loss of the induced partition (nats).</param>
/// <param name="JsExcess">Exact JS excess of the induced partition (nats).</param>
/// <param name="ModelContextLoss">The organism's loss on the ecology's contexts (nats).</param>
/// <param name="TrainingLoss">Mean training loss over the last 10% of steps (nats); null for the ideal organism.</param>
internal sealed record SimplicityPressureRun(OrganismCapacity? Capacity, int Seed, long Parameters, int[] Labels, string Partition, int Classes,
    IReadOnlyList<string> MergedPairs, bool MergedAreSmallestBetaStar, string? PathPartition, bool? MatchesPath, string CheapestPartition, double CheapestExcess, double? DistanceBetaStarCorrelation,
    double Threshold, double[][] Distances, double BayesLoss, double JsExcess, double ModelContextLoss, double? TrainingLoss);
