using LmOrganisms.Evolution;
namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// One generation of the recipe-trait population of <see cref="RescueExperiment"/> (the paper's Exp6 population,
/// spec §3.8; Prop 75).
/// </summary>
/// <param name="Generation">1-based generation.</param>
/// <param name="Traits">α of every individual.</param>
/// <param name="SummaryCrossEntropy">Exact summary CE of every individual (its risk).</param>
/// <param name="Fitness">exp(−summary CE) of every individual.</param>
/// <param name="MeanTrait">ᾱ.</param>
/// <param name="SelectedMeanTrait">ᾱ_sel = Σ f α / Σ f (Prop 75: ᾱ_sel − ᾱ = Cov(f, α)/f̄).</param>
/// <param name="MeanSummaryCrossEntropy">Mean summary CE.</param>
internal sealed record RescueGeneration(int Generation, IReadOnlyList<double> Traits, IReadOnlyList<double> SummaryCrossEntropy,
    IReadOnlyList<double> Fitness, double MeanTrait, double SelectedMeanTrait, double MeanSummaryCrossEntropy);
