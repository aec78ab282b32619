using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>
/// A general x–y figure for the task-ecology experiments (spec §3.11): several <see cref="PlotSeries"/>, optionally the
/// diagonal y = x (measured against exact, e.g. excess against JS excess) and reference lines (a threshold β*, y = 0).
/// </summary>
public static class XyPlot
{
    /// <summary>Saves the series as a PNG.</summary>
    /// <param name="path">The PNG file (written atomically).</param>
    /// <param name="series">At least one series; every series has as many x as y values, all finite.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="xLabel">Horizontal axis label.</param>
    /// <param name="yLabel">Vertical axis label.</param>
    /// <param name="diagonal">Draw y = x over the range of the data.</param>
    /// <param name="verticalLines">x positions of dashed vertical reference lines (e.g. β*).</param>
    /// <param name="horizontalLines">y positions of dashed horizontal reference lines (e.g. 0).</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="integerX">Whole-number ticks on the horizontal axis (a count, a generation); null: when every x value
    /// is a whole number.</param>
    /// <param name="integerY">Whole-number ticks on the vertical axis (e.g. classes k, where a mean may be fractional);
    /// null: when every y value is a whole number.</param>
    public static void Save(string path, IReadOnlyList<PlotSeries> series, string title, string xLabel, string yLabel,
        bool diagonal = false, IReadOnlyList<double>? verticalLines = null, IReadOnlyList<double>? horizontalLines = null,
        int width = 800, int height = 500, bool? integerX = null, bool? integerY = null)
    {
        Save(path, [Build(series, title, xLabel, yLabel, diagonal, verticalLines, horizontalLines, integerX, integerY)], width, height);
    }

    /// <summary>Several panels side by side, each built like <see cref="Save(string, IReadOnlyList{PlotSeries}, string, string, string, bool, IReadOnlyList{double}?, IReadOnlyList{double}?, int, int, bool?, bool?)"/>.</summary>
    public static void SavePanels(string path, IReadOnlyList<(IReadOnlyList<PlotSeries> Series, string Title, string XLabel, string YLabel, bool Diagonal)> panels,
        int width = 1400, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("panels is empty; expected at least one panel.", nameof(panels));
        Save(path, panels.Select(p => Build(p.Series, p.Title, p.XLabel, p.YLabel, p.Diagonal, null, null)).ToArray(), width, height);
    }

    private static void Save(string path, IReadOnlyList<Plot> plots, int width, int height)
    {
        if (plots.Count == 1) Png.Save(plots[0], path, width, height);
        else Png.SaveColumns(plots, path, width, height);
    }

    internal static Plot Build(IReadOnlyList<PlotSeries> series, string title, string xLabel, string yLabel, bool diagonal,
        IReadOnlyList<double>? verticalLines, IReadOnlyList<double>? horizontalLines, bool? integerX = null, bool? integerY = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("series is empty; expected at least one series.", nameof(series));
        var plot = new Plot();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        bool legend = false;
        for (int s = 0; s < series.Count; s++)
        {
            var one = series[s];
            ArgumentNullException.ThrowIfNull(one, nameof(series));
            if (one.X.Count != one.Y.Count)
                throw new ArgumentException($"Series {s} ('{one.Label}') has {one.X.Count} x values but {one.Y.Count} y values.", nameof(series));
            for (int i = 0; i < one.X.Count; i++)
                if (!double.IsFinite(one.X[i]) || !double.IsFinite(one.Y[i]))
                    throw new ArgumentException($"Point {i} of series {s} ('{one.Label}') is ({one.X[i]}, {one.Y[i]}); expected finite numbers.", nameof(series));
            if (one.X.Count == 0) continue;
            var scatter = plot.Add.Scatter(one.X.ToArray(), one.Y.ToArray());
            scatter.LineWidth = one.Line ? 2 : 0;
            scatter.MarkerSize = one.Markers ? 6 : 0;
            scatter.ConnectStyle = one.Step ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
            if (one.Label.Length > 0) { scatter.LegendText = one.Label; legend = true; }
            lo = Math.Min(lo, Math.Min(one.X.Min(), one.Y.Min()));
            hi = Math.Max(hi, Math.Max(one.X.Max(), one.Y.Max()));
        }
        if (diagonal && lo <= hi)
        {
            var line = plot.Add.Line(lo, lo, hi, hi);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }
        foreach (var x in verticalLines ?? [])
            plot.Add.VerticalLine(x, 1, Colors.Gray, LinePattern.Dashed);
        foreach (var y in horizontalLines ?? [])
            plot.Add.HorizontalLine(y, 1, Colors.Gray, LinePattern.Dashed);
        FigureStyle.Frame(plot, title, xLabel, yLabel);
        var points = series.SelectMany(s => s.X.Zip(s.Y)).ToArray();
        FigureStyle.IntegerTicks(plot, integerX ?? FigureStyle.AllIntegers(points.Select(p => p.First)), integerY ?? FigureStyle.AllIntegers(points.Select(p => p.Second)));
        if (legend) FigureStyle.LegendInside(plot, points);
        return plot;
    }
}
