using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The pullback Fisher–Rao metric of a linear-softmax head (Markov-categorical spec §1.6): for
/// <c>p(h) = softmax(W h + b)</c>, <c>g*(h) = Wᵀ (diag(p) − p pᵀ) W</c>, the metric on representation space such that
/// <c>KL(p(h) ‖ p(h + δ)) = ½ δᵀ g*(h) δ + O(‖δ‖³)</c> (nats). Its rank is at most min(d, V − 1). The algebra is
/// <see cref="FisherRao"/>'s (InformationTheory); this class checks the head's shapes with messages about h and b.
/// </summary>
public static class FisherRaoMetric
{
    /// <summary>g*(h) (d × d) for the head <paramref name="weights"/> W (V × d), <paramref name="bias"/> b (V) at the
    /// representation <paramref name="h"/> (d).</summary>
    public static Matrix<double> Pullback(Matrix<double> weights, Vector<double> bias, Vector<double> h)
    {
        var p = Probabilities(weights, bias, h);
        return weights.TransposeThisAndMultiply(FisherRao.SoftmaxFisher(p) * weights);
    }

    /// <summary>The head's output law softmax(W h + b), computed with the maximum logit subtracted.</summary>
    public static Vector<double> Probabilities(Matrix<double> weights, Vector<double> bias, Vector<double> h)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(h);
        if (bias.Count != weights.RowCount)
            throw new ArgumentException(
                $"bias has {bias.Count} entries; the head has {weights.RowCount} rows (tokens).", nameof(bias));
        if (h.Count != weights.ColumnCount)
            throw new ArgumentException(
                $"h has {h.Count} entries; the head reads {weights.ColumnCount} dimensions.", nameof(h));
        return FisherRao.Softmax(weights * h + bias);
    }
}
