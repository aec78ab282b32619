namespace LmOrganisms.Evolution;

/// <summary>
/// Price decomposition of the change in a trait mean over one generation:
/// <c>Δz̄ = Cov_x(w, z)/w̄ + E_x[w δz]/w̄</c> (selection term + transmission term).
/// </summary>
/// <param name="MeanTrait">Parent mean trait z̄ = Σᵢ xᵢ zᵢ.</param>
/// <param name="MeanFitness">Mean fitness w̄ = Σᵢ xᵢ wᵢ.</param>
/// <param name="Covariance">Cov_x(w, z) = Σᵢ xᵢ (wᵢ − w̄)(zᵢ − z̄) (frequency-weighted, population covariance).</param>
/// <param name="Selection">Selection term Cov_x(w, z)/w̄: the change made by selection alone (Δz̄_sel).</param>
/// <param name="Transmission">Transmission term E_x[w δz]/w̄ = Σᵢ xᵢ wᵢ (z'ᵢ − zᵢ)/w̄.</param>
/// <param name="OffspringMeanTrait">Offspring mean trait z̄' = Σᵢ xᵢ wᵢ z'ᵢ / w̄, computed directly.</param>
/// <remarks>
/// Task-ecology paper, Sec. 5 (companion-paper Price equation <c>w̄ Δz̄ = Cov_x(w, z) + E_x[w δz]</c>); spec
/// <c>task-ecologies.md</c> §1.12 and §4.10 (<c>PriceTerms</c>). <see cref="Change"/> is computed directly from the
/// offspring mean, so <c>Change − (Selection + Transmission)</c> measures how exactly the identity holds numerically.
/// </remarks>
public sealed record PriceDecomposition(
    double MeanTrait, double MeanFitness, double Covariance, double Selection, double Transmission, double OffspringMeanTrait)
{
    /// <summary>The change in the trait mean Δz̄ = z̄' − z̄, computed directly (not as the sum of the two terms).</summary>
    public double Change => OffspringMeanTrait - MeanTrait;
}
