using LmOrganisms.BeliefStates;
using LmOrganisms.Plotting;
using ScottPlot;

namespace LmOrganisms.Plotting;

/// <summary>
/// The belief-geometry figures of the paper (Figs 1, 5, 6): points of the 2-simplex coloured by their true belief,
/// alone or with the linear probe's predictions beside them. Beliefs are rows of three components, row-major.
/// </summary>
public static class BeliefSimplexPlot
{
    /// <summary>Saves the belief simplex of <paramref name="beliefs"/> (rows × 3) as a PNG.</summary>
    public static void Save(string path, ReadOnlySpan<double> beliefs, string title = "Belief simplex",
        int width = 800, int height = 720, float markerSize = 3)
    {
        var plot = Panel(beliefs, beliefs, title, markerSize);
        Png.Save(plot, path, width, height);
    }

    /// <summary>Saves the true beliefs (left) and the probe's predicted beliefs (right), both coloured by the true
    /// belief of their row, as one PNG.</summary>
    public static void SaveTrueVersusPredicted(string path, ReadOnlySpan<double> trueBeliefs,
        ReadOnlySpan<double> predictedBeliefs, string trueTitle = "Ground truth",
        string predictedTitle = "Residual stream (linear probe)", int width = 1400, int height = 700,
        float markerSize = 3)
    {
        if (trueBeliefs.Length != predictedBeliefs.Length)
            throw new ArgumentException(
                $"trueBeliefs has {trueBeliefs.Length} entries but predictedBeliefs has {predictedBeliefs.Length}.",
                nameof(predictedBeliefs));
        var left = Panel(trueBeliefs, trueBeliefs, trueTitle, markerSize);
        var right = Panel(predictedBeliefs, trueBeliefs, predictedTitle, markerSize);
        Png.SaveColumns([left, right], path, width, height);
    }

    private static Plot Panel(ReadOnlySpan<double> points, ReadOnlySpan<double> colours, string title, float markerSize)
    {
        int n = Rows(points.Length, "beliefs");
        if (n == 0) throw new ArgumentException("There are no beliefs to plot (0 rows).", "beliefs");
        var xy = SimplexProjection.ToTriangleAll(points);
        var plot = new Plot();
        var outline = plot.Add.Polygon(
            [new Coordinates(0, 0), new Coordinates(1, 0), new Coordinates(0.5, SimplexProjection.Height)]);
        outline.FillColor = Colors.Transparent;
        outline.LineColor = Colors.Gray;
        // One marker plottable per colour (RGB quantised to 5 bits a channel), so 10⁵ points stay fast. A point equal to
        // one already in its colour's group is drawn once (every word's prefixes repeat: Mess3's 590,490 rows of length 10
        // hold 88,572 distinct prefixes); drawing it again would paint the same marker in the same colour.
        var groups = new Dictionary<int, (List<double> X, List<double> Y)>();
        var seen = new HashSet<(int Key, double X, double Y)>();
        for (int r = 0; r < n; r++)
        {
            var (cr, cg, cb) = Colour(colours[3 * r], colours[3 * r + 1], colours[3 * r + 2]);
            int key = (cr >> 3) << 10 | (cg >> 3) << 5 | (cb >> 3);
            if (!seen.Add((key, xy[2 * r], xy[2 * r + 1]))) continue;
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = ([], []);
            g.X.Add(xy[2 * r]);
            g.Y.Add(xy[2 * r + 1]);
        }
        foreach (var (key, g) in groups.OrderBy(kv => kv.Key))
        {
            var colour = new Color((byte)(((key >> 10) & 31) * 255 / 31), (byte)(((key >> 5) & 31) * 255 / 31),
                (byte)((key & 31) * 255 / 31));
            plot.Add.Markers(g.X.ToArray(), g.Y.ToArray(), MarkerShape.FilledCircle, markerSize, colour);
        }
        plot.Title(title, FigureStyle.TitleSize);
        plot.Axes.SetLimits(-0.05, 1.05, -0.05, SimplexProjection.Height + 0.05);
        plot.Axes.SquareUnits();
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true;
        plot.HideGrid();
        return plot;
    }

    /// <summary>The paper's colour of a belief (spec §2.4 "Plots"): red, green, blue = b₀, b₁, b₂ as bytes
    /// (round(255·b)); components must lie in [0, 1] (predicted points are coloured by their true belief).</summary>
    internal static (byte R, byte G, byte B) Colour(double b0, double b1, double b2) =>
        (Channel(b0, 0), Channel(b1, 1), Channel(b2, 2));

    internal static int Rows(int length, string name)
    {
        if (length % 3 != 0)
            throw new ArgumentException($"{name} has {length} entries, not a multiple of 3 (rows of three-state beliefs).", name);
        return length / 3;
    }

    private static byte Channel(double b, int component)
    {
        if (!(b >= 0 && b <= 1))
            throw new ArgumentException(
                $"Belief component {component} is {b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; a colour needs a value in [0, 1].",
                nameof(b));
        return (byte)Math.Round(255 * b);
    }
}
