using System.Numerics.Tensors;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Entropies of a single finite distribution, in nats (bits: <see cref="Units.ToBits(double)"/>).
/// Convention 0·ln 0 = 0. Inputs must be distributions (entries ≥ 0 summing to 1 within 1e-9); anything else throws
/// an <see cref="ArgumentException"/> naming the bad entry.
/// </summary>
public static class Entropy
{
    /// <summary>Shannon entropy H(p) = −Σ p(x) ln p(x), in nats (task-ecology paper §1.4; spec §4.1 <c>Entropy</c>).</summary>
    public static double Shannon(ReadOnlySpan<double> p)
    {
        Laws.Check(p, nameof(p));
        return -Laws.XLogX(p);
    }

    /// <summary>Binary entropy h(λ) = −λ ln λ − (1 − λ) ln(1 − λ), in nats (task-ecology paper Thm 55), λ ∈ [0, 1].</summary>
    public static double Binary(double lambda)
    {
        if (!double.IsFinite(lambda) || lambda < 0 || lambda > 1)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"lambda = {Laws.Num(lambda)} must lie in [0, 1].");
        double s = 0;
        if (lambda > 0) s -= lambda * Math.Log(lambda);
        if (lambda < 1) s -= (1 - lambda) * Math.Log(1 - lambda);
        return s;
    }


    /// <summary>
    /// Brier (quadratic) entropy H_Brier(p) = 1 − ‖p‖², the generalised entropy of the Brier score
    /// <c>1 + ‖q‖² − 2⟨p, q⟩</c> (task-ecology spec §3.10, Brier analogue of Thm 8). Equals the Gini–Simpson index.
    /// </summary>
    public static double Brier(ReadOnlySpan<double> p)
    {
        Laws.Check(p, nameof(p));
        return 1 - TensorPrimitives.Dot(p, p);
    }

    /// <summary>
    /// Rényi entropy of order a, H_a(p) = ln(Σ p^a) / (1 − a), in nats; a = 1 gives Shannon, a = 0 the log of the
    /// support size, a = +∞ the min-entropy −ln max p.
    /// </summary>
    public static double Renyi(ReadOnlySpan<double> p, double order)
    {
        Laws.Check(p, nameof(p));
        if (double.IsNaN(order) || order < 0)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The Rényi order {Laws.Num(order)} must be ≥ 0.");
        if (order == 1) return -Laws.XLogX(p);
        if (double.IsPositiveInfinity(order)) return -Math.Log(TensorPrimitives.Max(p));
        double s = 0;
        for (int i = 0; i < p.Length; i++)
            if (p[i] > 0) s += Math.Pow(p[i], order);
        return Math.Log(s) / (1 - order);
    }
}
