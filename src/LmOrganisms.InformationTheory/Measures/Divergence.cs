using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Divergences between finite distributions over the same support, in nats. Convention 0·ln 0 = 0; a divergence
/// whose support condition fails is +∞ (never clamped). Inputs must be distributions.
/// </summary>
public static class Divergence
{
    /// <summary>
    /// Kullback–Leibler divergence KL(p‖q) = Σ p ln(p/q), in nats; +∞ when supp p ⊄ supp q
    /// (task-ecology paper §1.4; spec §4.1 <c>KL</c>).
    /// </summary>
    public static double KullbackLeibler(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Laws.CheckPair(p, q);
        return KullbackLeiblerUnchecked(p, q);
    }

    internal static double KullbackLeiblerUnchecked(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0) continue;
            if (q[i] <= 0) return double.PositiveInfinity;
            s += p[i] * Math.Log(p[i] / q[i]);
        }
        return s;
    }

    /// <summary>Cross-entropy CE(p, q) = −Σ p ln q = H(p) + KL(p‖q), in nats; +∞ when supp p ⊄ supp q.</summary>
    public static double CrossEntropy(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Laws.CheckPair(p, q);
        return CrossEntropyUnchecked(p, q);
    }

    internal static double CrossEntropyUnchecked(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double kl = KullbackLeiblerUnchecked(p, q);
        return double.IsPositiveInfinity(kl) ? kl : kl - Laws.XLogX(p);
    }

    /// <summary>
    /// Squared Hellinger distance H²(p, q) = ½ Σ (√p − √q)², in [0, 1]; 1 exactly for disjoint supports
    /// (task-ecology paper §1.5 task distance; spec §4.1 <c>Hellinger2</c>).
    /// </summary>
    public static double Hellinger2(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Laws.CheckPair(p, q);
        return Hellinger2Unchecked(p, q);
    }

    internal static double Hellinger2Unchecked(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = Math.Sqrt(p[i]) - Math.Sqrt(q[i]);
            s += d * d;
        }
        return 0.5 * s;
    }

    /// <summary>Total variation distance TV(p, q) = ½ Σ |p − q|, in [0, 1].</summary>
    public static double TotalVariation(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Laws.CheckPair(p, q);
        double s = 0;
        for (int i = 0; i < p.Length; i++) s += Math.Abs(p[i] - q[i]);
        return 0.5 * s;
    }

    /// <summary>
    /// Rényi divergence of order a, D_a(p‖q) = ln(Σ p^a q^(1−a)) / (a − 1), in nats; a = 1 gives KL, a = ½ gives
    /// −2 ln Σ √(pq). +∞ when a ≥ 1 and supp p ⊄ supp q, or when a &lt; 1 and the supports are disjoint.
    /// </summary>
    public static double Renyi(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double order)
    {
        Laws.CheckPair(p, q);
        return RenyiUnchecked(p, q, order);
    }

    internal static double RenyiUnchecked(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double order)
    {
        if (double.IsNaN(order) || order <= 0 || double.IsInfinity(order))
            throw new ArgumentOutOfRangeException(nameof(order), order, $"The Rényi order {Laws.Num(order)} must be finite and > 0.");
        if (order == 1) return KullbackLeiblerUnchecked(p, q);
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] <= 0) continue;
            if (q[i] <= 0)
            {
                if (order > 1) return double.PositiveInfinity;
                continue;
            }
            s += Math.Pow(p[i], order) * Math.Pow(q[i], 1 - order);
        }
        return s <= 0 ? double.PositiveInfinity : Math.Log(s) / (order - 1);
    }

    /// <summary>
    /// Rényi divergence of order ½, D_½(p‖q) = −2 ln Σ √(p q) = −2 ln(1 − H²(p, q)), in nats; H² ≤ D_½ ≤ KL
    /// (task-ecology paper §1.5, Rem 13; spec §4.1 <c>RenyiHalf</c>).
    /// </summary>
    public static double RenyiHalf(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Laws.CheckPair(p, q);
        double s = 0;
        for (int i = 0; i < p.Length; i++) s += Math.Sqrt(p[i] * q[i]);
        return s <= 0 ? double.PositiveInfinity : -2 * Math.Log(s);
    }

    /// <summary>
    /// Two-law Jensen–Shannon divergence with weights (λ, 1 − λ): H(m) − λH(p) − (1−λ)H(q) with m = λp + (1−λ)q, in
    /// nats (task-ecology paper Thm 8, two-distribution case), computed in the equal KL form λ KL(p ‖ m) + (1−λ) KL(q ‖ m),
    /// which keeps its relative precision for nearly equal laws (the regime of separation thresholds). λ = ½ (default)
    /// gives the symmetric JS, at most ln 2: the behavioural distance between worlds (task-ecology spec §3.2).
    /// </summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double lambda = 0.5)
    {
        Laws.CheckPair(p, q);
        if (!double.IsFinite(lambda) || lambda < 0 || lambda > 1)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"lambda = {Laws.Num(lambda)} must lie in [0, 1].");
        return JensenShannonUnchecked(p, q, lambda);
    }

    internal static double JensenShannonUnchecked(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double lambda)
    {
        double toP = 0, toQ = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double m = lambda * p[i] + (1 - lambda) * q[i];
            if (p[i] > 0) toP += p[i] * Math.Log(p[i] / m);
            if (q[i] > 0) toQ += q[i] * Math.Log(q[i] / m);
        }
        return Math.Max(0, lambda * toP + (1 - lambda) * toQ);
    }

    /// <summary>
    /// Weighted generalised Jensen–Shannon divergence, entropy form: JS_α({Pᵢ}) = H(Σ αᵢ Pᵢ) − Σ αᵢ H(Pᵢ), in nats
    /// (task-ecology paper Thm 8; spec §4.1 <c>WeightedJS</c>). Equals <see cref="JensenShannonKl"/>.
    /// </summary>
    /// <param name="laws">The distributions Pᵢ, all over the same support.</param>
    /// <param name="weights">The weights αᵢ, a distribution over the laws.</param>
    public static double JensenShannon(IReadOnlyList<double[]> laws, ReadOnlySpan<double> weights)
    {
        var mixture = CheckFamily(laws, weights);
        double s = -Laws.XLogX(mixture);
        for (int i = 0; i < laws.Count; i++)
            if (weights[i] > 0) s += weights[i] * Laws.XLogX(laws[i]);
        return Math.Max(0, s);
    }

    /// <summary>
    /// Weighted generalised Jensen–Shannon divergence, KL form: Σ αᵢ KL(Pᵢ ‖ Σ αⱼ Pⱼ), in nats
    /// (task-ecology paper Thm 8). Agrees with the entropy form <see cref="JensenShannon(IReadOnlyList{double[]}, ReadOnlySpan{double})"/>.
    /// </summary>
    public static double JensenShannonKl(IReadOnlyList<double[]> laws, ReadOnlySpan<double> weights)
    {
        var mixture = CheckFamily(laws, weights);
        double s = 0;
        for (int i = 0; i < laws.Count; i++)
            if (weights[i] > 0) s += weights[i] * KullbackLeiblerUnchecked(laws[i], mixture);
        return s;
    }

    private static double[] CheckFamily(IReadOnlyList<double[]> laws, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(laws);
        if (laws.Count == 0) throw new ArgumentException("The family of laws is empty.", nameof(laws));
        if (weights.Length != laws.Count)
            throw new ArgumentException($"There are {laws.Count} laws but {weights.Length} weights.", nameof(weights));
        Laws.Check(weights, nameof(weights));
        int n = laws[0]?.Length ?? 0;
        var mixture = new double[n];
        for (int i = 0; i < laws.Count; i++)
        {
            if (laws[i] is null || laws[i].Length != n)
                throw new ArgumentException($"Law {i} has {laws[i]?.Length ?? 0} entries, expected {n}.", nameof(laws));
            Laws.Check(laws[i], $"law {i}");
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(laws[i], weights[i], mixture, mixture);
        }
        return mixture;
    }
}
