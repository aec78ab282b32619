using LmOrganisms.Probing;

namespace LmOrganisms.Probing;

/// <summary>
/// Options of <see cref="BeliefGeometryProbe"/>. The defaults are the belief-geometry paper's conventions (spec §2.4):
/// ordinary least squares with intercept, every row counted once, in-sample errors, a shuffled-target control.
/// </summary>
/// <param name="Probe">Fit options; the default uses the pseudo-inverse for a rank-deficient design (concatenated hooks
/// can repeat columns, e.g. <c>blocks.l.hook_resid_post</c> = <c>blocks.l+1.hook_resid_pre</c>).</param>
/// <param name="ShuffleSeed">Seed of the Fisher–Yates permutation of the target rows for the shuffle control.</param>
/// <param name="Concatenate">Also probe all selected hooks concatenated per row (the paper's "Concat" probe).</param>
/// <param name="ChunkSize">Sequences per forward pass while capturing activations.</param>
public sealed record BeliefGeometryOptions(ProbeOptions? Probe = null, int ShuffleSeed = 1, bool Concatenate = true,
    int ChunkSize = 4096)
{
    /// <summary>The paper's conventions with the concatenated probe.</summary>
    public static BeliefGeometryOptions Default { get; } = new();

    /// <summary>
    /// The fit options actually used. The default is the pseudo-inverse at a relative eigenvalue tolerance of
    /// <see cref="Float32RankTolerance"/>: activations are captured in float32, so a direction the network holds
    /// exactly constant (a final LayerNorm's output lies in a hyperplane) still carries float32 rounding noise, which a
    /// tighter tolerance keeps as a feature and fits (RRXOR final checkpoint, <c>ln_final.hook_normalized</c>: 0.029224
    /// with rank 128 at 1e-12 against the paper pipeline's 0.029325 with rank 127).
    /// </summary>
    public ProbeOptions FitOptions => Probe ?? new ProbeOptions(RankDeficiency: RankDeficiency.PseudoInverse, RankTolerance: Float32RankTolerance);

    /// <summary>1e-10: eigenvalues of the scaled feature co-moment below this fraction of the largest count as float32
    /// rounding noise (relative float32 precision 6e-8, squared ≈ 4e-15, summed over up to a few thousand features).</summary>
    public const double Float32RankTolerance = 1e-10;
}
