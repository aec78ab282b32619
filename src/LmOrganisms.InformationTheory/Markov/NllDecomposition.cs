using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// NLL as entropy plus KL (Markov-categorical paper; spec markov-categories §1.3, §4 B.6), in nats:
/// L(θ) = Σ_c π(c) CE(q_c, p_θ(·|c)) = H(W_{t+1} | C_t) + Σ_c π(c) KL(q_c ‖ p_θ(·|c)).
/// </summary>
/// <param name="CrossEntropy">The expected negative log-likelihood L(θ).</param>
/// <param name="ConditionalEntropy">The categorical (conditional) entropy H(W_{t+1} | C_t), the infimum of L.</param>
/// <param name="ExpectedKl">The KL redundancy Σ_c π(c) KL(q_c ‖ p_θ(·|c)).</param>
public sealed record NllDecomposition(double CrossEntropy, double ConditionalEntropy, double ExpectedKl)
{
    /// <summary>Computes the three terms independently for contexts with law π, data kernel Q and model kernel Q̂ (rows = contexts).</summary>
    public static NllDecomposition Of(ReadOnlySpan<double> contextLaw, IReadOnlyList<double[]> data, IReadOnlyList<double[]> model) =>
        new(Channel.CrossEntropy(contextLaw, data, model), Channel.ConditionalEntropy(contextLaw, data),
            Channel.ExpectedKullbackLeibler(contextLaw, data, model));

    /// <summary>CE − H − E KL, zero up to rounding.</summary>
    public double Residual => CrossEntropy - ConditionalEntropy - ExpectedKl;
}
