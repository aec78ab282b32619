using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// The exact rate–distortion staircase R(I) = min_{p : H(p(W)) ≤ I} Δ_D(p) of a finite ecology (task-ecology paper
/// §1.9, Cor 52; spec §4.4), in nats. <paramref name="Steps"/> lists the corners in increasing complexity and strictly
/// decreasing excess; the first corner is the one-cell partition (complexity 0).
/// </summary>
/// <param name="Steps">The staircase corners.</param>
public sealed record RateDistortionCurve(IReadOnlyList<RateDistortionPoint> Steps)
{
    /// <summary>R(I): the least excess among encodings of complexity at most I (I ≥ 0), in nats.</summary>
    public double Distortion(double rate)
    {
        if (double.IsNaN(rate) || rate < 0)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate I must be ≥ 0.");
        double r = Steps[0].Excess;
        foreach (var s in Steps)
            if (s.Complexity <= rate + 1e-12) r = s.Excess;
        return r;
    }

    /// <summary>The critical rate I* = H(W/~_μ): the smallest complexity with zero excess (|excess| ≤ 1e-12).</summary>
    public double CriticalRate => Steps.First(s => Math.Abs(s.Excess) <= 1e-12).Complexity;
}
