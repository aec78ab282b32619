using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Finite-class certification of veridicality (task-ecology paper Thm 36, Cors 37–38; spec §4.8). Losses are bounded by
/// C_τ = ln(1/τ) when every Bayes-decoder probability on the support is at least τ ∈ (0, 1); γ is the gap
/// min_{p non-veridical} Δ_D(p), ε_opt the optimisation slack, α the failure probability. Sample sizes are the real-valued
/// bounds; the smallest admissible n is their ceiling.
/// </summary>
public static class FiniteClassBound
{
    /// <summary>C_τ = ln(1/τ), the loss bound.</summary>
    public static double LossBound(double tau)
    {
        if (!(tau > 0 && tau < 1)) throw new ArgumentOutOfRangeException(nameof(tau), tau, $"tau = {Laws.Num(tau)} must lie in (0, 1).");
        return -Math.Log(tau);
    }

    /// <summary>
    /// Uniform prior ρ = 1/M (Cor 37): n ≥ 2C_τ²/(γ − ε_opt)² · (ln(2M) + ln(1/α)).
    /// </summary>
    public static double SampleSizeUniform(double tau, double gap, double epsilonOpt, long classSize, double alpha)
    {
        double scale = Scale(tau, gap, epsilonOpt);
        if (classSize < 1) throw new ArgumentOutOfRangeException(nameof(classSize), classSize, "The class size M must be ≥ 1.");
        CheckAlpha(alpha);
        return scale * (Math.Log(2.0 * classSize) + Math.Log(1 / alpha));
    }

    /// <summary>
    /// General prior (Thm 36): n ≥ 2C_τ²/(γ − ε_opt)² · max{N_v, max_p N_p} with N_v = ln(1/ρ(p^v)) + ln(2/α) and
    /// N_p = (ln(1/ρ(p)) + ln(2/α)) (γ/Δ_D(p))² over the non-veridical partitions p.
    /// </summary>
    /// <param name="tau">Probability floor τ.</param>
    /// <param name="gap">γ.</param>
    /// <param name="epsilonOpt">ε_opt &lt; γ.</param>
    /// <param name="alpha">Failure probability α.</param>
    /// <param name="veridicalPrior">ρ(p^v) of the veridical partition.</param>
    /// <param name="nonVeridical">(ρ(p), Δ_D(p)) of each non-veridical partition.</param>
    public static double SampleSizePrior(double tau, double gap, double epsilonOpt, double alpha, double veridicalPrior,
        IEnumerable<(double Prior, double Excess)> nonVeridical)
    {
        double scale = Scale(tau, gap, epsilonOpt);
        CheckAlpha(alpha);
        ArgumentNullException.ThrowIfNull(nonVeridical);
        double log2a = Math.Log(2 / alpha);
        double n = Math.Log(1 / CheckPrior(veridicalPrior)) + log2a;
        foreach (var (prior, excess) in nonVeridical)
        {
            if (!(excess > 0)) throw new ArgumentException($"A non-veridical partition has excess {Laws.Num(excess)}; expected > 0.", nameof(nonVeridical));
            n = Math.Max(n, (Math.Log(1 / CheckPrior(prior)) + log2a) * (gap / excess) * (gap / excess));
        }
        return scale * n;
    }

    /// <summary>The radius η_ρ(p) = C_τ √((ln(1/ρ(p)) + ln(2/α)) / (2n)).</summary>
    public static double Radius(double tau, double prior, double alpha, long n)
    {
        CheckAlpha(alpha);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be ≥ 1.");
        return LossBound(tau) * Math.Sqrt((Math.Log(1 / CheckPrior(prior)) + Math.Log(2 / alpha)) / (2.0 * n));
    }

    /// <summary>
    /// Cor 38: with probability at least 1 − 2M exp(−2nη²/C_τ²) the ERM output is within ε_opt + 2η of the best loss.
    /// The value is returned as is; ≤ 0 means the bound is vacuous.
    /// </summary>
    public static double NearOptimalityProbability(long classSize, long n, double eta, double tau)
    {
        double c = LossBound(tau);
        return 1 - 2.0 * classSize * Math.Exp(-2.0 * n * eta * eta / (c * c));
    }

    /// <summary>The entropic prior ρ_β0(p) ∝ exp(−β0 H(p(W))) over the given partitions (normalised over them).</summary>
    public static double[] EntropicPrior(FiniteEcology ecology, IReadOnlyList<int[]> partitions, double beta0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(partitions);
        var logits = partitions.Select(p => -beta0 * ecology.Complexity(p)).ToArray();
        double max = logits.Max();
        var w = logits.Select(l => Math.Exp(l - max)).ToArray();
        double z = w.Sum();
        return w.Select(x => x / z).ToArray();
    }

    /// <summary>The certification gap γ^CE_D = min over non-veridical partitions of Δ_D(p), by enumeration (≤ 12 worlds); +∞ if none.</summary>
    public static double CertificationGap(FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        if (ecology.WorldCount > 12) throw new ArgumentException($"The gap enumerates Bell({ecology.WorldCount}) partitions; limited to 12 worlds.", nameof(ecology));
        return SetPartition.AllPartitions(ecology.WorldCount).Where(p => ecology.MergesSeparatedPair(p))
            .Select(p => ecology.Excess(p)).DefaultIfEmpty(double.PositiveInfinity).Min();
    }

    private static double Scale(double tau, double gap, double epsilonOpt)
    {
        double c = LossBound(tau);
        if (!(gap > 0) || !(epsilonOpt >= 0) || !(epsilonOpt < gap))
            throw new ArgumentException($"Need γ > 0 and 0 ≤ ε_opt < γ; got γ = {Laws.Num(gap)}, ε_opt = {Laws.Num(epsilonOpt)}.", nameof(epsilonOpt));
        return 2 * c * c / ((gap - epsilonOpt) * (gap - epsilonOpt));
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha = {Laws.Num(alpha)} must lie in (0, 1).");
    }

    private static double CheckPrior(double prior)
    {
        if (!(prior > 0 && prior <= 1)) throw new ArgumentOutOfRangeException(nameof(prior), prior, $"A prior weight {Laws.Num(prior)} must lie in (0, 1].");
        return prior;
    }
}
