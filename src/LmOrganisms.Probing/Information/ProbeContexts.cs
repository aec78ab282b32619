using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.Probing;

/// <summary>
/// The exact population of contexts for usable-information bounds (spec markov-categories §1.4): every
/// positive-probability word of length L from the stationary start, once, with Pr(word) and the belief after it.
/// </summary>
/// <param name="Process">The generating process.</param>
/// <param name="Length">L.</param>
/// <param name="Tokens">Words × L, row-major.</param>
/// <param name="Probabilities">Pr(word) per word (summing to 1).</param>
/// <param name="Beliefs">Words × states, row-major: the belief after each word.</param>
public sealed record ProbeContexts(HiddenMarkovProcess Process, int Length, int[] Tokens, double[] Probabilities, double[] Beliefs)
{
    /// <summary>Number of words.</summary>
    public int Count => Probabilities.Length;

    /// <summary>Enumerates every positive-probability word of length <paramref name="length"/> (cost |X|^L at most).</summary>
    public static ProbeContexts AllWords(HiddenMarkovProcess process, int length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var tokens = new List<int>();
        var probs = new List<double>();
        var beliefs = new List<double>();
        WordEnumeration.ForEach(process, length, (w, p, b) =>
        {
            foreach (var t in w) tokens.Add(t);
            probs.Add(p);
            foreach (var v in b) beliefs.Add(v);
        }, cancellationToken);
        return new ProbeContexts(process, length, tokens.ToArray(), probs.ToArray(), beliefs.ToArray());
    }
}
