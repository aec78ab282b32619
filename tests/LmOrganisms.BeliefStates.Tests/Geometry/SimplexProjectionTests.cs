using LmOrganisms.BeliefStates;

namespace LmOrganisms.BeliefStates.Tests;

public class SimplexProjectionTests
{
    [Test]
    public void SpecChecklistItem16()
    {
        Assert.That(SimplexProjection.ToTriangle([1.0, 0, 0]), Is.EqualTo((0.0, 0.0)));
        Assert.That(SimplexProjection.ToTriangle([0, 1.0, 0]), Is.EqualTo((1.0, 0.0)));
        var top = SimplexProjection.ToTriangle([0, 0, 1.0]);
        Assert.That((top.X, top.Y), Is.EqualTo((0.5, 0.866025)).Within(1e-6));
        var c = SimplexProjection.ToTriangle([1 / 3.0, 1 / 3.0, 1 / 3.0]);
        Assert.That((c.X, c.Y), Is.EqualTo((0.5, 0.288675)).Within(1e-6));
    }

    [Test]
    public void RoundTripsAndBarycentricAgree()
    {
        double[] b = [0.2, 0.5, 0.3];
        var (x, y) = SimplexProjection.ToTriangle(b);
        Assert.That(SimplexProjection.FromTriangle(x, y), Is.EqualTo(b).Within(1e-15));
        var vertices = new[] { new[] { 0.0, 0 }, new[] { 1.0, 0 }, new[] { 0.5, Math.Sqrt(3) / 2 } };
        Assert.That(SimplexProjection.ToCartesian(b, vertices), Is.EqualTo(new[] { x, y }).Within(1e-15));
        Assert.That(SimplexProjection.Barycentric([x, y], vertices), Is.EqualTo(b).Within(1e-12));
        Assert.That(SimplexProjection.ToTriangleAll([0.2, 0.5, 0.3, 1.0, 0, 0]), Is.EqualTo(new[] { x, y, 0, 0 }).Within(1e-15));
        var ex = Assert.Throws<ArgumentException>(() => SimplexProjection.ToTriangle([0.5, 0.5]));
        Assert.That(ex!.Message, Does.Contain("2 entries"));
    }
}
