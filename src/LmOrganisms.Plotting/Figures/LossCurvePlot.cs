using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>
/// Loss per context position of a trained model against the Bayes-optimal loss per position (the myopic entropy
/// h(k+1), belief-geometry spec §2.3 "relative loss"), in nats.
/// </summary>
public static class LossCurvePlot
{
    /// <summary>Saves the model's mean cross-entropy at positions 1 … n and the optimal loss at the same positions
    /// as a line plot PNG.</summary>
    public static void Save(string path, IReadOnlyList<double> modelLoss, IReadOnlyList<double> optimalLoss,
        string title = "Loss per position", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(modelLoss);
        ArgumentNullException.ThrowIfNull(optimalLoss);
        if (modelLoss.Count == 0) throw new ArgumentException("modelLoss is empty.", nameof(modelLoss));
        if (modelLoss.Count != optimalLoss.Count)
            throw new ArgumentException(
                $"modelLoss has {modelLoss.Count} positions but optimalLoss has {optimalLoss.Count}.", nameof(optimalLoss));
        var positions = Enumerable.Range(1, modelLoss.Count).Select(k => (double)k).ToArray();
        var plot = new Plot();
        var model = plot.Add.Scatter(positions, modelLoss.ToArray());
        model.LegendText = "model";
        model.LineWidth = 2;
        var optimal = plot.Add.Scatter(positions, optimalLoss.ToArray());
        optimal.LegendText = "optimal (Bayes)";
        optimal.LinePattern = LinePattern.Dashed;
        optimal.LineWidth = 2;
        FigureStyle.Frame(plot, title, "context position", "cross-entropy (nats)");
        FigureStyle.IntegerTicks(plot, true, false);
        FigureStyle.LegendInside(plot, positions.Zip(modelLoss).Concat(positions.Zip(optimalLoss)).ToArray());
        Png.Save(plot, path, width, height);
    }
}
