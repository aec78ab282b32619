using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// Principal angles between the column spaces of two matrices (Markov-categorical spec §1.9 and checklist item 11:
/// alignment is a statement about subspaces, invariant under any invertible change of basis): θᵢ = arccos σᵢ with σᵢ
/// the singular values of Q₁ᵀQ₂, Q the orthonormal bases from thin QR. Radians, ascending. Computed by
/// <see cref="Subspace.PrincipalAngles"/> (InformationTheory); this class adds the degree form used by the probes.
/// </summary>
public static class PrincipalAngles
{
    /// <summary>The min(rank A, rank B) principal angles between col(<paramref name="a"/>) and col(<paramref name="b"/>),
    /// both n × ·, full column rank, in radians, smallest first.</summary>
    public static double[] Between(Matrix<double> a, Matrix<double> b) => Subspace.PrincipalAngles(a, b);

    /// <summary>The largest principal angle in degrees (the spec's "angle &lt; 1°" checks).</summary>
    public static double MaxDegrees(Matrix<double> a, Matrix<double> b) => Between(a, b).Max() * 180 / Math.PI;
}
