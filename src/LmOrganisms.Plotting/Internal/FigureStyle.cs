using ScottPlot;
using ScottPlot.TickGenerators;

namespace LmOrganisms.Plotting;

/// <summary>
/// The one look of every figure: the same font sizes for title, axis labels, tick labels and legend; integer ticks on
/// an axis whose values are all whole numbers (counts, generations, positions: no "5.5 cells"); the legend inside the
/// data area, in the corner that covers the fewest data points.
/// </summary>
internal static class FigureStyle
{
    public const float TitleSize = 18, LabelSize = 15, TickSize = 13, LegendSize = 13;

    /// <summary>Title, axis labels and font sizes (a null label leaves that axis unlabelled).</summary>
    public static void Frame(Plot plot, string title, string? xLabel, string? yLabel)
    {
        plot.Title(title, TitleSize);
        if (xLabel is not null) plot.XLabel(xLabel, LabelSize);
        if (yLabel is not null) plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
    }

    /// <summary>Whole-number ticks on the horizontal and/or vertical axis.</summary>
    public static void IntegerTicks(Plot plot, bool x, bool y)
    {
        if (x) plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        if (y) plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
    }

    /// <summary>True when every value is a whole number (and there is at least one).</summary>
    public static bool AllIntegers(IEnumerable<double> values)
    {
        bool any = false;
        foreach (var v in values)
        {
            if (v != Math.Round(v)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>Shows the legend inside the data area, in the corner whose quarter of the data's bounding box holds the
    /// fewest of <paramref name="points"/> (ties: upper right, upper left, lower right, lower left).</summary>
    public static void LegendInside(Plot plot, IReadOnlyCollection<(double X, double Y)> points)
    {
        plot.Legend.FontSize = LegendSize;
        plot.ShowLegend(BestCorner(points));
    }

    /// <summary>The corner for the legend (see <see cref="LegendInside"/>).</summary>
    public static Alignment BestCorner(IReadOnlyCollection<(double X, double Y)> points)
    {
        if (points.Count == 0) return Alignment.UpperRight;
        double x0 = points.Min(p => p.X), x1 = points.Max(p => p.X), y0 = points.Min(p => p.Y), y1 = points.Max(p => p.Y);
        double w = Math.Max(x1 - x0, 1e-300), h = Math.Max(y1 - y0, 1e-300);
        (Alignment Corner, Func<double, double, bool> Inside)[] corners =
        [
            (Alignment.UpperRight, (x, y) => x >= x1 - 0.4 * w && y >= y1 - 0.3 * h),
            (Alignment.UpperLeft, (x, y) => x <= x0 + 0.4 * w && y >= y1 - 0.3 * h),
            (Alignment.LowerRight, (x, y) => x >= x1 - 0.4 * w && y <= y0 + 0.3 * h),
            (Alignment.LowerLeft, (x, y) => x <= x0 + 0.4 * w && y <= y0 + 0.3 * h),
        ];
        return corners.MinBy(c => points.Count(p => c.Inside(p.X, p.Y))).Corner;
    }

    /// <summary>Points standing for bars (for <see cref="BestCorner"/>): each bar from 0 to its value, sampled along its height.</summary>
    public static IEnumerable<(double X, double Y)> BarPoints(double position, double value) =>
        Enumerable.Range(0, 5).Select(i => (position, value * i / 4.0));
}
