namespace LmOrganisms.BeliefStates;

/// <summary>
/// Beliefs as points for plotting: the 2-simplex of a 3-state process as an equilateral triangle with vertices
/// (0, 0), (1, 0), (1/2, √3/2) for states 0, 1, 2 (x = b₁ + b₂/2, y = (√3/2) b₂; belief-geometry spec §2.4, checklist
/// item 16), and barycentric coordinates for any simplex.
/// </summary>
public static class SimplexProjection
{
    /// <summary>√3/2, the height of the unit equilateral triangle.</summary>
    public static readonly double Height = Math.Sqrt(3) / 2;

    /// <summary>The triangle point of a 3-state belief b: (b₁ + b₂/2, (√3/2) b₂).</summary>
    /// <exception cref="ArgumentException">The belief does not have 3 entries.</exception>
    public static (double X, double Y) ToTriangle(ReadOnlySpan<double> belief)
    {
        if (belief.Length != 3) throw new ArgumentException($"A triangle point needs a 3-state belief; got {belief.Length} entries.", nameof(belief));
        return (belief[1] + belief[2] / 2, Height * belief[2]);
    }

    /// <summary>
    /// Triangle points of many 3-state beliefs stored row-major (<c>[row, 3]</c>, e.g. <see cref="BeliefBatch.Values"/>):
    /// returns <c>[row, 2]</c> row-major (x, y) pairs.
    /// </summary>
    public static double[] ToTriangleAll(ReadOnlySpan<double> beliefs, int stateCount = 3)
    {
        if (stateCount != 3 || beliefs.Length % 3 != 0)
            throw new ArgumentException($"Triangle points need rows of 3 beliefs; got {beliefs.Length} values with {stateCount} states.", nameof(beliefs));
        var xy = new double[beliefs.Length / 3 * 2];
        for (int r = 0; r < beliefs.Length / 3; r++)
            (xy[2 * r], xy[2 * r + 1]) = ToTriangle(beliefs.Slice(3 * r, 3));
        return xy;
    }

    /// <summary>The 3-state belief (barycentric coordinates) of a triangle point: b₂ = y/(√3/2), b₁ = x − b₂/2, b₀ = 1 − b₁ − b₂.</summary>
    public static double[] FromTriangle(double x, double y)
    {
        double b2 = y / Height, b1 = x - b2 / 2;
        return [1 - b1 - b2, b1, b2];
    }

    /// <summary>
    /// Cartesian point Σᵢ bᵢ vᵢ of a belief in barycentric coordinates over the given vertices (one row of length d per
    /// state).
    /// </summary>
    public static double[] ToCartesian(ReadOnlySpan<double> belief, IReadOnlyList<double[]> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count != belief.Length)
            throw new ArgumentException($"The belief has {belief.Length} entries but {vertices.Count} vertices were given.", nameof(vertices));
        int d = vertices.Count == 0 ? 0 : vertices[0].Length;
        var p = new double[d];
        for (int i = 0; i < belief.Length; i++)
        {
            if (vertices[i].Length != d) throw new ArgumentException($"Vertex {i} has {vertices[i].Length} coordinates; vertex 0 has {d}.", nameof(vertices));
            for (int k = 0; k < d; k++) p[k] += belief[i] * vertices[i][k];
        }
        return p;
    }

    /// <summary>
    /// Barycentric coordinates of a point with respect to a non-degenerate simplex of d + 1 vertices in ℝ^d (solves the
    /// linear system Σᵢ bᵢ vᵢ = p, Σᵢ bᵢ = 1 with MathNet).
    /// </summary>
    public static double[] Barycentric(ReadOnlySpan<double> point, IReadOnlyList<double[]> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        int d = point.Length;
        if (vertices.Count != d + 1)
            throw new ArgumentException($"A point in ℝ^{d} needs {d + 1} simplex vertices; got {vertices.Count}.", nameof(vertices));
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1);
        var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d + 1);
        for (int i = 0; i <= d; i++)
        {
            for (int k = 0; k < d; k++) a[k, i] = vertices[i][k];
            a[d, i] = 1;
        }
        for (int k = 0; k < d; k++) rhs[k] = point[k];
        rhs[d] = 1;
        return a.Solve(rhs).ToArray();
    }
}
