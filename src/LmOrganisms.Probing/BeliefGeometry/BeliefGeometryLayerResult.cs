using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// The belief-geometry probes of one feature set (one hook point, or several concatenated): a linear probe from the
/// activations to the belief state η(x₁..x_k), one to the next-token law Pr(x_{k+1} | x₁..x_k) ("beyond the next
/// token", spec §3), and the shuffled-target control of the belief probe (spec §2.4). All errors are in sample on the
/// probe set, MSE averaged over rows and components, R² pooled (variance weighted).
/// </summary>
/// <param name="Name">The hook name, or the hook names joined by '+' for a concatenation.</param>
/// <param name="FeatureCount">Features per row.</param>
/// <param name="Belief">Errors of the belief probe.</param>
/// <param name="NextToken">Errors of the next-token probe.</param>
/// <param name="ShuffleControl">Errors against the true beliefs of a probe fitted to row-shuffled beliefs.</param>
/// <param name="BeliefProbe">The fitted belief probe.</param>
/// <param name="PredictedBeliefs">The belief probe's output per row, rows × states, row-major (not renormalised).</param>
/// <param name="PredictedNextToken">The next-token probe's output per row, rows × alphabet, row-major.</param>
public sealed record BeliefGeometryLayerResult(string Name, int FeatureCount, ProbeMetrics Belief, ProbeMetrics NextToken,
    ProbeMetrics ShuffleControl, LinearProbeModel BeliefProbe, double[] PredictedBeliefs, double[] PredictedNextToken);
