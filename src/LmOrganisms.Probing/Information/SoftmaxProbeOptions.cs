namespace LmOrganisms.Probing;

/// <summary>
/// Options of a <see cref="SoftmaxProbe"/> fit (the linear-softmax predictive family V of spec markov-categories §1.4).
/// </summary>
/// <param name="L2">Penalty (λ/2)‖Θ‖² on the coefficients of the standardised features (never on the bias). It makes
/// the fit strictly convex for collinear features (a belief's coordinates sum to 1); it only raises the probe's
/// cross-entropy, so the usable-information bound stays a lower bound.</param>
/// <param name="MaxIterations">L-BFGS iterations at most.</param>
/// <param name="GradientTolerance">Stops when the largest gradient entry of the penalised mean cross-entropy is below this.</param>
/// <param name="Memory">L-BFGS correction pairs kept.</param>
/// <param name="FunctionTolerance">Also stops when three successive iterations each lower the objective by less than
/// this fraction of max(1, |objective|).</param>
public sealed record SoftmaxProbeOptions(double L2 = 1e-8, int MaxIterations = 500, double GradientTolerance = 1e-7, int Memory = 10,
    double FunctionTolerance = 1e-11)
{
    /// <summary>The defaults.</summary>
    public static SoftmaxProbeOptions Default { get; } = new();
}
