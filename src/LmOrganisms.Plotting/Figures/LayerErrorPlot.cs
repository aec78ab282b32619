using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>
/// A bar chart of a probe's error (R² or MSE) per layer, e.g. Embed, Layer 1 … Layer 4, LN Final, Concat
/// (belief-geometry paper Fig. 7E).
/// </summary>
public static class LayerErrorPlot
{
    /// <summary>Saves one bar per layer, labelled by <paramref name="layers"/>, with height
    /// <paramref name="values"/>, as a PNG; <paramref name="metric"/> labels the vertical axis.</summary>
    public static void Save(string path, IReadOnlyList<string> layers, IReadOnlyList<double> values,
        string metric = "R²", string title = "Probe per layer", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(values);
        if (layers.Count == 0) throw new ArgumentException("layers is empty.", nameof(layers));
        if (layers.Count != values.Count)
            throw new ArgumentException($"layers has {layers.Count} names but values has {values.Count}.", nameof(values));
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"The value of layer '{layers[i]}' is {values[i]}; expected a finite number.",
                    nameof(values));
        var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        bars.Color = Colors.SteelBlue;
        var ticks = layers.Select((name, i) => new Tick(i, name)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        FigureStyle.Frame(plot, title, null, metric);
        plot.Axes.Bottom.TickLabelStyle.FontSize = FigureStyle.LabelSize;
        Png.Save(plot, path, width, height);
    }
}
