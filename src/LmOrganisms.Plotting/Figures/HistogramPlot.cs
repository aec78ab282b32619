using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>A histogram of values with equal-width bins (e.g. the selection z-scores of the task-ecology spec §3.6, Fig 3).</summary>
public static class HistogramPlot
{
    /// <summary>Saves the histogram of <paramref name="values"/> over [<paramref name="min"/>, <paramref name="max"/>]
    /// in <paramref name="bins"/> bins (values outside are counted in the end bins) as a PNG, with dashed vertical
    /// reference lines at <paramref name="verticalLines"/> (e.g. ±1.96).</summary>
    public static void Save(string path, IReadOnlyList<double> values, double min, double max, int bins, string title, string xLabel,
        IReadOnlyList<double>? verticalLines = null, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values is empty.", nameof(values));
        if (bins < 1) throw new ArgumentException($"bins = {bins}; expected at least 1.", nameof(bins));
        if (!(max > min) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"The range [{min}, {max}] is empty or not finite.", nameof(max));
        var counts = new double[bins];
        double widthOfBin = (max - min) / bins;
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is {values[i]}; expected a finite number.", nameof(values));
            counts[Math.Clamp((int)Math.Floor((values[i] - min) / widthOfBin), 0, bins - 1)]++;
        }
        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => min + (b + 0.5) * widthOfBin).ToArray(), counts);
        foreach (var bar in bars.Bars) bar.Size = widthOfBin * 0.95;
        bars.Color = Colors.SteelBlue;
        foreach (var x in verticalLines ?? [])
            plot.Add.VerticalLine(x, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.Margins(bottom: 0);
        FigureStyle.Frame(plot, title, xLabel, "count");
        FigureStyle.IntegerTicks(plot, false, true);
        Png.Save(plot, path, width, height);
    }
}
