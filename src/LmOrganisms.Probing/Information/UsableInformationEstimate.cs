using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// A probe-based lower bound on information (predictive V-information, spec markov-categories §1.4 "for a trained
/// model", Xu et al. 2020), in nats: I_V(X → Y [| Z]) = H_V(Y [| Z]) − H_V(Y | X [, Z]) with V the linear-softmax
/// probes. On an exact population (rows = contexts weighted by their probability, targets = the exact conditional
/// laws) I_V ≤ I(X; Y [| Z]) ≤ <see cref="ExactInformation"/> for any fitted probe, because the probe's cross-entropy is
/// never below the true conditional entropy; on sampled rows the evaluation rows should be held out.
/// </summary>
/// <param name="BaselineEntropy">H_V(Y) (or H_V(Y | Z)): the cross-entropy of the best constant law (or of the best
/// table in Z), fitted on the training rows and evaluated on the evaluation rows. On the same rows it is exactly
/// H(Y) (H(Y | Z)) of the weighted rows.</param>
/// <param name="ProbeCrossEntropy">H_V(Y | X [, Z]): the fitted probe's cross-entropy on the evaluation rows.</param>
/// <param name="ExactInformation">I(C; Y [| Z]) of the evaluation rows' contexts C from their target laws (H of the
/// weighted target marginal minus the mean row entropy): the exact value the bound lower-bounds when the targets are
/// the exact conditional laws of distinct contexts; meaningless for one-hot sampled labels.</param>
/// <param name="HeldOut">True when the evaluation rows were not the training rows.</param>
/// <param name="Probe">The fitted probe (its features are [x] or, conditionally, [one-hot z, x placed in block z]).</param>
public sealed record UsableInformationEstimate(double BaselineEntropy, double ProbeCrossEntropy, double ExactInformation,
    bool HeldOut, SoftmaxProbeModel Probe)
{
    /// <summary>The bound I_V = <see cref="BaselineEntropy"/> − <see cref="ProbeCrossEntropy"/> in nats.</summary>
    public double Information => BaselineEntropy - ProbeCrossEntropy;

    /// <summary><see cref="ExactInformation"/> − <see cref="Information"/>: what the linear-softmax family cannot read out.</summary>
    public double Gap => ExactInformation - Information;
}
