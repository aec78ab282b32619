using System.Buffers.Binary;
using LmOrganisms.Plotting;

namespace LmOrganisms.Plotting.Tests;

public class GroupedBarPlotTests
{
    private string dir = "";

    [SetUp]
    public void CreateFolder() => dir = Directory.CreateTempSubdirectory("lmo-bars-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(dir, recursive: true);

    [Test]
    public void Grouped_bars_png_has_the_requested_size()
    {
        var path = Path.Combine(dir, "bars.png");
        GroupedBarPlot.Save(path, ["on", "related", "alien"], [("model 1", [1.0, 1.1, 1.5]), ("model 2", [1.02, 1.12, 1.4])], "CE", "nats", 700, 400);
        var bytes = File.ReadAllBytes(path);
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 1, 3), Is.EqualTo("PNG"));
        Assert.That((BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))), Is.EqualTo((700, 400)));
    }

    [Test]
    public void A_series_with_the_wrong_number_of_values_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            GroupedBarPlot.Save(Path.Combine(dir, "x.png"), ["on", "alien"], [("m", [1.0])], "t", "y"));
        Assert.That(e!.Message, Does.Contain("'m' has 1 values"));
        e = Assert.Throws<ArgumentException>(() =>
            GroupedBarPlot.Save(Path.Combine(dir, "x.png"), ["on"], [("m", [double.NaN])], "t", "y"));
        Assert.That(e!.Message, Does.Contain("finite"));
    }
}
