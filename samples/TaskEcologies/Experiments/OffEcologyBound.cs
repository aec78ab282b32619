namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The exact off-ecology lower bound of the task-ecology paper's Prop 77 (spec §1.11, §4.7) for one pair of worlds that
/// the short-context training ecology μ1 does not separate and the refining deployment ecology μ2 does, next to what
/// organisms measure on the same pair. Nats.
/// </summary>
/// <param name="World1">The on-ecology world.</param>
/// <param name="World2">Its twin (a related off-ecology world).</param>
/// <param name="TrainingSeparation">σ²_{μ1}(w1, w2) (0 up to rounding).</param>
/// <param name="DeploymentSeparation">σ²_{μ2}(w1, w2) &gt; 0.</param>
/// <param name="LowerBound">(π(w1) + π(w2)) E_{c∼D_C^(2)}[JS_λ(P_w1(·|c), P_w2(·|c))] (<c>OffEcology.ExcessLowerBound</c>):
/// the least deployment excess (ecology-weighted) of any encoding that is optimal for μ1 and merges the pair.</param>
/// <param name="PairExcessPerToken">LowerBound / (π(w1) + π(w2)) = E_c JS_λ: the mean over the two worlds of the per-token
/// excess of the merged-pair Bayes predictor on the deployment contexts (the same units as the measured excess).</param>
/// <param name="MeasuredExcessOnTwin">Mean measured excess of the trained organisms on <paramref name="World2"/>.</param>
/// <param name="IdealExcessOnTwin">Exact excess of the ideal on-ecology organism on <paramref name="World2"/>.</param>
internal sealed record OffEcologyBound(
    string World1, string World2, double TrainingSeparation, double DeploymentSeparation, double LowerBound,
    double PairExcessPerToken, double MeasuredExcessOnTwin, double IdealExcessOnTwin);
