using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>Rate–distortion of encodings of a finite ecology (task-ecology paper §1.9, Cor 52; spec §4.4).</summary>
public static class RateDistortion
{
    /// <summary>
    /// The exact staircase R(I), by enumerating all partitions (limited to 12 worlds). Corners whose excess differs
    /// from the previous corner by at most 1e-12 are not repeated.
    /// </summary>
    public static RateDistortionCurve Curve(this FiniteEcology ecology, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int n = ecology.WorldCount;
        if (n > 12) throw new ArgumentException($"The rate–distortion staircase enumerates Bell({n}) partitions; it is limited to 12 worlds.", nameof(ecology));
        var table = new SubsetCosts(ecology, cancellationToken);
        double floor = ecology.Floor();
        var points = SetPartition.AllPartitions(n)
            .Select(p => new RateDistortionPoint(table.Complexity(p), table.BayesLoss(p) - floor, p))
            .OrderBy(p => p.Complexity).ThenBy(p => p.Excess).ToList();
        var steps = new List<RateDistortionPoint>();
        foreach (var p in points)
            if (steps.Count == 0 || p.Excess < steps[^1].Excess - 1e-12) steps.Add(p);
        return new RateDistortionCurve(steps);
    }

    /// <summary>The critical rate I*(μ) = H(W/~_μ) (Thm 50), from the quotient partition directly (no enumeration).</summary>
    public static double CriticalRate(this FiniteEcology ecology) => ecology.MinimumComplexity();
}
