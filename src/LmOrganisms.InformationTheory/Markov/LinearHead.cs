using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>A linear-softmax head z = W h + b (spec markov-categories §1.1, k_head).</summary>
/// <param name="Weights">W, V × d.</param>
/// <param name="Bias">b, length V.</param>
public sealed record LinearHead(Matrix<double> Weights, Vector<double> Bias)
{
    /// <summary>The logits W h + b of a representation h.</summary>
    public Vector<double> Logits(Vector<double> representation) => Weights * representation + Bias;
}
