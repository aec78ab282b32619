using LmOrganisms.Ecology;
using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// Selection on a heritable recipe trait α ∈ [0, 1] (the injection weight of an evaluation ecology in a training recipe,
/// the two-ecology rescue of the task-ecology paper).
/// </summary>
/// <remarks>Task-ecology paper, Sec. 5.3 and App. D (Prop 75, Lemma 76); spec <c>task-ecologies.md</c> §1.13, §3.8–3.9
/// (Exp6/Exp7 populations) and §4.10.</remarks>
public static class RecipeSelection
{
    /// <summary>
    /// Mean trait, mean fitness, covariance and the fitness-weighted (selected-parent) mean trait of a recipe population
    /// (Prop 75: ᾱ_sel − ᾱ = Cov_x(f, α)/f̄).
    /// </summary>
    public static RecipeSelectionResult Select(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> traits, ReadOnlySpan<double> fitness)
    {
        Check.Frequencies(frequencies, "recipe frequencies", nameof(frequencies));
        Check.SameLength(frequencies.Length, traits.Length, "recipe traits", nameof(traits));
        Check.SameLength(frequencies.Length, fitness.Length, "recipe fitness values", nameof(fitness));
        ValidateTraits(traits, nameof(traits));
        Check.Fitness(fitness, "recipe fitness values", nameof(fitness));
        double aBar = 0, fBar = 0, weighted = 0;
        for (int r = 0; r < frequencies.Length; r++)
        {
            aBar += frequencies[r] * traits[r];
            fBar += frequencies[r] * fitness[r];
            weighted += frequencies[r] * fitness[r] * traits[r];
        }
        if (!(fBar > 0))
            throw new ArgumentException("The mean recipe fitness is 0; expected a positive value.", nameof(fitness));
        double cov = 0;
        for (int r = 0; r < frequencies.Length; r++)
            cov += frequencies[r] * (fitness[r] - fBar) * (traits[r] - aBar);
        return new RecipeSelectionResult(aBar, fBar, cov, weighted / fBar);
    }

    /// <summary>
    /// <see cref="Select(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> for a population of K
    /// individuals with equal weight (as in the paper's Exp6/Exp7 populations: ᾱ_sel = Σ f α / Σ f).
    /// </summary>
    public static RecipeSelectionResult Select(ReadOnlySpan<double> traits, ReadOnlySpan<double> fitness)
        => Select(Price.UniformFrequencies(traits.Length), traits, fitness);

    /// <summary>
    /// One Wright–Fisher generation of recipe traits as in the paper's Exp6/Exp7: as many children as individuals, each
    /// with a parent drawn ∝ fitness and trait α_child = clamp(α_parent + σ N(0, 1), 0, 1) (the clamp is the paper's
    /// mutation model). Reproducible for a seed.
    /// </summary>
    public static double[] NextGeneration(ReadOnlySpan<double> traits, ReadOnlySpan<double> fitness, double mutationSd, int seed)
    {
        ValidateTraits(traits, nameof(traits));
        Check.SameLength(traits.Length, fitness.Length, "recipe fitness values", nameof(fitness));
        if (!double.IsFinite(mutationSd) || mutationSd < 0)
            throw new ArgumentOutOfRangeException(nameof(mutationSd), mutationSd, $"The mutation sd is {Check.Num(mutationSd)}; expected a finite non-negative value.");
        var cumulative = WrightFisher.Cumulative(fitness, nameof(fitness));
        var rng = new Random(seed);
        var children = new double[traits.Length];
        for (int k = 0; k < children.Length; k++)
        {
            int parent = WrightFisher.Draw(cumulative, rng);
            children[k] = Math.Clamp(traits[parent] + (mutationSd * Gaussian.Pair(rng).Z0), 0, 1);
        }
        return children;
    }

    private static void ValidateTraits(ReadOnlySpan<double> traits, string paramName)
    {
        if (traits.Length == 0) throw new ArgumentException("The recipe traits are empty; at least one recipe is required.", paramName);
        for (int r = 0; r < traits.Length; r++)
            if (!(traits[r] >= 0 && traits[r] <= 1))
                throw new ArgumentException($"Trait α of recipe {r} is {Check.Num(traits[r])}; expected a value in [0, 1].", paramName);
    }
}
