using LmOrganisms.Ecology;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Per-subset Bayes-loss shares of a finite ecology: for every non-empty set S of worlds (bit mask), its mass π_S and
/// its loss share π_S Σ_c d_c H(P̄_S(·|c)). L*(p) is the sum of the shares of p's cells, which makes the penalised
/// objective a sum of per-cell costs (task-ecology paper Def 53). Built by a depth-first walk that adds one world's
/// weighted laws at a time, so each subset costs one vector addition and one entropy.
/// </summary>
internal sealed class SubsetCosts
{
    public const int MaxWorlds = 20;

    public int Worlds { get; }
    public double[] Mass { get; }
    public double[] Loss { get; }

    public SubsetCosts(FiniteEcology ecology, CancellationToken cancellationToken = default)
    {
        int n = ecology.WorldCount;
        if (n > MaxWorlds)
            throw new ArgumentException($"The ecology has {n} worlds; subset tables are limited to {MaxWorlds} worlds.", nameof(ecology));
        Worlds = n;
        var live = Enumerable.Range(0, ecology.ContextCount).Where(c => ecology.ContextWeights[c] > 0).ToArray();
        int nv = ecology.VocabularySize, width = live.Length * nv;
        var weights = live.Select(c => ecology.ContextWeights[c]).ToArray();
        double weightSum = weights.Sum();
        var laws = new double[n][];
        for (int w = 0; w < n; w++)
        {
            laws[w] = new double[width];
            for (int k = 0; k < live.Length; k++)
                System.Numerics.Tensors.TensorPrimitives.Multiply(ecology.Next(w, live[k]), ecology.Priors[w], laws[w].AsSpan(k * nv, nv));
        }
        Mass = new double[1 << n];
        Loss = new double[1 << n];
        var buffers = new double[n + 1][];
        for (int i = 0; i <= n; i++) buffers[i] = new double[width];
        var priors = ecology.Priors;
        var mass = Mass;
        var loss = Loss;

        void Visit(int from, int mask, int depth, double m)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var acc = buffers[depth];
            var next = buffers[depth + 1];
            for (int w = from; w < n; w++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(acc, laws[w], next);
                int s = mask | (1 << w);
                double ms = m + priors[w];
                double share = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    double h = 0;
                    var row = next.AsSpan(k * nv, nv);
                    for (int v = 0; v < row.Length; v++)
                    {
                        double x = row[v];
                        if (x > 0) h -= x * Math.Log(x);
                    }
                    share += weights[k] * h;
                }
                mass[s] = ms;
                loss[s] = share + weightSum * ms * Math.Log(ms);
                if (w + 1 < n) Visit(w + 1, s, depth + 1, ms);
            }
        }

        Visit(0, 0, 0, 0);
    }

    /// <summary>L*(p) as the sum of the cell shares.</summary>
    public double BayesLoss(ReadOnlySpan<int> canonicalLabels)
    {
        Span<int> masks = stackalloc int[canonicalLabels.Length];
        double s = 0;
        foreach (int m in CellMasks(canonicalLabels, masks)) s += Loss[m];
        return s;
    }

    /// <summary>H(p(W)) from the cell masses.</summary>
    public double Complexity(ReadOnlySpan<int> canonicalLabels)
    {
        Span<int> masks = stackalloc int[canonicalLabels.Length];
        double s = 0;
        foreach (int m in CellMasks(canonicalLabels, masks)) s -= Mass[m] * Math.Log(Mass[m]);
        return s;
    }

    private static Span<int> CellMasks(ReadOnlySpan<int> canonicalLabels, Span<int> masks)
    {
        masks.Clear();
        int k = 0;
        for (int i = 0; i < canonicalLabels.Length; i++)
        {
            masks[canonicalLabels[i]] |= 1 << i;
            k = Math.Max(k, canonicalLabels[i] + 1);
        }
        return masks[..k];
    }
}
