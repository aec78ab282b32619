using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>A head given by its parameters (W, b) (spec markov-categories §4 item 17).</summary>
/// <param name="Weights">W, V × d.</param>
/// <param name="Bias">b, V entries.</param>
public sealed record UnembeddingHead(Matrix<double> Weights, Vector<double> Bias) : IHead
{
    /// <summary>The head of an InformationTheory <see cref="LinearHead"/>, e.g. a closed-form surrogate optimum.</summary>
    public static UnembeddingHead From(LinearHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new UnembeddingHead(head.Weights, head.Bias);
    }
}
