using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// The per-context softmax loss ℓ(z; q) = lse(z) − qᵀz and its quadratic surrogates (spec markov-categories §1.8, §4 D.15),
/// in nats.
/// </summary>
public static class QuadraticSurrogate
{
    /// <summary>ℓ(z; q) = log Σ exp(zᵢ) − qᵀz, the cross-entropy of softmax(z) against the target law q.</summary>
    public static double SoftmaxLoss(Vector<double> logits, Vector<double> target)
    {
        Check(logits, target);
        double max = logits.Maximum();
        return max + Math.Log(logits.Map(z => Math.Exp(z - max)).Sum()) - target.DotProduct(logits);
    }

    /// <summary>
    /// Böhning's global upper bound ℓ(z; q) ≤ log V + (u − q)ᵀz + ¼‖P_V z‖² (curvature ½P_V, tangent at the uniform law).
    /// </summary>
    public static double Bohning(Vector<double> logits, Vector<double> target)
    {
        Check(logits, target);
        int v = logits.Count;
        var centred = logits - logits.Average();
        return Math.Log(v) + (Vector<double>.Build.Dense(v, 1.0 / v) - target).DotProduct(logits) + 0.25 * centred.DotProduct(centred);
    }

    /// <summary>
    /// The Fisher-calibrated quadratic at the marginal p (z₀ = log p): ℓ(z₀) + (p − q)ᵀ(z − z₀) + ½(z − z₀)ᵀ(D_p − ppᵀ)(z − z₀);
    /// exact to second order around z₀.
    /// </summary>
    public static double FisherCalibrated(Vector<double> logits, Vector<double> target, Vector<double> marginal)
    {
        Check(logits, target);
        ArgumentNullException.ThrowIfNull(marginal);
        Laws.Check(marginal.ToArray(), nameof(marginal));
        if (marginal.Any(x => x <= 0)) throw new ArgumentException("The marginal needs every entry > 0 (its logits are log p).", nameof(marginal));
        var z0 = marginal.Map(Math.Log);
        var dz = logits - z0;
        var fisher = FisherRao.SoftmaxFisher(marginal);
        return SoftmaxLoss(z0, target) + (marginal - target).DotProduct(dz) + 0.5 * dz.DotProduct(fisher * dz);
    }

    private static void Check(Vector<double> logits, Vector<double> target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.Count != target.Count)
            throw new ArgumentException($"The logits have {logits.Count} entries but the target law has {target.Count}.", nameof(target));
        Laws.Check(target.ToArray(), nameof(target));
    }
}
