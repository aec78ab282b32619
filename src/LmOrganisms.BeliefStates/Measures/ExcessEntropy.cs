using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Excess entropy E = I[past; future] = Σ_{L≥1} (h(L) − h_μ) = lim (H(L) − L h_μ), in nats
/// (Crutchfield &amp; Feldman 2003; belief-geometry spec checklist item 14: Z1R log 3).
/// </summary>
internal static class ExcessEntropy
{
    /// <summary>
    /// Exact (to 1e-15) when the MSP closes: the sum runs the mixed-state law until the transient mass is below 1e-16.
    /// Otherwise the partial sum Σ_{l=1}^{L} (h(l) − ĥ_μ) at L = <paramref name="maxLength"/> with ĥ_μ from
    /// <see cref="EntropyRate.Compute"/>; its error bound is L times the entropy-rate error plus the last term h(L) − ĥ_μ
    /// as a (heuristic) estimate of the tail.
    /// </summary>
    public static Estimate Compute(HiddenMarkovProcess process, int maxLength = 10, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        var closed = ClosedMspMeasures.TryCompute(process, tolerance);
        if (closed is not null) return new Estimate(closed.ExcessEntropy, 0, true, $"finite MSP, summed over {closed.Steps} steps");
        var rate = EntropyRate.Compute(process, maxLength, tolerance, cancellationToken);
        var curves = BlockEntropy.Curves(process, maxLength, tolerance, cancellationToken);
        double e = curves.Block(maxLength) - maxLength * rate.Value;
        double tail = Math.Max(0, curves.Myopic(maxLength) - rate.Value);
        return new Estimate(e, maxLength * rate.ErrorBound + tail, false, $"H(L) − L·ĥ_μ at L = {maxLength}");
    }
}
