namespace LmOrganisms.Probing;

/// <summary>The per-context loss minimised over free (H, W, b) (spec markov-categories §1.8, §3 E2).</summary>
public enum SurrogateObjective
{
    /// <summary>The true softmax NLL ℓ(z; q) = lse(z) − qᵀz; its minimiser aligns with M_χ only up to O(signal).</summary>
    Nll,

    /// <summary>Böhning's quadratic upper bound (curvature ½P_V at the uniform law); its minimiser spans the top-d eigenspace of M_E.</summary>
    Bohning,

    /// <summary>The Fisher-calibrated quadratic at the marginal (curvature D_p − ppᵀ); its minimiser spans the top-d eigenspace of M_χ.</summary>
    FisherCalibrated,
}
