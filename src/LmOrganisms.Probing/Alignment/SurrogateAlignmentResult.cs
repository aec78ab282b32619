using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// The outcome of <see cref="SurrogateAlignmentExperiment.Run"/> (spec markov-categories §3 E2). Angles in degrees,
/// losses in nats (π-weighted).
/// </summary>
/// <param name="Options">The options run.</param>
/// <param name="ContextLaw">The context law π drawn from Dir(5·𝟙).</param>
/// <param name="NextTokenLaws">The conditionals q_c (rows = contexts).</param>
/// <param name="Representation">The trained H (N × d).</param>
/// <param name="Head">The trained head (W, b).</param>
/// <param name="AnglesToChiSquareDegrees">Principal angles (ascending, degrees) between the whitened H and the top-d eigenspace of M_χ.</param>
/// <param name="AnglesToEuclideanDegrees">Principal angles (ascending, degrees) between the whitened H and the top-d eigenspace of M_E.</param>
/// <param name="Efficiency">The alignment efficiency η = Σρ² / Σ_{i≤d} λᵢ(M_χ) of H.</param>
/// <param name="Loss">The final value of the minimised objective.</param>
/// <param name="ClosedFormLoss">The objective at the closed-form reduced-rank optimum (for the NLL: H(W|C) + ½Σ_{i&gt;d}λᵢ(M_χ), its small-signal prediction).</param>
/// <param name="Nll">The NLL decomposition of the trained model's kernel.</param>
/// <param name="TailEigenvalueHalfSum">½ Σ_{i&gt;d} λᵢ(M_χ), the predicted excess NLL in the small-signal regime.</param>
/// <param name="GradientNorm">The norm of the full gradient of L in (S = Π^{1/2}H, W, b) at the end.</param>
/// <param name="StepsTaken">The number of gradient steps taken.</param>
public sealed record SurrogateAlignmentResult(
    SurrogateAlignmentOptions Options,
    double[] ContextLaw,
    double[][] NextTokenLaws,
    Matrix<double> Representation,
    LinearHead Head,
    double[] AnglesToChiSquareDegrees,
    double[] AnglesToEuclideanDegrees,
    double Efficiency,
    double Loss,
    double ClosedFormLoss,
    NllDecomposition Nll,
    double TailEigenvalueHalfSum,
    double GradientNorm,
    int StepsTaken)
{
    /// <summary>The largest principal angle (degrees) to the operator the objective targets (M_E for Böhning, M_χ otherwise).</summary>
    public double MaxAngleDegrees => (Options.Objective == SurrogateObjective.Bohning ? AnglesToEuclideanDegrees : AnglesToChiSquareDegrees).Max();
}
