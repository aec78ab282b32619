namespace LmOrganisms.Evolution;

/// <summary>
/// Result of iterating the replicator–mutator map to convergence (<see cref="ReplicatorMutator.Iterate"/>).
/// </summary>
/// <param name="Frequencies">Type frequencies after the last step.</param>
/// <param name="Iterations">Number of steps taken.</param>
/// <param name="Converged">True when the L1 change of the last step fell to the tolerance or below.</param>
/// <param name="LastChange">L1 norm ‖x_{g+1} − x_g‖₁ of the last step.</param>
/// <param name="MeanFitness">Mean fitness w̄ = Σᵢ xᵢ Wᵢ at <paramref name="Frequencies"/>.</param>
public sealed record ReplicatorMutatorRun(double[] Frequencies, int Iterations, bool Converged, double LastChange, double MeanFitness);
