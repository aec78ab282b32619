namespace LmOrganisms.Probing;

/// <summary>
/// Options of the synthetic spectral-alignment experiment (spec markov-categories §3 E2, §4 item 15): a small-signal
/// world q_c = softmax(log p₀ + s·U diag(3, 2, 1, ½) Bᵀ) on <see cref="Contexts"/> contexts and <see cref="Vocabulary"/>
/// tokens, and a linear-softmax model with free H (contexts × <see cref="Dimension"/>), W (vocabulary × d) and b trained
/// by plain full-batch gradient descent (in S = Π^{1/2}H) on <see cref="Objective"/>.
/// </summary>
public sealed record SurrogateAlignmentOptions
{
    /// <summary>The number of contexts N (E2: 40).</summary>
    public int Contexts { get; init; } = 40;

    /// <summary>The vocabulary size V (E2: 10).</summary>
    public int Vocabulary { get; init; } = 10;

    /// <summary>The representation width d (the bottleneck; E2: 2). Must be below 4 so the top-d eigenspace is non-trivial.</summary>
    public int Dimension { get; init; } = 2;

    /// <summary>The signal strength s ≥ 0 scaling the log-odds perturbation of the base marginal.</summary>
    public double Signal { get; init; } = 0.05;

    /// <summary>The loss minimised.</summary>
    public SurrogateObjective Objective { get; init; } = SurrogateObjective.Nll;

    /// <summary>The maximum number of gradient steps.</summary>
    public int Steps { get; init; } = 200_000;

    /// <summary>The step size of plain gradient descent on L = Σ_c π(c)ℓ_c in the whitened coordinates (S = Π^{1/2}H, W, b).</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Stop once the Euclidean norm of the full gradient of L in (S, W, b) falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-13;

    /// <summary>The seed of the world and of the initialisation; runs are bit-for-bit reproducible.</summary>
    public int Seed { get; init; } = 1;
}
