namespace LmOrganisms.Probing;

/// <summary>
/// Options of the synthetic spectral-alignment experiment (spec markov-categories §3 E2, §4 item 15): a small-signal
/// world q_c = softmax(log p₀ + s·U diag(3, 2, 1, ½) Bᵀ) on <see cref="Contexts"/> contexts and <see cref="Vocabulary"/>
/// tokens, and a linear-softmax model with free H (contexts × <see cref="Dimension"/>), W (vocabulary × d) and b trained
/// by plain full-batch gradient descent (in S = Π^{1/2}H) on <see cref="Objective"/>.
/// </summary>
/// <param name="Contexts">The number of contexts N (E2: 40).</param>
/// <param name="Vocabulary">The vocabulary size V (E2: 10).</param>
/// <param name="Dimension">The representation width d (the bottleneck; E2: 2). Must be below 4 so the top-d eigenspace is non-trivial.</param>
/// <param name="Signal">The signal strength s ≥ 0 scaling the log-odds perturbation of the base marginal.</param>
/// <param name="Objective">The loss minimised.</param>
/// <param name="Steps">The maximum number of gradient steps.</param>
/// <param name="LearningRate">The step size of plain gradient descent on L = Σ_c π(c)ℓ_c in the whitened coordinates (S = Π^{1/2}H, W, b).</param>
/// <param name="GradientTolerance">Stop once the Euclidean norm of the full gradient of L in (S, W, b) falls below this.</param>
/// <param name="Seed">The seed of the world and of the initialisation; runs are bit-for-bit reproducible.</param>
public sealed record SurrogateAlignmentOptions(
    int Contexts = 40,
    int Vocabulary = 10,
    int Dimension = 2,
    double Signal = 0.05,
    SurrogateObjective Objective = SurrogateObjective.Nll,
    int Steps = 200_000,
    double LearningRate = 1.0,
    double GradientTolerance = 1e-13,
    int Seed = 1);
