using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// Fitness maps used by the task-ecology paper: strictly decreasing transforms of a risk or an excess (Prop 44 (b)).
/// </summary>
/// <remarks>Spec <c>task-ecologies.md</c> §1.12 (Prop 44: F(p) = C − Δ_D(p) or any strictly decreasing transform),
/// §3.6 (Exp3: w = exp(−R)) and §1.13 (f = g(Δ_eval)).</remarks>
public static class Fitness
{
    /// <summary>wᵢ = exp(−Rᵢ) for risks (losses in nats) Rᵢ: the paper's Exp3/Exp6 fitness.</summary>
    public static double[] Exponential(ReadOnlySpan<double> risks)
    {
        Check.Finite(risks, "risks", nameof(risks));
        var w = new double[risks.Length];
        for (int i = 0; i < w.Length; i++) w[i] = Math.Exp(-risks[i]);
        return w;
    }

    /// <summary>
    /// Fᵢ = C − Δᵢ (Prop 44's linear fitness, with T = 1). Every value must be positive: C must exceed the largest
    /// excess, otherwise an <see cref="ArgumentException"/> names the offending entry.
    /// </summary>
    public static double[] Linear(ReadOnlySpan<double> excess, double ceiling)
    {
        Check.Finite(excess, "excess values", nameof(excess));
        if (!double.IsFinite(ceiling))
            throw new ArgumentOutOfRangeException(nameof(ceiling), ceiling, "The ceiling C must be finite.");
        var f = new double[excess.Length];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = ceiling - excess[i];
            if (!(f[i] > 0))
                throw new ArgumentException(
                    $"Entry {i}: C − Δ = {Check.Num(ceiling)} − {Check.Num(excess[i])} = {Check.Num(f[i])}; fitness must be positive, so C must exceed every excess.",
                    nameof(ceiling));
        }
        return f;
    }
}
