namespace LmOrganisms.Evolution;

/// <summary>Standard normal draws from a seeded managed generator (never libtorch's global one).</summary>
internal static class Gaussian
{
    /// <summary>Box–Muller: two independent N(0, 1) draws from two uniforms, u1 in (0, 1] (1 − U avoids log 0) and u2 in
    /// [0, 1) (the same transform as the Transformers layer's seeded initialisation).</summary>
    public static (double Z0, double Z1) Pair(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
    }
}
