using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Alignment;

/// <summary>
/// Principal angles between the column spaces of two matrices (Markov-categorical spec §1.9 and checklist item 11:
/// alignment is a statement about subspaces, invariant under any invertible change of basis): θᵢ = arccos σᵢ with σᵢ
/// the singular values of Q₁ᵀQ₂, Q the orthonormal bases from thin QR. Radians, ascending.
/// </summary>
public static class PrincipalAngles
{
    /// <summary>The min(rank A, rank B) principal angles between col(<paramref name="a"/>) and col(<paramref name="b"/>),
    /// both n × ·, full column rank, in radians, smallest first.</summary>
    public static double[] Between(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.RowCount)
            throw new ArgumentException($"a has {a.RowCount} rows but b has {b.RowCount}; both must live in the same space.",
                nameof(b));
        var qa = Orthonormal(a, nameof(a));
        var qb = Orthonormal(b, nameof(b));
        var sv = qa.TransposeThisAndMultiply(qb).Svd(computeVectors: false).S;
        // Singular values of a product of orthonormal bases lie in [0, 1]; rounding can exceed 1 by an ulp.
        return sv.Take(Math.Min(a.ColumnCount, b.ColumnCount)).Select(s => Math.Acos(Math.Min(1.0, s))).Order().ToArray();
    }

    /// <summary>The largest principal angle in degrees (the spec's "angle &lt; 1°" checks).</summary>
    public static double MaxDegrees(Matrix<double> a, Matrix<double> b) => Between(a, b).Max() * 180 / Math.PI;

    private static Matrix<double> Orthonormal(Matrix<double> m, string name)
    {
        if (m.ColumnCount == 0 || m.ColumnCount > m.RowCount)
            throw new ArgumentException($"{name} has {m.ColumnCount} columns in a {m.RowCount}-dimensional space.", name);
        var qr = m.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var r = qr.R;
        double max = 0;
        for (int i = 0; i < r.ColumnCount; i++) max = Math.Max(max, Math.Abs(r[i, i]));
        for (int i = 0; i < r.ColumnCount; i++)
            if (Math.Abs(r[i, i]) <= 1e-12 * max)
                throw new ArgumentException($"{name} does not have full column rank (column {i} is dependent).", name);
        return qr.Q;
    }
}
