using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Populations;

/// <summary>
/// Mutation of an organism's weights: independent Gaussian noise N(0, σ²) added to every parameter (the paper's Exp3:
/// σ = 0.001 on every weight; spec <c>task-ecologies.md</c> §3.6, §4.13 <c>MutateWeights</c>), drawn from a managed
/// generator seeded explicitly (never libtorch's global generator), so the noise is the same on every machine and thread.
/// </summary>
public static class WeightNoise
{
    /// <summary>
    /// Adds σ·z to every parameter of <paramref name="model"/> in place, z standard normal from Box–Muller over
    /// <c>new Random(seed)</c>, parameters in <c>named_parameters</c> order, elements in row-major order. σ = 0 leaves the
    /// weights exactly unchanged.
    /// </summary>
    public static void Apply(Transformer model, double sigma, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!double.IsFinite(sigma) || sigma < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"The weight-noise σ is {sigma}; expected a finite value ≥ 0.");
        if (sigma == 0) return;
        var rng = new Random(seed);
        using var noGrad = torch.no_grad();
        // An explicit alpha kept alive until libtorch has read it (TorchSharp's add_(other) passes an implicit, finalizable
        // int 1 that a collection on another thread could free mid-call); the same int 1, so the same bits.
        using var one = 1.ToScalar();
        foreach (var (_, p) in model.named_parameters())
        {
            var values = new float[p.numel()];
            for (int i = 0; i < values.Length; i += 2)
            {
                var (z0, z1) = Gaussian.Pair(rng);
                values[i] = (float)(sigma * z0);
                if (i + 1 < values.Length) values[i + 1] = (float)(sigma * z1);
            }
            using var noise = torch.tensor(values, p.shape, device: p.device);
            p.add_(noise, one);
        }
    }

    /// <summary>
    /// The mutated trait clamp(α + σ·z) with z standard normal from <c>new Random(seed)</c> (Box–Muller); σ = 0 returns α.
    /// </summary>
    public static double MutateTrait(double trait, double sigma, int seed, TraitRange clamp)
    {
        ArgumentNullException.ThrowIfNull(clamp);
        if (!double.IsFinite(sigma) || sigma < 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"The trait-noise σ is {sigma}; expected a finite value ≥ 0.");
        if (sigma == 0) return clamp.Clamp(trait);
        return clamp.Clamp(trait + (sigma * Gaussian.Pair(new Random(seed)).Z0));
    }
}
