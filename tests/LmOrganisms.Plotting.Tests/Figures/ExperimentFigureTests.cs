using System.Buffers.Binary;
using LmOrganisms.Plotting;

namespace LmOrganisms.Plotting.Tests;

public class ExperimentFigureTests
{
    private string dir = "";

    [SetUp]
    public void CreateFolder() => dir = Directory.CreateTempSubdirectory("lmo-xyplot-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(dir, recursive: true);

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Test]
    public void XyPlotWritesAPngOfTheRequestedSize()
    {
        var path = Path.Combine(dir, "xy.png");
        XyPlot.Save(path, [new PlotSeries("a", [0, 1, 2], [0, 1, 4]), new PlotSeries("", [0.5], [0.5], Line: false), new PlotSeries("step", [0, 1], [2, 1], Step: true)],
            "title", "x", "y", diagonal: true, verticalLines: [1], horizontalLines: [0], width: 320, height: 200);
        Assert.That(PngSize(path), Is.EqualTo((320, 200)));
        Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(1));
        var panels = Path.Combine(dir, "panels.png");
        XyPlot.SavePanels(panels, [([new PlotSeries("a", [0, 1], [1, 0])], "left", "x", "y", false), ([new PlotSeries("b", [0, 1], [0, 1])], "right", "x", "y", true)], 400, 150);
        Assert.That(PngSize(panels), Is.EqualTo((400, 150)));
    }

    [Test]
    public void XyPlotRejectsMismatchedOrNonFiniteSeries()
    {
        var path = Path.Combine(dir, "bad.png");
        var e = Assert.Throws<ArgumentException>(() => XyPlot.Save(path, [new PlotSeries("s", [0, 1], [0])], "t", "x", "y"));
        Assert.That(e!.Message, Does.Contain("'s'").And.Contain("2 x values but 1 y values"));
        e = Assert.Throws<ArgumentException>(() => XyPlot.Save(path, [new PlotSeries("s", [0, 1], [0, double.NaN])], "t", "x", "y"));
        Assert.That(e!.Message, Does.Contain("Point 1"));
        e = Assert.Throws<ArgumentException>(() => XyPlot.Save(path, [], "t", "x", "y"));
        Assert.That(e!.Message, Does.Contain("series is empty"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void HistogramWritesAPngAndRejectsBadRanges()
    {
        var path = Path.Combine(dir, "hist.png");
        HistogramPlot.Save(path, [-3, -0.5, 0, 0.2, 0.3, 2.5, 9], -3, 3, 12, "z", "z-score", verticalLines: [-1.96, 1.96], width: 300, height: 200);
        Assert.That(PngSize(path), Is.EqualTo((300, 200)));
        var e = Assert.Throws<ArgumentException>(() => HistogramPlot.Save(path, [1], 1, 1, 4, "t", "x"));
        Assert.That(e!.Message, Does.Contain("[1, 1]"));
        e = Assert.Throws<ArgumentException>(() => HistogramPlot.Save(path, [double.PositiveInfinity], 0, 1, 4, "t", "x"));
        Assert.That(e!.Message, Does.Contain("Value 0"));
    }
}
