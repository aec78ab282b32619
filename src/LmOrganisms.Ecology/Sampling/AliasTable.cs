namespace LmOrganisms.Ecology;

/// <summary>Vose's alias method: O(n) construction, O(1) draws from a discrete law with one uniform variate.</summary>
internal sealed class AliasTable
{
    private readonly double[] threshold;
    private readonly int[] alias;

    public AliasTable(double[] probabilities)
    {
        int n = probabilities.Length;
        if (n == 0) throw new ArgumentException("Cannot sample from an empty distribution.", nameof(probabilities));
        double total = probabilities.Sum();
        threshold = new double[n];
        alias = new int[n];
        var scaled = probabilities.Select(p => p * n / total).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            threshold[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        while (large.Count > 0) { int l = large.Pop(); threshold[l] = 1; alias[l] = l; }
        while (small.Count > 0) { int s = small.Pop(); threshold[s] = 1; alias[s] = s; }
    }

    public int Draw(Random rng)
    {
        double u = rng.NextDouble() * threshold.Length;
        int i = (int)u;
        if (i >= threshold.Length) i = threshold.Length - 1;
        return u - i < threshold[i] ? i : alias[i];
    }
}
