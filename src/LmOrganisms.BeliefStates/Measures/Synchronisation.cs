using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Synchronisation to the hidden state: the expected entropy of the belief over the generator's hidden states after
/// L symbols, H[S_L | X_1..X_L] = E_w H(η^w), in nats, and its sum over L (Crutchfield &amp; Feldman 2003's
/// synchronisation information S, in the generator's states).
/// </summary>
internal static class Synchronisation
{
    /// <summary>Expected belief entropy in nats for L = 0..<paramref name="maxLength"/> (index L); L = 0 gives H(π).</summary>
    public static double[] Curve(HiddenMarkovProcess process, int maxLength, double tolerance = 1e-9) =>
        BlockEntropy.Curves(process, maxLength, tolerance).BeliefEntropies;

    /// <summary>
    /// S = Σ_{L≥0} H[S_L | X_1..X_L] in nats when the MSP closes and the recurrent beliefs are certain (the generator
    /// synchronises); null otherwise (then the sum diverges or is not known to converge).
    /// </summary>
    public static double? Information(HiddenMarkovProcess process, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        return ClosedMspMeasures.TryCompute(process, tolerance)?.SynchronisationInformation;
    }
}
