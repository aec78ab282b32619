namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Result of <see cref="OffEcologyExperiment"/>: per-world exact CE and excess of every organism, category means,
/// inter-model JS, and the exact off-ecology theory (refinement, the training quotient's deployment excess and the
/// Prop 77 bound per twin pair).
/// </summary>
/// <param name="Options">The settings used.</param>
/// <param name="Worlds">Every evaluation world (on, related, alien).</param>
/// <param name="Categories">Means per category, in the order on, related, alien.</param>
/// <param name="OrderedAsPredicted">True when mean CE, mean excess and mean inter-model JS are all ordered on &lt; related &lt; alien.</param>
/// <param name="TrainingClasses">Classes of the training ecology's quotient over the on and related worlds (the twins merged).</param>
/// <param name="DeploymentClasses">Classes of the deployment ecology's quotient (every world separate).</param>
/// <param name="StrictlyRefines">True when μ2 strictly refines μ1 (<c>OffEcology.StrictlyRefines</c>).</param>
/// <param name="QuotientDeploymentExcess">Exact deployment excess Δ_{μ2} of the training quotient encoding.</param>
/// <param name="Bounds">The Prop 77 bound of each twin pair; their sum equals <paramref name="QuotientDeploymentExcess"/>
/// when the pairs are the only merged cells (the bound is tight for a two-world cell).</param>
/// <param name="TrainingSeconds">Wall-clock seconds spent training.</param>
/// <param name="Seconds">Wall-clock seconds of the whole run.</param>
internal sealed record OffEcologyResult(
    OffEcologyOptions Options, IReadOnlyList<OffEcologyWorld> Worlds, IReadOnlyList<OffEcologyCategory> Categories,
    bool OrderedAsPredicted, int TrainingClasses, int DeploymentClasses, bool StrictlyRefines, double QuotientDeploymentExcess,
    IReadOnlyList<OffEcologyBound> Bounds, double TrainingSeconds, double Seconds);
