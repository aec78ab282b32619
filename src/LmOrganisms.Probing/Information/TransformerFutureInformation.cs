using LmOrganisms.BeliefStates;

namespace LmOrganisms.Probing;

/// <summary>
/// A trained transformer's usable information about the future next to the exact information surplus of its process
/// (spec markov-categories §1.4, §2 claim C2; issue "beyond the next token"): the exact quantities of the ideal state
/// (the belief after L tokens, <see cref="InformationSurplus"/>) and the linear-softmax lower bounds read from the
/// model's activation at the last position of every word of length L. Nats.
/// </summary>
/// <param name="Hook">The hook point probed.</param>
/// <param name="ContextLength">L: contexts are all positive-probability words of this length.</param>
/// <param name="Exact">The exact surplus of the belief at depth L (horizon k).</param>
/// <param name="Bounds">The probe-based lower bounds from the activations.</param>
public sealed record TransformerFutureInformation(string Hook, int ContextLength, Surplus Exact, FutureInformationBounds Bounds);
