namespace LmOrganisms.Ecology;

/// <summary>
/// Normal draws from a seeded managed generator (<see cref="Random"/>), the one Gaussian sampler of the library (model
/// initialisation, weight and trait mutation): reproducible bit for bit on every machine, never libtorch's global
/// generator.
/// </summary>
public static class Gaussian
{
    /// <summary>
    /// Box–Muller: two independent N(0, σ²) draws <c>(σ r cos 2πu₂, σ r sin 2πu₂)</c>, <c>r = √(−2 ln u₁)</c>, from two
    /// uniforms of <paramref name="rng"/>, u₁ in (0, 1] (1 − U avoids ln 0) then u₂ in [0, 1). Evaluated as
    /// <c>(σ · r) · cos(2πu₂)</c>, so σ = 1 gives the standard pair exactly.
    /// </summary>
    /// <param name="rng">The generator; two uniforms are drawn.</param>
    /// <param name="scale">σ ≥ 0 (not checked; 1 for standard normals).</param>
    public static (double Z0, double Z1) Pair(Random rng, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        return (scale * r * Math.Cos(2 * Math.PI * u2), scale * r * Math.Sin(2 * Math.PI * u2));
    }
}
