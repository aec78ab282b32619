using LmOrganisms.BeliefStates;
using LmOrganisms.Plotting;

namespace LmOrganisms.Plotting.Tests;

public class SimplexPictureTests
{
    [Test]
    public void Vertices_land_on_the_unit_equilateral_triangle()
    {
        Assert.That(SimplexProjection.ToTriangle([1.0, 0, 0]), Is.EqualTo((0.0, 0.0)));
        Assert.That(SimplexProjection.ToTriangle([0, 1.0, 0]), Is.EqualTo((1.0, 0.0)));
        Assert.That(SimplexProjection.ToTriangle([0, 0, 1.0]), Is.EqualTo((0.5, Math.Sqrt(3) / 2)));
        Assert.That(SimplexProjection.Height, Is.EqualTo(Math.Sqrt(3) / 2));
    }

    [Test]
    public void The_uniform_belief_lands_on_the_centroid_and_edges_on_edges()
    {
        var (x, y) = SimplexProjection.ToTriangle([1.0 / 3, 1.0 / 3, 1.0 / 3]);
        Assert.That(x, Is.EqualTo(0.5).Within(1e-15));
        Assert.That(y, Is.EqualTo(Math.Sqrt(3) / 6).Within(1e-15));
        // Midpoint of the δ₁–δ₂ edge is the midpoint of (1,0)–(½,√3/2).
        var (mx, my) = SimplexProjection.ToTriangle([0, 0.5, 0.5]);
        Assert.That(mx, Is.EqualTo(0.75).Within(1e-15));
        Assert.That(my, Is.EqualTo(Math.Sqrt(3) / 4).Within(1e-15));
        // All pairwise distances between vertices are 1.
        var xy = SimplexProjection.ToTriangleAll([1, 0, 0, 0, 1, 0, 0, 0, 1]);
        double[] xs = [xy[0], xy[2], xy[4]], ys = [xy[1], xy[3], xy[5]];
        for (int i = 0; i < 3; i++)
            for (int j = i + 1; j < 3; j++)
                Assert.That(Math.Sqrt(Math.Pow(xs[i] - xs[j], 2) + Math.Pow(ys[i] - ys[j], 2)),
                    Is.EqualTo(1.0).Within(1e-15));
    }

    [Test]
    public void Colour_is_rgb_equal_to_the_belief()
    {
        Assert.That(BeliefSimplexPlot.Colour(1, 0, 0), Is.EqualTo(((byte)255, (byte)0, (byte)0)));
        Assert.That(BeliefSimplexPlot.Colour(0.2, 0.25, 0.55), Is.EqualTo(((byte)51, (byte)64, (byte)140)));
        var ex = Assert.Throws<ArgumentException>(() => BeliefSimplexPlot.Colour(1.1, -0.1, 0));
        Assert.That(ex!.Message, Does.Contain("component 0 is 1.1"));
        ex = Assert.Throws<ArgumentException>(() => BeliefSimplexPlot.Save(Path.GetTempFileName(), new double[] { 1, 0 }));
        Assert.That(ex!.Message, Does.Contain("not a multiple of 3"));
    }
}
