using LmOrganisms.Ecology;

namespace LmOrganisms.InformationTheory.Tests;

/// <summary>Test ecologies: hand-made ones from the spec and seeded random ones (spec §3.10 sizes).</summary>
internal static class Eco
{
    public static FiniteEcology Make(double[] priors, double[] weights, double[][][] next) =>
        FiniteEcology.Create(
            priors.Select((_, i) => $"w{i}").ToArray(), priors,
            weights.Select((_, i) => $"c{i}").ToArray(), weights,
            next[0][0].Select((_, i) => $"v{i}").ToArray(), next);

    public static double[] Normalised(Random rng, int n, double floor = 0)
    {
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() + floor).ToArray();
        double s = x.Sum();
        return x.Select(v => v / s).ToArray();
    }

    /// <summary>kind 0: random; 1: world 1 copies world 0 on all contexts; 2: world 1 differs from world 0 only on context 0.</summary>
    public static FiniteEcology Random(int seed, int worlds, int contexts, int tokens, int kind = 0)
    {
        var rng = new Random(seed);
        var next = new double[worlds][][];
        for (int w = 0; w < worlds; w++)
            next[w] = Enumerable.Range(0, contexts).Select(_ => Normalised(rng, tokens, 1e-6)).ToArray();
        if (kind == 1) next[1] = next[0].Select(r => (double[])r.Clone()).ToArray();
        if (kind == 2)
            for (int c = 1; c < contexts; c++) next[1][c] = (double[])next[0][c].Clone();
        return Make(Normalised(rng, worlds, 0.05), Normalised(rng, contexts, 0.05), next);
    }

    /// <summary>The spec §3.10 suite, doubled: 5 sizes × (40 random + 10 merged-pair + 10 partial-separation) = 300 ecologies.</summary>
    public static IEnumerable<FiniteEcology> Suite()
    {
        int[][] sizes = [[3, 2, 2], [3, 3, 3], [4, 2, 2], [4, 3, 3], [5, 2, 2]];
        int seed = 1000;
        foreach (var s in sizes)
            for (int i = 0; i < 60; i++)
                yield return Random(seed++, s[0], s[1], s[2], i < 40 ? 0 : i < 50 ? 1 : 2);
    }

    public static double[] Delta(int n, int i)
    {
        var d = new double[n];
        d[i] = 1;
        return d;
    }
}
