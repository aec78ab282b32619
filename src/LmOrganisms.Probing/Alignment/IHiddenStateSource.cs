namespace LmOrganisms.Probing;

/// <summary>
/// A layer-agnostic source of final-norm hidden states (spec markov-categories §4 item 17): a trained transformer, a
/// linear stub or a recorded table. <see cref="AlignmentAnalysis"/> reads it once.
/// </summary>
public interface IHiddenStateSource
{
    /// <summary>The number of context ids N; every sample's context lies in [0, N).</summary>
    int ContextCount { get; }

    /// <summary>The width d of the hidden states.</summary>
    int Width { get; }

    /// <summary>The observations (context id, h_t, next token), in a reproducible order.</summary>
    IEnumerable<HiddenStateSample> Samples();
}
