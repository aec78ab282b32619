using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Transient information T = Σ_{L≥0} [E + h_μ L − H(L)], in nats × symbols (Crutchfield &amp; Feldman 2003, Eq. 40):
/// how much an observer must learn before it knows the process's rate and excess entropy. Requires a finite MSP.
/// </summary>
internal static class TransientInformation
{
    /// <summary>T in nats·symbols when the MSP closes; null otherwise.</summary>
    public static double? Compute(HiddenMarkovProcess process, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        return ClosedMspMeasures.TryCompute(process, tolerance)?.TransientInformation;
    }
}
