namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Per-condition means of <see cref="StaticOptimalityExperiment"/> (a row of the spec §3.4 table), nats.</summary>
/// <param name="WorldCount">T.</param>
/// <param name="ExactClasses">k_exact.</param>
/// <param name="MeanClasses">Mean k over seeds.</param>
/// <param name="ClassesPerSeed">k of every seed.</param>
/// <param name="MeanSeparatedPairs">Mean s.</param>
/// <param name="MeanTrainingLoss">Mean training loss (last 10% of steps); null for the ideal organism.</param>
/// <param name="MeanBayesLoss">Mean exact Bayes loss of the induced partitions.</param>
/// <param name="Floor">Exact floor.</param>
/// <param name="MeanJsExcess">Mean exact JS excess.</param>
/// <param name="MeanApproximationGap">Mean approximation gap.</param>
internal sealed record StaticOptimalityCondition(int WorldCount, int ExactClasses, double MeanClasses, int[] ClassesPerSeed, double MeanSeparatedPairs,
    double? MeanTrainingLoss, double MeanBayesLoss, double Floor, double MeanJsExcess, double MeanApproximationGap)
{
    /// <summary>The condition summary of <paramref name="runs"/> (all of one T).</summary>
    public static StaticOptimalityCondition Of(IReadOnlyList<StaticOptimalityRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("A condition needs at least one run.", nameof(runs));
        return new StaticOptimalityCondition(runs[0].WorldCount, runs[0].ExactClasses, runs.Average(r => r.Classes), runs.Select(r => r.Classes).ToArray(),
            runs.Average(r => r.SeparatedPairs), runs.All(r => r.TrainingLoss is not null) ? runs.Average(r => r.TrainingLoss!.Value) : null, runs.Average(r => r.BayesLoss), runs[0].Floor,
            runs.Average(r => r.JsExcess), runs.Average(r => r.ApproximationGap));
    }
}
