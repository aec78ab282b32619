using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Exact probabilities over all datasets of n iid samples (w, c, v) ∼ π × D_C × P_w(·|c) of a tiny ecology
/// (task-ecology paper Thm 36, Cor 38; spec §3.10 "finite-class theorem by exhaustive enumeration"). The empirical
/// oracle loss of an encoding p is L̄_n(p) = (1/n) Σ_t −ln q*_p(v_t | p(w_t), c_t) with q*_p its Bayes decoder.
/// </summary>
public static class DatasetEnumeration
{
    /// <summary>The largest number of datasets (outcomes^n) these functions will enumerate.</summary>
    public const long MaxDatasets = 5_000_000;

    /// <summary>P(|L̄_n(p) − L*_D(p)| &gt; η), exactly.</summary>
    public static double DeviationProbability(FiniteEcology ecology, ReadOnlySpan<int> labels, int n, double eta)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        var (prob, losses) = Outcomes(ecology, [canon]);
        double target = ecology.BayesLoss(canon), total = 0;
        Enumerate(prob, n, (p, idx) =>
        {
            double mean = 0;
            foreach (int o in idx) mean += losses[0][o];
            if (Math.Abs(mean / n - target) > eta) total += p;
        });
        return total;
    }

    /// <summary>
    /// The probability that some ε_opt-approximate empirical risk minimiser over the candidate encodings merges a
    /// separated pair (is not ecologically veridical), exactly: for each dataset, failure when any candidate with
    /// L̄_n ≤ min L̄_n + ε_opt is non-veridical.
    /// </summary>
    public static double FailureProbability(FiniteEcology ecology, IReadOnlyList<int[]> candidates, int n, double epsilonOpt = 0)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) throw new ArgumentException("No candidate encodings given.", nameof(candidates));
        var canon = candidates.Select(c => SetPartition.Check(c, ecology.WorldCount, nameof(candidates))).ToArray();
        var veridical = canon.Select(c => !ecology.MergesSeparatedPair(c)).ToArray();
        var (prob, losses) = Outcomes(ecology, canon);
        double total = 0;
        var mean = new double[canon.Length];
        Enumerate(prob, n, (p, idx) =>
        {
            for (int k = 0; k < canon.Length; k++)
            {
                double s = 0;
                foreach (int o in idx) s += losses[k][o];
                mean[k] = s / n;
            }
            double min = mean.Min();
            for (int k = 0; k < canon.Length; k++)
                if (!veridical[k] && mean[k] <= min + epsilonOpt)
                {
                    total += p;
                    break;
                }
        });
        return total;
    }

    /// <summary>The largest single-sample loss −ln q*_p(v | x, c) over outcomes of positive probability: C_τ with τ = min q*.</summary>
    public static double MaxLoss(FiniteEcology ecology, ReadOnlySpan<int> labels)
    {
        var canon = SetPartition.Check(labels, ecology.WorldCount);
        return Outcomes(ecology, [canon]).Losses[0].Max();
    }

    private static (double[] Prob, double[][] Losses) Outcomes(FiniteEcology e, int[][] partitions)
    {
        var decoders = partitions.Select(p => e.BayesDecoder(p)).ToArray();
        var prob = new List<double>();
        var losses = partitions.Select(_ => new List<double>()).ToArray();
        for (int w = 0; w < e.WorldCount; w++)
            for (int c = 0; c < e.ContextCount; c++)
                for (int v = 0; v < e.VocabularySize; v++)
                {
                    double p = e.Priors[w] * e.ContextWeights[c] * e[w, c, v];
                    if (p <= 0) continue;
                    prob.Add(p);
                    for (int k = 0; k < partitions.Length; k++) losses[k].Add(-Math.Log(decoders[k][partitions[k][w]][c][v]));
                }
        return (prob.ToArray(), losses.Select(l => l.ToArray()).ToArray());
    }

    private static void Enumerate(double[] prob, int n, Action<double, int[]> visit)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The sample size n must be ≥ 1.");
        if (Math.Pow(prob.Length, n) > MaxDatasets)
            throw new ArgumentException($"{prob.Length}^{n} datasets exceed the enumeration limit of {MaxDatasets}.", nameof(n));
        var idx = new int[n];
        while (true)
        {
            double p = 1;
            foreach (int o in idx) p *= prob[o];
            visit(p, idx);
            int i = n - 1;
            while (i >= 0 && ++idx[i] == prob.Length) idx[i--] = 0;
            if (i < 0) return;
        }
    }
}
