using LmOrganisms.BeliefStates;

namespace LmOrganisms;

/// <summary>The exact theory hangs off the process: <c>mess3.Theory(contextLength: 10)</c>.</summary>
public static class ProcessTheories
{
    /// <summary>
    /// The exact theory of <paramref name="process"/> for contexts of up to <paramref name="contextLength"/> tokens (see
    /// <see cref="ProcessTheory"/>); nothing is computed until a member is read.
    /// </summary>
    /// <param name="process">The stationary process.</param>
    /// <param name="contextLength">n ≥ 1.</param>
    /// <param name="tolerance">Belief merge tolerance (max-norm), &gt; 0.</param>
    public static ProcessTheory Theory(this HiddenMarkovProcess process, int contextLength, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The belief merge tolerance must be a finite value > 0.");
        return new ProcessTheory(process, contextLength, tolerance);
    }
}
