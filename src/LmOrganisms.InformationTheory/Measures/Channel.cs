using LmOrganisms.InformationTheory;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Measures of a channel Q: X → Y (row-stochastic matrix, <c>channel[x][y]</c> = Q(y | x)) with an input law π on X,
/// in nats (spec markov-categories §4 B.6–7; task-ecology paper §1.4 for the conditional entropy floor).
/// </summary>
public static class Channel
{
    /// <summary>Conditional entropy H(Y | X) = Σₓ π(x) H(Q(·|x)), in nats.</summary>
    public static double ConditionalEntropy(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel)
    {
        CheckChannel(input, channel, nameof(channel));
        double s = 0;
        for (int x = 0; x < input.Length; x++)
            if (input[x] > 0) s -= input[x] * Laws.XLogX(channel[x]);
        return s;
    }

    /// <summary>Expected cross-entropy Σₓ π(x) CE(Q(·|x), Q̂(·|x)), in nats (the NLL of a model Q̂); +∞ if some support fails.</summary>
    public static double CrossEntropy(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel, IReadOnlyList<double[]> model) =>
        Expected(input, channel, model, Divergence.CrossEntropyUnchecked);

    /// <summary>Expected KL Σₓ π(x) KL(Q(·|x) ‖ Q̂(·|x)), in nats; +∞ if some support fails.</summary>
    public static double ExpectedKullbackLeibler(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel, IReadOnlyList<double[]> model) =>
        Expected(input, channel, model, Divergence.KullbackLeiblerUnchecked);

    private static double Expected(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel, IReadOnlyList<double[]> model, DivergenceFunction divergence)
    {
        CheckChannel(input, channel, nameof(channel));
        CheckChannel(input, model, nameof(model));
        double s = 0;
        for (int x = 0; x < input.Length; x++)
            if (input[x] > 0) s += input[x] * divergence(channel[x], model[x]);
        return s;
    }

    /// <summary>Output marginal p(y) = Σₓ π(x) Q(y | x).</summary>
    public static double[] Marginal(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel)
    {
        CheckChannel(input, channel, nameof(channel));
        var p = new double[channel[0].Length];
        for (int x = 0; x < input.Length; x++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(channel[x], input[x], p, p);
        return p;
    }

    /// <summary>Mutual information I(X; Y) = H(Y) − H(Y | X), in nats.</summary>
    public static double MutualInformation(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel)
    {
        var p = Marginal(input, channel);
        return Math.Max(0, -Laws.XLogX(p) - ConditionalEntropy(input, channel));
    }

    /// <summary>χ²-mutual information Σ_{x,y} J(x,y)²/(π(x)p(y)) − 1 with J(x,y) = π(x)Q(y|x) (spec markov-categories §1.7).</summary>
    public static double ChiSquareMutualInformation(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel)
    {
        var p = Marginal(input, channel);
        double s = 0;
        for (int x = 0; x < input.Length; x++)
        {
            if (input[x] <= 0) continue;
            for (int y = 0; y < p.Length; y++)
                if (p[y] > 0) s += input[x] * channel[x][y] * channel[x][y] / p[y];
        }
        return s - 1;
    }

    internal static void CheckChannel(ReadOnlySpan<double> input, IReadOnlyList<double[]> channel, string name)
    {
        Laws.Check(input, "input");
        Laws.CheckStochastic(channel, name);
        if (channel.Count != input.Length)
            throw new ArgumentException($"{name} has {channel.Count} rows but the input law has {input.Length} entries.", name);
    }
}
