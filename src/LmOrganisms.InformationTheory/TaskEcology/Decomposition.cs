using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// The exact decomposition of the Bayes loss of an encoding (task-ecology paper Thm 8), all in nats:
/// <c>BayesLoss = Floor + JsExcess</c>, where <see cref="Excess"/> = BayesLoss − Floor is computed independently.
/// </summary>
/// <param name="Partition">The encoding's canonical partition of the worlds.</param>
/// <param name="BayesLoss">L*_D(p) = H(Y | C, X), the loss of the Bayes decoder (cell-average laws).</param>
/// <param name="Floor">The irreducible floor H(Y | C, W).</param>
/// <param name="JsExcess">E_c Σₓ πₓ JS_{αₓ}({P_w(·|c)}_{w∈Cₓ}), the Jensen–Shannon excess.</param>
/// <param name="Complexity">H(p(W)) = −Σₓ πₓ ln πₓ, the representational complexity (§1.9).</param>
public sealed record Decomposition(int[] Partition, double BayesLoss, double Floor, double JsExcess, double Complexity)
{
    /// <summary>Δ_D(p) = L*_D(p) − H(Y | C, W) ≥ 0, equal to <see cref="JsExcess"/> up to rounding (Thm 8).</summary>
    public double Excess => BayesLoss - Floor;

    /// <summary>The penalised objective J = L* + β·H(p(W)) at the given β (Def 53).</summary>
    public double Objective(double beta) => BayesLoss + beta * Complexity;
}
