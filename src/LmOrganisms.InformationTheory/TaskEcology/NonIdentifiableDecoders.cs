using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>
/// Two decoders that the training ecology cannot tell apart but the deployment ecology can (task-ecology paper Prop 78),
/// indexed <c>[code][context][token]</c>; losses in nats.
/// </summary>
/// <param name="First">Bayes decoder except on the off-ecology contexts A, where the merged cell predicts P_w1.</param>
/// <param name="Second">The same with P_w2 on A.</param>
/// <param name="OffEcologyContexts">A: contexts with zero training weight, positive deployment weight, where P_w1 ≠ P_w2.</param>
/// <param name="TrainingLossFirst">Training loss of <paramref name="First"/>.</param>
/// <param name="TrainingLossSecond">Training loss of <paramref name="Second"/> (equal to the first).</param>
/// <param name="DeploymentLossFirst">Deployment loss of <paramref name="First"/>.</param>
/// <param name="DeploymentLossSecond">Deployment loss of <paramref name="Second"/>.</param>
public sealed record NonIdentifiableDecoders(double[][][] First, double[][][] Second, int[] OffEcologyContexts,
    double TrainingLossFirst, double TrainingLossSecond, double DeploymentLossFirst, double DeploymentLossSecond);
