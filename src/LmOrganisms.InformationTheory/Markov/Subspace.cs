using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Markov;

/// <summary>Comparison of subspaces (spec markov-categories §4 D.11): representations are identifiable only up to GL(d).</summary>
public static class Subspace
{
    /// <summary>
    /// The principal angles (radians, ascending) between the column spaces of A and B (same row count), from the singular
    /// values of Q_Aᵀ Q_B with Q from thin QR. Invariant under any invertible map of the columns.
    /// </summary>
    public static double[] PrincipalAngles(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.RowCount)
            throw new ArgumentException($"The subspaces live in R^{a.RowCount} and R^{b.RowCount}.", nameof(b));
        var qa = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var qb = b.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var s = qa.TransposeThisAndMultiply(qb).Svd(false).S;
        return s.Select(x => Math.Acos(Math.Clamp(x, -1, 1))).OrderBy(x => x).ToArray();
    }
}
