using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The linear-softmax unembedding head p(h) = softmax(W h + b) of a model (spec markov-categories §1.6, §4 item 17).
/// </summary>
public interface IHead
{
    /// <summary>W, V × d (row w is token w's unembedding).</summary>
    Matrix<double> Weights { get; }

    /// <summary>b, V entries (zeros for a bias-free head).</summary>
    Vector<double> Bias { get; }
}
