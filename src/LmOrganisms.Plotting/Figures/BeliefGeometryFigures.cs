using LmOrganisms.Plotting;

namespace LmOrganisms;

/// <summary>The belief-geometry figures as extensions of the probe's result: <c>geometry.SaveSimplexPlot("mess3.png")</c>.</summary>
public static class BeliefGeometryFigures
{
    /// <summary>
    /// Saves the true beliefs of every probe-set row (left) and the belief probe's predictions (right), coloured by the
    /// true belief (belief-geometry paper Fig. 1; spec §2.5), as one PNG, for three-state processes.
    /// </summary>
    /// <param name="geometry">The fitted probes.</param>
    /// <param name="path">The PNG file (written atomically).</param>
    /// <param name="hook">The feature set whose predictions are drawn: a hook name, or null for the concatenation of all
    /// hooks (the last hook when none was fitted).</param>
    /// <exception cref="ArgumentException">The process does not have three states, or no probe was fitted for the hook.</exception>
    public static void SaveSimplexPlot(this BeliefGeometryResult geometry, string path, string? hook = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.ProbeSet.StateCount != 3)
            throw new ArgumentException($"The simplex picture needs a three-state process; '{geometry.ProbeSet.Process.Name}' has {geometry.ProbeSet.StateCount} states.", nameof(geometry));
        var layer = hook is null ? geometry.Concatenated ?? geometry.Layers[^1] : geometry[hook];
        BeliefSimplexPlot.SaveTrueVersusPredicted(path, geometry.ProbeSet.Beliefs, layer.PredictedBeliefs,
            predictedTitle: hook is null && geometry.Concatenated is not null ? "Residual stream (linear probe)" : layer.Name);
    }

    /// <summary>Saves the belief probe's R² per feature set (every hook, then the concatenation) as a bar chart
    /// (belief-geometry paper Fig. 7E).</summary>
    public static void SaveLayerErrorPlot(this BeliefGeometryResult geometry, string path)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var all = geometry.Concatenated is null ? geometry.Layers : [.. geometry.Layers, geometry.Concatenated];
        LayerErrorPlot.Save(path, all.Select(l => l == geometry.Concatenated ? "Concat" : l.Name).ToArray(), all.Select(l => l.Belief.R2).ToArray(),
            "R²", "Belief probe per layer");
    }
}
