using System.Numerics.Tensors;
using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// The Price equation for a population of types with frequencies x, fitness w and trait z:
/// <c>w̄ Δz̄ = Cov_x(w, z) + E_x[w δz]</c>, with δzᵢ = z'ᵢ − zᵢ the change in trait between a parent of type i and
/// the mean of its offspring.
/// </summary>
/// <remarks>
/// Task-ecology paper, Sec. 5; spec <c>task-ecologies.md</c> §1.12 ("Price") and §4.10 (<c>PriceTerms</c>). Covariances
/// are population (frequency-weighted, 1/K for a uniform population of K members), as in the paper's Exp3.
/// </remarks>
public static class Price
{
    /// <summary>
    /// The full Price decomposition of one generation: parent frequencies <paramref name="frequencies"/>, fitness
    /// <paramref name="fitness"/> (proportional to expected offspring), parent traits <paramref name="traits"/> and mean
    /// offspring traits <paramref name="offspringTraits"/>. The offspring population has frequencies ∝ xᵢ wᵢ.
    /// </summary>
    public static PriceDecomposition Decompose(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness,
        ReadOnlySpan<double> traits, ReadOnlySpan<double> offspringTraits)
    {
        ValidateCore(frequencies, fitness, traits);
        Check.SameLength(frequencies.Length, offspringTraits.Length, "offspring traits", nameof(offspringTraits));
        Check.Finite(offspringTraits, "offspring traits", nameof(offspringTraits));
        double wBar = TensorPrimitives.Dot(frequencies, fitness);
        double zBar = TensorPrimitives.Dot(frequencies, traits);
        double cov = 0, transmission = 0, offspring = 0;
        for (int i = 0; i < frequencies.Length; i++)
        {
            double xw = frequencies[i] * fitness[i];
            cov += frequencies[i] * (fitness[i] - wBar) * (traits[i] - zBar);
            transmission += xw * (offspringTraits[i] - traits[i]);
            offspring += xw * offspringTraits[i];
        }
        return new PriceDecomposition(zBar, wBar, cov, cov / wBar, transmission / wBar, offspring / wBar);
    }

    /// <summary>
    /// <see cref="Decompose(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/>
    /// for a population of K equally frequent members (xᵢ = 1/K).
    /// </summary>
    public static PriceDecomposition Decompose(ReadOnlySpan<double> fitness, ReadOnlySpan<double> traits, ReadOnlySpan<double> offspringTraits)
        => Decompose(UniformFrequencies(fitness.Length), fitness, traits, offspringTraits);

    /// <summary>
    /// The selection term alone, Δz̄_sel = Cov_x(w, z)/w̄ (spec §1.12: "selection stage only"): the expected change in
    /// the trait mean when parents are drawn ∝ fitness and copied without change.
    /// </summary>
    public static double SelectionTerm(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness, ReadOnlySpan<double> traits)
    {
        ValidateCore(frequencies, fitness, traits);
        double wBar = TensorPrimitives.Dot(frequencies, fitness);
        double zBar = TensorPrimitives.Dot(frequencies, traits);
        double cov = 0;
        for (int i = 0; i < frequencies.Length; i++)
            cov += frequencies[i] * (fitness[i] - wBar) * (traits[i] - zBar);
        return cov / wBar;
    }

    /// <summary>The selection term for a uniform population of K members (xᵢ = 1/K).</summary>
    public static double SelectionTerm(ReadOnlySpan<double> fitness, ReadOnlySpan<double> traits)
        => SelectionTerm(UniformFrequencies(fitness.Length), fitness, traits);

    internal static double[] UniformFrequencies(int n)
    {
        if (n == 0) throw new ArgumentException("The population is empty; at least one member is required.", "fitness");
        var x = new double[n];
        Array.Fill(x, 1.0 / n);
        return x;
    }

    private static void ValidateCore(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness, ReadOnlySpan<double> traits)
    {
        Check.Frequencies(frequencies, "frequencies", nameof(frequencies));
        Check.SameLength(frequencies.Length, fitness.Length, "fitness values", nameof(fitness));
        Check.SameLength(frequencies.Length, traits.Length, "traits", nameof(traits));
        Check.Fitness(fitness, "fitness values", nameof(fitness));
        Check.Finite(traits, "traits", nameof(traits));
        double wBar = TensorPrimitives.Dot(frequencies, fitness);
        if (!(wBar > 0))
            throw new ArgumentException($"The mean fitness is {Check.Num(wBar)}; expected a positive value.", nameof(fitness));
    }
}
