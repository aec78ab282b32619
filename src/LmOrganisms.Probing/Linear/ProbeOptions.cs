namespace LmOrganisms.Probing;

/// <summary>
/// Options of a linear probe fit: ridge penalty λ on the coefficients (never on the intercept; 0 = ordinary least
/// squares, the belief-geometry spec §2.4 convention), what to do with a rank-deficient design, and the relative
/// eigenvalue tolerance used to detect rank deficiency.
/// </summary>
/// <param name="Ridge">λ ≥ 0: minimises Σ w (y − Bᵀx − c)² + λ ‖B‖²_F.</param>
/// <param name="RankDeficiency">Behaviour for a singular design.</param>
/// <param name="RankTolerance">The design counts as rank deficient when the smallest squared Cholesky pivot of the
/// diagonally scaled system is below this fraction of the largest; the pseudo-inverse then treats eigenvalues below
/// this fraction of the largest as zero.</param>
public sealed record ProbeOptions(double Ridge = 0, RankDeficiency RankDeficiency = RankDeficiency.Throw,
    double RankTolerance = 1e-12)
{
    /// <summary>Ordinary least squares with intercept; throws on rank deficiency.</summary>
    public static ProbeOptions OrdinaryLeastSquares { get; } = new();
}
