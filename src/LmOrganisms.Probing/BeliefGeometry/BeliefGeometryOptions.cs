using LmOrganisms.Probing.Linear;

namespace LmOrganisms.Probing.BeliefGeometry;

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

    /// <summary>The fit options actually used.</summary>
    public ProbeOptions FitOptions => Probe ?? new ProbeOptions(RankDeficiency: RankDeficiency.PseudoInverse);
}
