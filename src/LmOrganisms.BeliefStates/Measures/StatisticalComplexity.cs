using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Statistical complexity C_μ = H[causal state] under the ε-machine's stationary law, in nats (Crutchfield &amp; Young
/// 1989; belief-geometry spec checklist item 14: Z1R log 3, RRXOR H(1/3, 1/6, 1/6, 1/6, 1/6)).
/// </summary>
internal static class StatisticalComplexity
{
    /// <summary>
    /// C_μ in nats when the MSP closes (finite ε-machine); null when no finite MSP was found (up to depth 64 and 20,000
    /// states), as for Mess3, whose causal states are infinitely many and whose C_μ diverges.
    /// </summary>
    public static double? Compute(HiddenMarkovProcess process, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(process);
        return ClosedMspMeasures.TryCompute(process, tolerance)?.StatisticalComplexity;
    }

    /// <summary>C_μ in nats of the ε-machine of a closed MSP.</summary>
    /// <exception cref="InvalidOperationException">The MSP is not closed.</exception>
    public static double Of(MixedStatePresentation msp)
    {
        ArgumentNullException.ThrowIfNull(msp);
        return Shannon.Nats(msp.EpsilonMachine().StationaryDistribution.ToArray());
    }
}
