using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// The global split–merge path: the exact optimum of J_{D,β} as β grows from 0⁺ (task-ecology spec §3.5, Fig 5).
/// </summary>
/// <param name="Start">The optimum for small β &gt; 0: the quotient partition (Thm 50).</param>
/// <param name="Steps">The transitions in increasing β; the last one reaches the one-cell partition.</param>
public sealed record SplitMergePath(int[] Start, IReadOnlyList<SplitMergeStep> Steps)
{
    /// <summary>The number of transitions that the local split–merge criterion predicted exactly.</summary>
    public int MatchingSteps => Steps.Count(s => s.MatchesLocalPrediction);

    /// <summary>The globally optimal partition at β (the path's piecewise-constant value; at a breakpoint, the coarser one).</summary>
    public int[] PartitionAt(double beta)
    {
        var current = Start;
        foreach (var s in Steps)
            if (beta >= s.Beta) current = s.To;
        return current;
    }
}
