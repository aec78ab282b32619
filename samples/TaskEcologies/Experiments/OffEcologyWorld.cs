namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// One evaluation world of <see cref="OffEcologyExperiment"/> with its exact references, in nats per token averaged
/// over positions 1..n.
/// </summary>
/// <param name="Name">World name.</param>
/// <param name="Category">"on" (trained on), "related" (a close process variant never trained on) or "alien" (a
/// very different process on the same alphabet).</param>
/// <param name="Description">The process and its parameters.</param>
/// <param name="OptimalLoss">The world's own Bayes-optimal loss (mean over positions k = 1..n of h(k+1), BeliefStates
/// <c>OptimalLoss</c>): the exact floor of any predictor on this world.</param>
/// <param name="IdealCrossEntropy">Exact CE on this world of the ideal on-ecology organism (the Bayes predictor of the
/// uniform mixture of the on-ecology worlds).</param>
/// <param name="IdealExcess">IdealCrossEntropy − OptimalLoss: what a perfect learner of the training ecology pays here.</param>
/// <param name="CrossEntropy">Exact CE of every trained organism on this world (model order).</param>
/// <param name="Excess">CrossEntropy − OptimalLoss per organism (exact excess; the paper used a specialist proxy).</param>
/// <param name="MeanInterModelJs">Mean over organism pairs of the behavioural distance between their averaged outputs
/// (mean over positions of JS_{1/2} of the exact P_w-averaged output laws).</param>
internal sealed record OffEcologyWorld(
    string Name, string Category, string Description, double OptimalLoss, double IdealCrossEntropy, double IdealExcess,
    IReadOnlyList<double> CrossEntropy, IReadOnlyList<double> Excess, double MeanInterModelJs);
