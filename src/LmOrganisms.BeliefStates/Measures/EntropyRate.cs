using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Entropy rate h_μ = lim_{L→∞} h(L) = lim H(L)/L of the stationary process, in nats per symbol
/// (belief-geometry spec checklist item 13; RRXOR 2/3 bit, Z1R 1/3 bit).
/// </summary>
internal static class EntropyRate
{
    /// <summary>
    /// The entropy rate: exact for a unifilar generator (H[X | S] under π) or when the MSP closes (the ε-machine's
    /// H[X | S]); otherwise the converged limit bracketed by two bounds at word length <paramref name="maxLength"/>:
    /// the myopic entropy h(L) from above and H[X_L | X_1..X_{L−1}, S_0] from below (Cover &amp; Thomas Thm 4.5.1), reported
    /// as their midpoint with half their gap as the error bound.
    /// </summary>
    public static Estimate Compute(HiddenMarkovProcess process, int maxLength = 10, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (process.IsUnifilar) return new Estimate(OfUnifilar(process), 0, true, "unifilar generator: H[X|S] under the stationary law");
        var closed = ClosedMspMeasures.TryCompute(process, tolerance);
        if (closed is not null) return new Estimate(closed.EntropyRate, 0, true, $"finite MSP: ε-machine with {closed.CausalStates} causal states");
        var (upper, lower) = Bounds(process, maxLength, tolerance, cancellationToken);
        return new Estimate((upper + lower) / 2, (upper - lower) / 2, false,
            $"bracket at L = {maxLength}: h(L) = {Check.Num(upper)} ≥ h_μ ≥ H[X_L|X_<L,S_0] = {Check.Num(lower)} nats");
    }

    /// <summary>
    /// The two bounds at word length L in nats: (upper h(L) = H[X_L | X_1..X_{L−1}], lower H[X_L | X_1..X_{L−1}, S_0]).
    /// Both converge to h_μ as L grows.
    /// </summary>
    public static (double Upper, double Lower) Bounds(HiddenMarkovProcess process, int length, double tolerance = 1e-9, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        double upper = BlockEntropy.Curves(MixedStatePresentation.Build(process, length, tolerance, null, cancellationToken), length).Myopic(length);
        var pi = process.StationaryDistribution;
        double lower = 0;
        var delta = new double[process.StateCount];
        for (int i = 0; i < process.StateCount; i++)
        {
            if (pi[i] == 0) continue;
            Array.Clear(delta);
            delta[i] = 1;
            var msp = MixedStatePresentation.Build(process, delta, length, tolerance, null, cancellationToken);
            lower += pi[i] * BlockEntropy.Curves(msp, length).Myopic(length);
        }
        return (upper, Math.Min(lower, upper));
    }

    /// <summary>
    /// H[X | S] = −Σ_i π_i Σ_x p(x|i) ln p(x|i) in nats, with p(x|i) = Σ_j T[x][i][j]: the entropy rate of a unifilar process.
    /// </summary>
    /// <exception cref="ArgumentException">The process is not unifilar.</exception>
    public static double OfUnifilar(HiddenMarkovProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.IsUnifilar)
            throw new ArgumentException($"Process '{process.Name}' is not unifilar; H[X|S] is then only a lower bound on the entropy rate (use Compute).", nameof(process));
        var pi = process.StationaryDistribution;
        int s = process.StateCount;
        double h = 0;
        for (int i = 0; i < s; i++)
        {
            double hi = 0;
            for (int x = 0; x < process.AlphabetSize; x++)
            {
                double p = 0;
                for (int j = 0; j < s; j++) p += process[x, i, j];
                hi += Shannon.Term(p);
            }
            h += pi[i] * hi;
        }
        return h;
    }
}
