namespace LmOrganisms.Probing;

/// <summary>What a probe fit does when the (ridge-regularised) centred feature co-moment is singular or
/// numerically rank deficient.</summary>
public enum RankDeficiency
{
    /// <summary>Throw an <see cref="ArgumentException"/> that names the problem and suggests ridge or
    /// <see cref="PseudoInverse"/>.</summary>
    Throw,

    /// <summary>Return the minimum-norm least-squares solution (Moore–Penrose pseudo-inverse of the centred
    /// co-moment, eigenvalues below the relative tolerance treated as zero), as numpy/sklearn's <c>lstsq</c>.</summary>
    PseudoInverse,
}
