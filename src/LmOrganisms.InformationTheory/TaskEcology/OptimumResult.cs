using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>A minimiser of the penalised objective J_{D,β} (task-ecology paper Def 53), values in nats.</summary>
/// <param name="Beta">The simplicity pressure β.</param>
/// <param name="Partition">The optimal encoding (canonical labels).</param>
/// <param name="Objective">J = L* + β H(p(W)) at the optimum.</param>
/// <param name="BayesLoss">L*_D of the optimum.</param>
/// <param name="Complexity">H(p(W)) of the optimum.</param>
public sealed record OptimumResult(double Beta, int[] Partition, double Objective, double BayesLoss, double Complexity)
{
    /// <summary>The number of cells of the optimal encoding.</summary>
    public int CellCount => Partition.Max() + 1;
}
