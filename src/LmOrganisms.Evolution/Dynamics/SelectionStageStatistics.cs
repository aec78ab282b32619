namespace LmOrganisms.Evolution;

/// <summary>
/// Exact conditional moments of the selection stage of a Wright–Fisher generation: K parents drawn with replacement
/// ∝ fitness from a population of K members with risks Rᵢ (any trait), Δ_sel = R̄_sel − R̄.
/// </summary>
/// <param name="MeanRisk">R̄ = (1/K) Σᵢ Rᵢ, the population mean before selection.</param>
/// <param name="MeanFitness">w̄ = (1/K) Σᵢ wᵢ.</param>
/// <param name="Covariance">Cov(w, R) = (1/K) Σᵢ (wᵢ − w̄)(Rᵢ − R̄) (population covariance).</param>
/// <param name="ExpectedChange">E[Δ_sel] = Cov(w, R)/w̄ = E_p[R] − R̄ with pᵢ = wᵢ/Σw (the Price selection term).</param>
/// <param name="ExpectedSelectedMean">E[R̄_sel] = E_p[R] = Σᵢ pᵢ Rᵢ.</param>
/// <param name="StandardDeviation">Exact sd of Δ_sel: sqrt(Var_p(R)/K_selected).</param>
/// <param name="SelectedCount">K_selected, the number of parents drawn.</param>
/// <remarks>Task-ecology paper, Sec. 5 and Exp3; spec <c>task-ecologies.md</c> §3.6 ("Selection-stage diagnostic") and §4.10
/// (<c>SelectionStageStats</c>).</remarks>
public sealed record SelectionStageStatistics(
    double MeanRisk, double MeanFitness, double Covariance, double ExpectedChange, double ExpectedSelectedMean,
    double StandardDeviation, int SelectedCount)
{
    /// <summary>The normal-approximation 95% half width, 1.96 sd (spec §3.6).</summary>
    public const double BandMultiplier = 1.96;

    /// <summary>Lower end of the 95% band: expected − 1.96 sd.</summary>
    public double Lower95 => ExpectedChange - (BandMultiplier * StandardDeviation);

    /// <summary>Upper end of the 95% band: expected + 1.96 sd.</summary>
    public double Upper95 => ExpectedChange + (BandMultiplier * StandardDeviation);

    /// <summary>True when the sd is positive, so that a z-score is defined (it is 0 when all risks are equal).</summary>
    public bool HasSpread => StandardDeviation > 0;

    /// <summary>
    /// z = (Δ_sel − expected)/sd for an observed selection-stage change (spec §3.6).
    /// </summary>
    /// <exception cref="InvalidOperationException">The sd is 0 (every member has the same risk or all fitness sits on
    /// members with equal risk), so z is undefined.</exception>
    public double ZScore(double observedChange)
    {
        if (!HasSpread)
            throw new InvalidOperationException("The selection-stage standard deviation is 0 (all selectable members have equal risk); the z-score is undefined.");
        return (observedChange - ExpectedChange) / StandardDeviation;
    }

    /// <summary>True when the observed change lies in the closed 95% band [Lower95, Upper95].</summary>
    public bool Covers(double observedChange) => observedChange >= Lower95 && observedChange <= Upper95;
}
