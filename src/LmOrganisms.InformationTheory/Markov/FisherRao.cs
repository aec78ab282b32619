using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// The pullback Fisher–Rao metric of a linear-softmax head p(h) = softmax(W h + b) (spec markov-categories §1.6, §4 E.16):
/// g*(h) = Wᵀ(diag p − p pᵀ)W, with Böhning's upper bound ½WᵀP_V W and, for logits bounded by B, the lower bound
/// (e^{−4B}/V) WᵀP_V W. W is V × d.
/// </summary>
public static class FisherRao
{
    /// <summary>softmax(z), computed stably.</summary>
    public static Vector<double> Softmax(Vector<double> logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        double max = logits.Maximum();
        var e = logits.Map(z => Math.Exp(z - max));
        return e / e.Sum();
    }

    /// <summary>The Fisher information of the softmax in logit coordinates, diag(p) − p pᵀ.</summary>
    public static Matrix<double> SoftmaxFisher(Vector<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        Laws.Check(p.ToArray(), nameof(p));
        return Matrix<double>.Build.DenseOfDiagonalVector(p) - p.OuterProduct(p);
    }

    /// <summary>g*(h) = Wᵀ(diag p − p pᵀ)W at p = softmax(W h + b) (d × d): the metric on representation space with
    /// KL(p(h) ‖ p(h + δ)) = ½ δᵀ g*(h) δ + O(‖δ‖³), nats; rank at most min(d, V − 1).</summary>
    public static Matrix<double> Pullback(Matrix<double> weights, Vector<double> bias, Vector<double> representation) =>
        Pullback(new LinearHead(weights, bias), representation);

    /// <summary>g*(h) of <paramref name="head"/> at <paramref name="representation"/> (see
    /// <see cref="Pullback(Matrix{double}, Vector{double}, Vector{double})"/>).</summary>
    public static Matrix<double> Pullback(LinearHead head, Vector<double> representation)
    {
        ArgumentNullException.ThrowIfNull(head);
        var p = head.Probabilities(representation);
        return head.Weights.TransposeThisAndMultiply(SoftmaxFisher(p) * head.Weights);
    }

    /// <summary>P_V = I − 𝟙𝟙ᵀ/V, the centring projector on logits.</summary>
    public static Matrix<double> CenteringProjector(int v) =>
        Matrix<double>.Build.DenseIdentity(v) - Matrix<double>.Build.Dense(v, v, 1.0 / v);

    /// <summary>Böhning's bound: g*(h) ⪯ ½ WᵀP_V W for every h.</summary>
    public static Matrix<double> UpperBound(Matrix<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return 0.5 * weights.TransposeThisAndMultiply(CenteringProjector(weights.RowCount) * weights);
    }

    /// <summary>For logits with max |zᵢ| ≤ B: g*(h) ⪰ (e^{−4B}/V) WᵀP_V W.</summary>
    public static Matrix<double> LowerBound(Matrix<double> weights, double logitBound)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!(logitBound >= 0)) throw new ArgumentOutOfRangeException(nameof(logitBound), logitBound, "The logit bound B must be ≥ 0.");
        int v = weights.RowCount;
        return Math.Exp(-4 * logitBound) / v * weights.TransposeThisAndMultiply(CenteringProjector(v) * weights);
    }
}
