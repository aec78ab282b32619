using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// A linear-softmax head, the one (W, b) type of the library (Markov-categorical spec §1.1, §1.6): logits W h + b and the
/// next-token law softmax(W h + b) of a representation h. A trained transformer's unembedding is one
/// (<c>model.UnembeddingHead()</c>); so are the optimal heads of the quadratic surrogates.
/// </summary>
/// <param name="Weights">W, V × d (one row per token).</param>
/// <param name="Bias">b, V entries.</param>
public sealed record LinearHead(Matrix<double> Weights, Vector<double> Bias)
{
    /// <summary>The number of tokens V.</summary>
    public int Vocabulary => Weights.RowCount;

    /// <summary>The representation width d.</summary>
    public int Width => Weights.ColumnCount;

    /// <summary>The logits W h + b.</summary>
    public Vector<double> Logits(Vector<double> representation)
    {
        Check(representation);
        return Weights * representation + Bias;
    }

    /// <summary>The next-token law softmax(W h + b), computed with the largest logit subtracted.</summary>
    public Vector<double> Probabilities(Vector<double> representation) => FisherRao.Softmax(Logits(representation));

    private void Check(Vector<double> representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (Weights is null || Bias is null) throw new ArgumentException("The head's W and b must not be null.", nameof(representation));
        if (Bias.Count != Weights.RowCount)
            throw new ArgumentException($"The head's b has {Bias.Count} entries; W has {Weights.RowCount} rows (tokens).", nameof(representation));
        if (representation.Count != Weights.ColumnCount)
            throw new ArgumentException($"h has {representation.Count} entries; the head reads {Weights.ColumnCount} dimensions.", nameof(representation));
    }
}
