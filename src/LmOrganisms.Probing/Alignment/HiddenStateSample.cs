namespace LmOrganisms.Probing;

/// <summary>
/// One observation from a model (spec markov-categories §4 item 17): the context it was read at, the hidden state h_t
/// after the final normalisation (the input of the unembedding head), and the token that actually came next.
/// </summary>
/// <param name="Context">The context id in [0, N): a source over token windows gives each distinct window (or its
/// causal state) an id, so that the per-context laws π and Q can be indexed.</param>
/// <param name="Hidden">h_t, of the source's width.</param>
/// <param name="NextToken">W_{t+1}, a token id in [0, V).</param>
public readonly record struct HiddenStateSample(int Context, ReadOnlyMemory<double> Hidden, int NextToken);
