using System.Buffers.Binary;
using LmOrganisms.Plotting;

namespace LmOrganisms.Plotting.Tests;

public class FigureTests
{
    private string dir = "";

    [SetUp]
    public void CreateFolder() => dir = Directory.CreateTempSubdirectory("lmo-plot-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(dir, recursive: true);

    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the PNG signature and reads width and height from the IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(Signature));
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static double[] RandomBeliefs(int n, int seed)
    {
        var rng = new Random(seed);
        var b = new double[3 * n];
        for (int r = 0; r < n; r++)
        {
            double a = -Math.Log(1 - rng.NextDouble()), c = -Math.Log(1 - rng.NextDouble()), d = -Math.Log(1 - rng.NextDouble());
            double s = a + c + d;
            (b[3 * r], b[3 * r + 1], b[3 * r + 2]) = (a / s, c / s, d / s);
        }
        return b;
    }

    private void AssertNoTemporaryFiles() =>
        Assert.That(Directory.GetFiles(dir).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty);

    [Test]
    public void Belief_simplex_png_has_the_requested_size()
    {
        var path = Path.Combine(dir, "simplex.png");
        BeliefSimplexPlot.Save(path, RandomBeliefs(2000, 1), width: 640, height: 600);
        Assert.That(PngSize(path), Is.EqualTo((640, 600)));
        AssertNoTemporaryFiles();
    }

    [Test]
    public void True_versus_predicted_png_has_the_requested_size()
    {
        var truth = RandomBeliefs(1500, 2);
        var rng = new Random(3);
        var predicted = truth.Select(v => v + 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        var path = Path.Combine(dir, "sub", "pair.png");
        BeliefSimplexPlot.SaveTrueVersusPredicted(path, truth, predicted, width: 1000, height: 480);
        Assert.That(PngSize(path), Is.EqualTo((1000, 480)));
        var ex = Assert.Throws<ArgumentException>(() =>
            BeliefSimplexPlot.SaveTrueVersusPredicted(path, truth, predicted.AsSpan(3).ToArray()));
        Assert.That(ex!.Message, Does.Contain("4500 entries").And.Contain("4497"));
    }

    [Test]
    public void Loss_curve_png_has_the_requested_size_and_checks_lengths()
    {
        var path = Path.Combine(dir, "loss.png");
        LossCurvePlot.Save(path, [1.05, 0.95, 0.9, 0.88], [1.0986, 0.93, 0.89, 0.87], width: 700, height: 400);
        Assert.That(PngSize(path), Is.EqualTo((700, 400)));
        var ex = Assert.Throws<ArgumentException>(() => LossCurvePlot.Save(path, [1.0, 2.0], [1.0]));
        Assert.That(ex!.Message, Does.Contain("2 positions").And.Contain("1"));
    }

    [Test]
    public void Layer_bar_chart_png_has_the_requested_size_and_overwrites_atomically()
    {
        var path = Path.Combine(dir, "layers.png");
        string[] layers = ["Embed", "Layer 1", "Layer 2", "Layer 3", "Layer 4", "LN Final", "Concat"];
        LayerErrorPlot.Save(path, layers, [0.0700, 0.0417, 0.0318, 0.0259, 0.0244, 0.0293, 0.0036], "MSE",
            width: 900, height: 450);
        Assert.That(PngSize(path), Is.EqualTo((900, 450)));
        LayerErrorPlot.Save(path, layers, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.97], width: 300, height: 200);
        Assert.That(PngSize(path), Is.EqualTo((300, 200)));
        AssertNoTemporaryFiles();
        var ex = Assert.Throws<ArgumentException>(() => LayerErrorPlot.Save(path, ["a"], [double.NaN]));
        Assert.That(ex!.Message, Does.Contain("layer 'a' is NaN"));
    }
}
