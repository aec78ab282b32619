namespace LmOrganisms.Ecology;

/// <summary>Numerical tolerances used when validating user-supplied probabilities.</summary>
public static class Tolerances
{
    /// <summary>
    /// Largest accepted deviation from 1 of a sum that must be 1 (rows of a transition tensor summed over symbols and
    /// targets, priors, context weights, next-token laws): 1e-9. Inputs are never renormalised; a sum outside this
    /// tolerance is rejected with an error naming the row.
    /// </summary>
    public const double SumTolerance = 1e-9;
}
