using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// The split–merge quantities of two disjoint sets of worlds A, B (task-ecology paper Thm 55), in nats.
/// </summary>
/// <param name="PredictiveGain">Δ_pred(A, B) = E_{c∼D_C}[JS_λ(P̄_A(·|c), P̄_B(·|c))].</param>
/// <param name="Lambda">λ = π_A / (π_A + π_B).</param>
/// <param name="BinaryEntropy">h(λ), the complexity cost of the split per unit mass.</param>
/// <param name="Mass">π_S = π_A + π_B.</param>
public sealed record SplitGain(double PredictiveGain, double Lambda, double BinaryEntropy, double Mass)
{
    /// <summary>The threshold β*(A, B) = Δ_pred / h(λ): merging is (locally) preferred once β &gt; β*.</summary>
    public double BetaStar => PredictiveGain / BinaryEntropy;

    /// <summary>The split identity's right-hand side J(p) − J(p^{A|B}) = π_S (Δ_pred − β h(λ)) (Thm 55).</summary>
    public double ThresholdRhs(double beta) => Mass * (PredictiveGain - beta * BinaryEntropy);
}
