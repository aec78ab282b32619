namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Result of <see cref="StaticOptimalityExperiment"/> (spec §3.4 Exp1).</summary>
/// <param name="Options">The options run (text contents omitted: only the world names are kept).</param>
/// <param name="Runs">Every trained organism on process worlds.</param>
/// <param name="Conditions">Per-T means on process worlds.</param>
/// <param name="Ideal">The ideal organism per T: the exact Bayes predictor of the mixture (<c>MixturePredictor</c>) measured
/// exactly like the trained ones (same warm-ups and τ rule): what the measurement itself resolves.</param>
/// <param name="TextRuns">Every trained organism on text worlds (empty without text).</param>
/// <param name="TextConditions">Per-T means on text worlds.</param>
/// <param name="Seconds">Wall-clock run time.</param>
internal sealed record StaticOptimalityResult(StaticOptimalityOptions Options, IReadOnlyList<StaticOptimalityRun> Runs,
    IReadOnlyList<StaticOptimalityCondition> Conditions, IReadOnlyList<StaticOptimalityRun> Ideal, IReadOnlyList<StaticOptimalityRun> TextRuns,
    IReadOnlyList<StaticOptimalityCondition> TextConditions, double Seconds)
{
    /// <summary>Whether every run with a positive gap has excess ratio 1 within <paramref name="tolerance"/> (Thm 8; the paper: 1.0 in every case).</summary>
    public bool ExcessRatioIsOne(double tolerance = 1e-9) =>
        Runs.Concat(Ideal).Concat(TextRuns).All(r => r.ExcessRatio is not { } x || Math.Abs(x - 1) <= tolerance);
}
