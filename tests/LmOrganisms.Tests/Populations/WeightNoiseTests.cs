using LmOrganisms.Populations;
using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Tests;

public sealed class WeightNoiseTests
{
    [Test]
    public void NoiseHasMeanZeroAndTheRequestedStandardDeviation()
    {
        var config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 32, heads: 4, contextLength: 8);
        using var model = Transformer.Create(config, seed: 1);
        var before = TinyPopulation.Weights(model);
        const double sigma = 0.01;
        WeightNoise.Apply(model, sigma, seed: 5);
        var after = TinyPopulation.Weights(model);
        int n = before.Length;
        Assert.That(n, Is.GreaterThan(10_000));
        var d = before.Select((w, i) => (double)after[i] - w).ToArray();
        double mean = d.Average();
        double sd = Math.Sqrt(d.Sum(x => x * x) / n);
        // Standard errors of the mean (σ/√n) and of the rms (σ/√(2n)) of Gaussian noise; 5 of them.
        Assert.That(mean, Is.EqualTo(0).Within(5 * sigma / Math.Sqrt(n)));
        Assert.That(sd, Is.EqualTo(sigma).Within(5 * sigma / Math.Sqrt(2.0 * n)));
        Assert.That(d.All(x => x != 0), "every parameter is perturbed");
    }

    [Test]
    public void NoiseIsAFunctionOfTheSeedAndZeroSigmaChangesNothing()
    {
        var config = TinyPopulation.Config;
        using var a = Transformer.Create(config, seed: 2);
        using var b = Transformer.Create(config, seed: 2);
        var original = TinyPopulation.Weights(a);
        WeightNoise.Apply(a, 0, seed: 1);
        Assert.That(TinyPopulation.Weights(a), Is.EqualTo(original));
        WeightNoise.Apply(a, 0.001, seed: 3);
        WeightNoise.Apply(b, 0.001, seed: 3);
        Assert.That(TinyPopulation.Weights(a), Is.EqualTo(TinyPopulation.Weights(b)));
        using var c = Transformer.Create(config, seed: 2);
        WeightNoise.Apply(c, 0.001, seed: 4);
        Assert.That(TinyPopulation.Weights(c), Is.Not.EqualTo(TinyPopulation.Weights(a)));
    }

    [Test]
    public void TraitMutationIsClamped()
    {
        var range = new TraitRange(0.2, 0.3);
        var traits = Enumerable.Range(0, 200).Select(s => WeightNoise.MutateTrait(0.25, 1, s, range)).ToArray();
        Assert.That(traits, Has.All.InRange(0.2, 0.3));
        Assert.That(traits, Does.Contain(0.2).And.Contain(0.3));
        Assert.That(WeightNoise.MutateTrait(0.25, 0, 7, range), Is.EqualTo(0.25));
        // Small noise: mean of the increments ≈ 0, rms ≈ σ (200 draws, 5 standard errors).
        var inc = Enumerable.Range(0, 200).Select(s => WeightNoise.MutateTrait(0.5, 0.01, s, TraitRange.Unit) - 0.5).ToArray();
        Assert.That(inc.Average(), Is.EqualTo(0).Within(5 * 0.01 / Math.Sqrt(200)));
        Assert.That(Math.Sqrt(inc.Average(x => x * x)), Is.EqualTo(0.01).Within(5 * 0.01 / Math.Sqrt(400)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightNoise.MutateTrait(0.5, -1, 0, range));
    }
}
