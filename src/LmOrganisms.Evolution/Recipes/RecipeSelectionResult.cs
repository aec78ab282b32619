namespace LmOrganisms.Evolution;

/// <summary>
/// Recipe-trait selection over one generation (Prop 75): frequencies x over recipes r with heritable trait α(r) ∈ [0, 1]
/// and fitness f(r).
/// </summary>
/// <param name="MeanTrait">ᾱ = Σ_r x_r α_r.</param>
/// <param name="MeanFitness">f̄ = Σ_r x_r f_r.</param>
/// <param name="Covariance">Cov_x(f, α) = Σ_r x_r (f_r − f̄)(α_r − ᾱ).</param>
/// <param name="SelectedMeanTrait">ᾱ_sel = Σ_r x_r f_r α_r / Σ_r x_r f_r, the mean trait of fitness-weighted parents,
/// computed directly.</param>
/// <remarks>Spec <c>task-ecologies.md</c> §1.13 (Prop 75: ᾱ_sel − ᾱ = Cov_x(f, α)/f̄) and §4.10 (<c>RecipeSelectedMean</c>).</remarks>
public sealed record RecipeSelectionResult(double MeanTrait, double MeanFitness, double Covariance, double SelectedMeanTrait)
{
    /// <summary>The selection shift Cov_x(f, α)/f̄ (Prop 75); equals <see cref="SelectedMeanTrait"/> − <see cref="MeanTrait"/>.</summary>
    public double Shift => Covariance / MeanFitness;
}
