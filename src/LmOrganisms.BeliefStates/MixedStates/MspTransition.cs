namespace LmOrganisms.BeliefStates;

/// <summary>
/// One edge of a mixed-state presentation: from mixed state <paramref name="From"/>, symbol <paramref name="Symbol"/> is
/// emitted with probability <paramref name="Probability"/> = <c>η T[x] 1</c> and the belief moves to <paramref name="To"/>.
/// States are indices in canonical (shortlex, first-occurrence) order. Belief-geometry spec §2.1.
/// </summary>
/// <param name="From">Index of the source mixed state.</param>
/// <param name="Symbol">Emitted symbol (token index).</param>
/// <param name="Probability">Pr(symbol | source belief).</param>
/// <param name="To">Index of the updated mixed state.</param>
public readonly record struct MspTransition(int From, int Symbol, double Probability, int To);
