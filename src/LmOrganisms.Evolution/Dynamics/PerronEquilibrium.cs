namespace LmOrganisms.Evolution;

/// <summary>
/// The mutation–selection equilibrium: the Perron eigenpair of A = Qᵀ diag(W).
/// </summary>
/// <param name="Eigenvalue">Perron root λ of A; equals the mean fitness w̄ at equilibrium.</param>
/// <param name="Frequencies">The Perron vector normalised to sum 1 (strictly positive): the fixed point of the
/// replicator–mutator map.</param>
/// <remarks>Task-ecology paper, Sec. 5 (companion-paper equations); spec <c>task-ecologies.md</c> §1.12, §4.10.</remarks>
public sealed record PerronEquilibrium(double Eigenvalue, double[] Frequencies);
