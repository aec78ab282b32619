namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Result of <see cref="RescueExperiment"/>: the exact theory, the calibration, the static sweep and the population.</summary>
/// <param name="Options">The settings used.</param>
/// <param name="Theory">Exact separations, ε and α*.</param>
/// <param name="CalibrationDistances">The split-half distances τ was taken from (empty when ε was given).</param>
/// <param name="Sweep">One point per α, in the order of <see cref="RescueOptions.Alphas"/>.</param>
/// <param name="Generations">The population, one record per generation.</param>
/// <param name="SelectedMeanAtLeastMean">Fraction of generations with ᾱ_sel ≥ ᾱ (Prop 75 predicts 1).</param>
/// <param name="Seconds">Wall-clock seconds of the whole run.</param>
internal sealed record RescueResult(RescueOptions Options, RescueTheory Theory, IReadOnlyList<double> CalibrationDistances,
    IReadOnlyList<RescueSweepPoint> Sweep, IReadOnlyList<RescueGeneration> Generations, double SelectedMeanAtLeastMean, double Seconds);
