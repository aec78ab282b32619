using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Categorical entropy of the Markov-categorical paper (after Perrone 2023; spec markov-categories §1.2):
/// H_D(p) = D(copy∘p ‖ p⊗p), how far a source is from deterministic, computed literally on the joint law over X×X.
/// With KL it is Shannon entropy, with total variation Gini–Simpson 1 − Σp², with Rényi-α the Rényi entropy of order 2 − α.
/// </summary>
public static class CategoricalEntropy
{
    /// <summary>H_D(p) = D(copy∘p ‖ p⊗p) for any divergence D (in the divergence's unit).</summary>
    public static double Of(ReadOnlySpan<double> p, DivergenceFunction divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        Laws.Check(p, nameof(p));
        int n = p.Length;
        var copied = new double[n * n];
        var product = new double[n * n];
        for (int x = 0; x < n; x++)
        {
            copied[x * n + x] = p[x];
            for (int y = 0; y < n; y++) product[x * n + y] = p[x] * p[y];
        }
        return divergence(copied, product);
    }

    /// <summary>H_KL(p) = KL(copy∘p ‖ p⊗p) = Shannon entropy, in nats.</summary>
    public static double KullbackLeibler(ReadOnlySpan<double> p) => Of(p, Divergence.KullbackLeibler);

    /// <summary>H_TV(p) = TV(copy∘p ‖ p⊗p) = 1 − Σ p² (Gini–Simpson).</summary>
    public static double TotalVariation(ReadOnlySpan<double> p) => Of(p, Divergence.TotalVariation);

    /// <summary>H_{D_α}(p) = D_α(copy∘p ‖ p⊗p) = Rényi entropy of order 2 − α, in nats (α ∈ (0, 2)).</summary>
    public static double Renyi(ReadOnlySpan<double> p, double alpha) => Of(p, (a, b) => Divergence.Renyi(a, b, alpha));

    /// <summary>
    /// Categorical entropy of a channel k: X → Y with input law μ (spec markov-categories §1.2):
    /// D((id⊗copy_Y∘k)∘copy_X∘μ ‖ (id⊗k⊗k)∘copy_X∘μ), computed literally on X×Y×Y. With KL it is the conditional
    /// entropy E_{x∼μ} H(k(x)), in nats.
    /// </summary>
    /// <param name="input">The input law μ on X.</param>
    /// <param name="channel">Row-stochastic matrix, <c>channel[x][y]</c> = k(y | x).</param>
    /// <param name="divergence">The enriching divergence D.</param>
    public static double OfChannel(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel, DivergenceFunction divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        Laws.Check(input, nameof(input));
        Laws.CheckStochastic(channel, nameof(channel));
        if (channel.Count != input.Length)
            throw new ArgumentException($"The channel has {channel.Count} rows but the input law has {input.Length} entries.", nameof(channel));
        int n = input.Length, m = channel[0].Length;
        var left = new double[n * m * m];
        var right = new double[n * m * m];
        for (int x = 0; x < n; x++)
            for (int y = 0; y < m; y++)
            {
                left[(x * m + y) * m + y] = input[x] * channel[x][y];
                for (int z = 0; z < m; z++) right[(x * m + y) * m + z] = input[x] * channel[x][y] * channel[x][z];
            }
        return divergence(left, right);
    }
}
