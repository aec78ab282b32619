using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>
/// Grouped bars: one group per category on the horizontal axis, one bar per series inside each group (e.g. the
/// task-ecology spec §3.11 Fig 4: per-model CE on the on-ecology, related off-ecology and alien worlds; inter-model JS
/// per category).
/// </summary>
public static class GroupedBarPlot
{
    /// <summary>Saves the grouped bars as a PNG (written atomically).</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="groups">Group labels on the horizontal axis (at least one).</param>
    /// <param name="series">Bars: a legend label and one finite value per group (at least one series).</param>
    /// <param name="title">Figure title.</param>
    /// <param name="yLabel">Vertical axis label.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void Save(string path, IReadOnlyList<string> groups, IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series,
        string title, string yLabel, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(series);
        if (groups.Count == 0) throw new ArgumentException("groups is empty; expected at least one group.", nameof(groups));
        if (series.Count == 0) throw new ArgumentException("series is empty; expected at least one series of bars.", nameof(series));
        for (int s = 0; s < series.Count; s++)
        {
            if (series[s].Values is null || series[s].Values.Count != groups.Count)
                throw new ArgumentException($"Series {s} '{series[s].Label}' has {series[s].Values?.Count ?? 0} values; expected one per group ({groups.Count}).", nameof(series));
            for (int g = 0; g < groups.Count; g++)
                if (!double.IsFinite(series[s].Values[g]))
                    throw new ArgumentException($"Series {s} '{series[s].Label}', group '{groups[g]}' is {series[s].Values[g]}; expected a finite value.", nameof(series));
        }
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double slot = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (int s = 0; s < series.Count; s++)
        {
            var color = palette.GetColor(s);
            for (int g = 0; g < groups.Count; g++)
                bars.Add(new Bar { Position = g - 0.4 + ((s + 0.5) * slot), Value = series[s].Values[g], Size = slot * 0.9, FillColor = color });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = color });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(g => (double)g).ToArray(), groups.ToArray());
        plot.Axes.Margins(bottom: 0);
        FigureStyle.Frame(plot, title, null, yLabel);
        plot.Axes.Bottom.TickLabelStyle.FontSize = FigureStyle.LabelSize;
        FigureStyle.IntegerTicks(plot, false, FigureStyle.AllIntegers(bars.Select(b => b.Value)));
        FigureStyle.LegendInside(plot, bars.SelectMany(b => FigureStyle.BarPoints(b.Position, b.Value)).ToArray());
        Png.Save(plot, path, width, height);
    }
}
