namespace LmOrganisms.BeliefStates;

/// <summary>Receives one word during <see cref="WordEnumeration.ForEach"/>: its tokens, its probability from the stationary start, and the belief after it.</summary>
/// <param name="word">Token indices of the word (valid only during the call).</param>
/// <param name="probability">Pr(word) = <c>π T[x1]…T[xL] 1</c>.</param>
/// <param name="belief">The belief after the word (valid only during the call).</param>
public delegate void WordVisitor(ReadOnlySpan<int> word, double probability, ReadOnlySpan<double> belief);
