using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Result of <see cref="SelectionExperiment"/>: every run and the selection-stage diagnostics over all generation records
/// (spec §3.6: the paper reports coverage 0.96, fraction |z| ≤ 2 0.96, rms z 1.031 over 150 records).
/// </summary>
/// <param name="Options">The settings used.</param>
/// <param name="Runs">One per run seed.</param>
/// <param name="Diagnostics">Coverage of the 95% band, fraction |z| ≤ 2, rms z, mean Δ_sel, OLS of Δ_sel on its expectation.</param>
/// <param name="ZScores">z of every generation record with positive sd (all runs, in order).</param>
/// <param name="Seconds">Wall-clock seconds.</param>
internal sealed record SelectionResult(SelectionOptions Options, IReadOnlyList<SelectionRun> Runs, SelectionDiagnostics Diagnostics,
    IReadOnlyList<double> ZScores, double Seconds);
