using LmOrganisms.Evolution;

namespace LmOrganisms.Populations;

/// <summary>
/// The record of generation g ≥ 1 of a population of organisms: the previous population (R̄, ᾱ, w̄), the Wright–Fisher
/// selection of K parents from it, the offspring after development and mutation, and the stage-wise changes of the mean
/// risk as spec <c>task-ecologies.md</c> §3.6 records them (risks in nats):
/// Δ_sel = R̄_sel − R̄, Δ_dev = R̄_dev − R̄_copy, Δ_mut = R̄' − R̄_dev. Heredity copies exactly, so R̄_copy = R̄_sel and
/// Δ_sel + Δ_dev + Δ_mut = R̄' − R̄ (the change of the mean risk between generations).
/// </summary>
/// <param name="Generation">g (1..G).</param>
/// <param name="Members">The offspring, member i descending from <see cref="ParentIndices"/>[i].</param>
/// <param name="ParentIndices">Indices (0..K−1, within the previous generation) of the K parents drawn with replacement ∝ fitness.</param>
/// <param name="PreviousMeanRisk">R̄ of the previous population.</param>
/// <param name="PreviousMeanTrait">ᾱ of the previous population.</param>
/// <param name="PreviousMeanFitness">w̄ of the previous population.</param>
/// <param name="SelectedMeanRisk">R̄_sel, the mean risk of the drawn parents (with multiplicity).</param>
/// <param name="SelectedMeanTrait">ᾱ_sel, the mean trait of the drawn parents.</param>
/// <param name="MeanRiskBeforeDevelopment">Mean risk of the copies, measured (R̄_copy).</param>
/// <param name="MeanRiskAfterDevelopment">R̄_dev.</param>
/// <param name="MeanRisk">R̄' of the offspring after mutation.</param>
/// <param name="MeanTrait">ᾱ' of the offspring after trait mutation.</param>
/// <param name="MeanFitness">w̄' of the offspring.</param>
/// <param name="SelectionChange">Δ_sel = R̄_sel − R̄.</param>
/// <param name="DevelopmentChange">Δ_dev = R̄_dev − R̄_copy.</param>
/// <param name="MutationChange">Δ_mut = R̄' − R̄_dev.</param>
/// <param name="Selection">Exact moments of Δ_sel given the previous population (<see cref="SelectionStage.Statistics"/>):
/// expected Cov(w, R)/w̄, sd √(Var_p(R)/K).</param>
/// <param name="ZScore">z = (Δ_sel − expected)/sd; null when sd = 0.</param>
/// <param name="MeanClasses">Mean number of induced classes k of the offspring; null without a partition function.</param>
/// <param name="MeanSeparatedPairs">Mean number of separated world pairs s of the offspring; null without a partition function.</param>
public sealed record GenerationRecord(
    int Generation, IReadOnlyList<MemberRecord> Members, IReadOnlyList<int> ParentIndices,
    double PreviousMeanRisk, double PreviousMeanTrait, double PreviousMeanFitness,
    double SelectedMeanRisk, double SelectedMeanTrait,
    double MeanRiskBeforeDevelopment, double MeanRiskAfterDevelopment, double MeanRisk, double MeanTrait, double MeanFitness,
    double SelectionChange, double DevelopmentChange, double MutationChange,
    SelectionStageStatistics Selection, double? ZScore, double? MeanClasses, double? MeanSeparatedPairs)
{
    /// <summary>Expected selection change E[Δ_sel] = Cov(w, R)/w̄ (population covariance).</summary>
    public double ExpectedSelectionChange => Selection.ExpectedChange;

    /// <summary>Exact sd of Δ_sel, √(Var_p(R)/K) with pᵢ = wᵢ/Σw.</summary>
    public double SelectionStandardDeviation => Selection.StandardDeviation;
}
