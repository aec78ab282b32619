namespace LmOrganisms.Probing;

/// <summary>
/// A frozen sequence model seen as one fixed map <c>F_θ : V* → Δ(V)</c> from token strings to next-token laws
/// (task-ecology paper §1.6, model side): a trained transformer (<c>model.AsSequenceModel()</c>) or the exact
/// Bayes predictor of a mixture of processes (<see cref="MixturePredictor"/>, the ideal organism). The model must be
/// causal: the law after tokens[0..t] depends on those tokens only.
/// </summary>
public interface ISequenceModel
{
    /// <summary>Number of tokens V; token indices are 0..V−1 and every law has V entries.</summary>
    int Vocabulary { get; }

    /// <summary>The longest input the model reads (its context window); <see cref="int.MaxValue"/> when unbounded.</summary>
    int ContextLength { get; }

    /// <summary>
    /// The model's next-token laws for <paramref name="count"/> sequences of <paramref name="length"/> tokens
    /// (row-major in <paramref name="tokens"/>): element <c>[(row · length + t) · Vocabulary + v]</c> of the result is
    /// <c>F(tokens[row, 0..t])(v)</c>, the probability that token v follows the first t + 1 tokens of the row.
    /// Each law sums to 1 (in double).
    /// </summary>
    /// <exception cref="ArgumentException">Sizes do not match, a token is outside the vocabulary, or
    /// <paramref name="length"/> exceeds <see cref="ContextLength"/>.</exception>
    double[] NextTokenLaws(ReadOnlySpan<int> tokens, int count, int length);
}
