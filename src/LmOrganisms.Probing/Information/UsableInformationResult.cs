using LmOrganisms.BeliefStates;
using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// Probe-based lower bounds (linear-softmax V-information, nats) on what a representation X of the contexts holds about
/// the next token, the next k tokens, the future beyond the next token, and the belief, next to the exact values of the
/// contexts themselves (Markov-categorical spec §1.4, §2 claim C2, §3 E1). Each estimate's
/// <see cref="UsableInformationEstimate.ExactInformation"/> is the exact value for the contexts (equivalently their
/// beliefs), the ceiling of the bound.
/// </summary>
/// <param name="Hook">The hook whose activations were probed.</param>
/// <param name="ContextLength">L, the length of the contexts (the probe set's sequence length).</param>
/// <param name="Horizon">k.</param>
/// <param name="Exact">The exact surplus of the belief after L tokens (<c>process.Theory(L).Surplus(k)</c>).</param>
/// <param name="NextToken">Î(X → X_{t+1}) ≤ I(B; X_{t+1}) (state-prediction information).</param>
/// <param name="Future">Î(X → X_{t+1..t+k}) ≤ I(B; X_{t+1..t+k}).</param>
/// <param name="ConditionalSurplus">Î(X → X_{t+2..t+k} | X_{t+1}) ≤ S^cond_k: the usable information about the future beyond the next token.</param>
/// <param name="BeliefCell">Î(X → cell(B)) ≤ H(cell(B)) (<see cref="BeliefCells"/>).</param>
/// <param name="CellCount">Occupied belief cells (classes of <paramref name="BeliefCell"/>).</param>
public sealed record UsableInformationResult(string Hook, int ContextLength, int Horizon, Surplus Exact,
    UsableInformationEstimate NextToken, UsableInformationEstimate Future, UsableInformationEstimate ConditionalSurplus,
    UsableInformationEstimate BeliefCell, int CellCount);
