using LmOrganisms.BeliefStates;

namespace LmOrganisms;

/// <summary>
/// The belief-geometry probes of a transformer on a probe set (spec §2.4, §3): one result per selected hook point in
/// forward order, the concatenation of all of them (or null), and the probe set with its constant-predictor floor.
/// </summary>
/// <param name="ProbeSet">The probe set (rows = (sequence, position), targets = beliefs).</param>
/// <param name="Layers">Per hook point, in the order selected.</param>
/// <param name="Concatenated">All selected hook points concatenated per row, or null when not requested.</param>
public sealed record BeliefGeometryResult(ProbeSet ProbeSet, IReadOnlyList<BeliefGeometryLayerResult> Layers,
    BeliefGeometryLayerResult? Concatenated)
{
    /// <summary>MSE of the best constant belief predictor (unweighted), the floor the shuffle control should sit at
    /// (Mess3 n = 10: 0.111151).</summary>
    public double ConstantPredictorMse => ProbeSet.ConstantPredictorMse();

    /// <summary>The result for hook <paramref name="name"/> (or the concatenation's name).</summary>
    public BeliefGeometryLayerResult this[string name] =>
        Layers.FirstOrDefault(l => l.Name == name) ?? (Concatenated?.Name == name ? Concatenated! :
            throw new ArgumentException($"No probe result for '{name}'; probed: {string.Join(", ", Layers.Select(l => l.Name))}.", nameof(name)));

    /// <summary>
    /// The 2-simplex picture coordinates (x = b₁ + b₂/2, y = (√3/2)·b₂, spec §2.5) of the true beliefs (rows × 2),
    /// for three-state processes.
    /// </summary>
    public double[] TrueBeliefsInSimplex() => SimplexProjection.ToTriangleAll(ProbeSet.Beliefs, ProbeSet.StateCount);

    /// <summary>The same projection of a feature set's predicted beliefs (rows × 2), for three-state processes.</summary>
    public static double[] PredictedBeliefsInSimplex(BeliefGeometryLayerResult layer, int stateCount = 3)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return SimplexProjection.ToTriangleAll(layer.PredictedBeliefs, stateCount);
    }
}
