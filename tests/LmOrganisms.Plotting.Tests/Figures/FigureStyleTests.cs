using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting.Tests;

/// <summary>Issue 14 §5: count axes get whole-number ticks, legends sit inside the data area away from the data, and every
/// figure uses the same font sizes.</summary>
public class FigureStyleTests
{
    private static double[] RenderedTicks(Plot plot, IAxis axis)
    {
        plot.GetImageBytes(400, 300, ImageFormat.Png); // ticks are generated when the plot is laid out
        return axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
    }

    [Test]
    public void AnAxisOfCountsHasWholeNumberTicksOnly()
    {
        // Cells 5 and 6 over a short range: the automatic ticks would be 5, 5.2, 5.4 … ("5.5 cells").
        var plot = XyPlot.Build([new PlotSeries("classes k", [0.1, 0.2, 0.3], [5, 6, 6])], "Induced classes", "β", "classes k", false, null, null);
        var y = RenderedTicks(plot, plot.Axes.Left);
        Assert.That(y, Is.Not.Empty);
        Assert.That(y, Is.All.Matches<double>(v => Math.Abs(v - Math.Round(v)) < 1e-9));
        var x = RenderedTicks(plot, plot.Axes.Bottom);
        Assert.That(x.Any(v => Math.Abs(v - Math.Round(v)) > 1e-3), Is.True, "a fractional axis keeps fractional ticks");
    }

    [Test]
    public void TheLegendIsInsideInTheEmptiestCorner()
    {
        // Rising data fills the lower left and upper right corners.
        var rising = Enumerable.Range(0, 20).Select(i => (X: (double)i, Y: (double)i)).ToArray();
        Assert.That(FigureStyle.BestCorner(rising), Is.EqualTo(Alignment.UpperLeft));
        var falling = rising.Select(p => (p.X, -p.Y)).ToArray();
        Assert.That(FigureStyle.BestCorner(falling), Is.EqualTo(Alignment.UpperRight));
        var plot = XyPlot.Build([new PlotSeries("a", rising.Select(p => p.X).ToArray(), rising.Select(p => p.Y).ToArray())], "t", "x", "y", false, null, null);
        Assert.That(plot.Legend.IsVisible, Is.True);
        Assert.That(plot.Legend.Alignment, Is.EqualTo(Alignment.UpperLeft));
    }

    [Test]
    public void TitlesAndLabelsUseTheSharedSizes()
    {
        var plot = XyPlot.Build([new PlotSeries("", [0, 1], [0, 1])], "title", "x", "y", false, null, null);
        Assert.That(plot.Axes.Title.Label.FontSize, Is.EqualTo(FigureStyle.TitleSize));
        Assert.That(plot.Axes.Bottom.Label.FontSize, Is.EqualTo(FigureStyle.LabelSize));
        Assert.That(plot.Axes.Left.TickLabelStyle.FontSize, Is.EqualTo(FigureStyle.TickSize));
    }
}
