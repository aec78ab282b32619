namespace LmOrganisms;

/// <summary>Progress of a probe fit: the stage being entered (e.g. "probe blocks.3.hook_resid_post") and the fraction
/// of the fit done, in [0, 1].</summary>
/// <param name="Stage">What is being done.</param>
/// <param name="Fraction">Fraction done.</param>
public sealed record ProbeProgress(string Stage, double Fraction);
