namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>The exact global optimum of J_{D,β} = L* + β H(p(W)) at one β (spec §1.10), nats.</summary>
/// <param name="Beta">β.</param>
/// <param name="Partition">Canonical labels of the optimum.</param>
/// <param name="Classes">Its number of cells k.</param>
/// <param name="Excess">Its excess L* − floor.</param>
/// <param name="Complexity">Its complexity H(p(W)).</param>
internal sealed record OptimumPoint(double Beta, int[] Partition, int Classes, double Excess, double Complexity);
