using System.Globalization;

namespace LmOrganisms.Plotting;

/// <summary>
/// The 2-simplex picture of the belief-geometry paper (spec §2.4, "Plots"): a belief (b₀, b₁, b₂) over three hidden
/// states is drawn at <c>x = b₁ + b₂/2</c>, <c>y = (√3/2)·b₂</c>, so that the vertices δ₀, δ₁, δ₂ land on (0, 0),
/// (1, 0) and (½, √3/2) and the uniform belief on the centroid (½, √3/6); it is coloured RGB = (b₀, b₁, b₂).
/// </summary>
public static class SimplexProjection
{
    /// <summary>√3/2, the height of the unit equilateral triangle.</summary>
    public static readonly double Height = Math.Sqrt(3) / 2;

    /// <summary>Plane coordinates of a belief (b₀, b₁, b₂). Linear in b, so points off the simplex (probe
    /// predictions) are placed by the same map.</summary>
    public static (double X, double Y) ToPlane(double b0, double b1, double b2) =>
        BeliefStates.SimplexProjection.ToTriangle([b0, b1, b2]);

    /// <summary>Plane coordinates of rows of three-component beliefs, row-major (rows × 3).</summary>
    public static (double[] X, double[] Y) ToPlane(ReadOnlySpan<double> beliefs)
    {
        int n = Rows(beliefs.Length, nameof(beliefs));
        var x = new double[n];
        var y = new double[n];
        for (int r = 0; r < n; r++)
            (x[r], y[r]) = ToPlane(beliefs[3 * r], beliefs[3 * r + 1], beliefs[3 * r + 2]);
        return (x, y);
    }

    /// <summary>The paper's colour of a belief: red, green, blue = b₀, b₁, b₂ as bytes (round(255·b)). Components
    /// must lie in [0, 1] (true beliefs do; colour predicted points by their true belief).</summary>
    public static (byte R, byte G, byte B) Color(double b0, double b1, double b2) =>
        (Channel(b0, 0), Channel(b1, 1), Channel(b2, 2));

    internal static int Rows(int length, string name)
    {
        if (length % 3 != 0)
            throw new ArgumentException(
                $"{name} has {length} entries, not a multiple of 3 (rows of three-state beliefs).", name);
        return length / 3;
    }

    private static byte Channel(double b, int component)
    {
        if (!(b >= 0 && b <= 1))
            throw new ArgumentException(
                $"Belief component {component} is {b.ToString("R", CultureInfo.InvariantCulture)}; a colour needs a value in [0, 1].",
                nameof(b));
        return (byte)Math.Round(255 * b);
    }
}
