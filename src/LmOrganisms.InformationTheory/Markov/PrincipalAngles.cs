using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Principal angles between subspaces (Markov-categorical spec §1.9, §4 D.11 and checklist item 11: representations are
/// identifiable only up to GL(d), so alignment is a statement about subspaces): θᵢ = arccos σᵢ with σᵢ the singular
/// values of Q_Aᵀ Q_B, Q the orthonormal bases from thin QR.
/// </summary>
public static class PrincipalAngles
{
    /// <summary>
    /// The min(rank A, rank B) principal angles (radians, ascending) between the column spaces of
    /// <paramref name="a"/> and <paramref name="b"/> (same row count, full column rank). Invariant under any invertible
    /// map of the columns.
    /// </summary>
    public static double[] Between(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.RowCount)
            throw new ArgumentException($"The subspaces live in R^{a.RowCount} and R^{b.RowCount}.", nameof(b));
        var qa = Orthonormal(a, nameof(a));
        var qb = Orthonormal(b, nameof(b));
        var s = qa.TransposeThisAndMultiply(qb).Svd(false).S;
        // Singular values of a product of orthonormal bases lie in [0, 1]; rounding can exceed 1 by an ulp.
        return s.Take(Math.Min(a.ColumnCount, b.ColumnCount)).Select(x => Math.Acos(Math.Clamp(x, -1, 1))).OrderBy(x => x).ToArray();
    }

    /// <summary>The largest principal angle in degrees (the spec's "angle &lt; 1°" checks).</summary>
    public static double MaxDegrees(Matrix<double> a, Matrix<double> b) => Between(a, b).Max() * 180 / Math.PI;

    /// <summary>An orthonormal basis of the column space (thin QR); throws when the columns are not independent.</summary>
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
