namespace LmOrganisms.Evolution.Tests;

/// <summary>Reproducible random inputs for property tests.</summary>
internal static class RandomPopulations
{
    public static double[] Simplex(Random rng, int n)
    {
        var x = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i] = rng.NextDouble() + 0.01;
        for (int i = 0; i < n; i++) x[i] /= s;
        return x;
    }

    public static double[] Uniform(Random rng, int n, double lo, double hi)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = lo + ((hi - lo) * rng.NextDouble());
        return x;
    }

    public static double[][] StochasticRows(Random rng, int n)
    {
        var rows = new double[n][];
        for (int i = 0; i < n; i++) rows[i] = Simplex(rng, n);
        return rows;
    }
}
