using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

/// <summary>
/// The spectral alignment of a model's hidden states and head (spec markov-categories §4 item 17, claims C3–C6), as fitted
/// by <see cref="SpectralAlignment"/>. Nats; angles in degrees.
/// </summary>
/// <param name="Hook">The hook whose states were analysed ("" for plain arrays).</param>
/// <param name="Components">P, model width × r: the principal directions the states were projected on (identity of the
/// given width for plain arrays).</param>
/// <param name="Mean">μ, the weighted mean of the raw states.</param>
/// <param name="RetainedVariance">Fraction of the raw states' variance inside the retained span, in [0, 1].</param>
/// <param name="SampleCount">The number of samples (rows) read.</param>
/// <param name="ContextLaw">π used (given, or the empirical context frequencies).</param>
/// <param name="NextTokenLaws">Q used (given, or the empirical next-token frequencies per context).</param>
/// <param name="Representation">H, the per-context mean hidden state (N × d).</param>
/// <param name="HiddenStateSpread">max over samples of ‖h_t − h_c‖: 0 when the hidden state is a function of the context id.</param>
/// <param name="Nll">The NLL decomposition CE = H(W|C) + E KL of the head's kernel softmax(W h_c + b) against Q (§1.3).</param>
/// <param name="MeanMetricEigenvalues">Eigenvalues (descending) of the π-average pullback Fisher–Rao metric Σ_c π(c) g*(h_c), g* = Wᵀ(diag p − ppᵀ)W (§1.6).</param>
/// <param name="MetricRank">The numerical rank of the average metric (eigenvalues above 1e-10 × the largest); ≤ min(d, V − 1).</param>
/// <param name="MaxMetricTrace">max_c tr g*(h_c), the largest predictive sensitivity over contexts.</param>
/// <param name="SquaredCanonicalCorrelations">ρ² = eig(SᵀM_χS) of H with the next token (population, §1.9), descending.</param>
/// <param name="SampleSquaredCanonicalCorrelations">ρ² estimated from the (weighted) samples (h_t, one-hot W_{t+1}) without Q, descending (<see cref="CanonicalCorrelation.Squared"/>).</param>
/// <param name="TopEigenvalues">The top-d eigenvalues λᵢ(M_χ), descending.</param>
/// <param name="Efficiency">η = Σρ² / Σ_{i≤d} λᵢ(M_χ) ∈ [0, 1].</param>
/// <param name="AnglesToChiSquareDegrees">Principal angles (ascending) between the whitened H and the top-d eigenspace of M_χ.</param>
/// <param name="AnglesToEuclideanDegrees">Principal angles (ascending) between the whitened H and the top-d eigenspace of M_E.</param>
/// <param name="DirichletEnergy">E(H) = tr(Hᵀ(Π − A)H) on the predictive-similarity graph, of the raw H (§1.10).</param>
/// <param name="WhitenedDirichletEnergy">E of the centred, π-whitened H; equals d − Σρ² (§1.10).</param>
public sealed record SpectralAlignmentResult(
    string Hook,
    Matrix<double> Components,
    Vector<double> Mean,
    double RetainedVariance,
    int SampleCount,
    double[] ContextLaw,
    double[][] NextTokenLaws,
    Matrix<double> Representation,
    double HiddenStateSpread,
    NllDecomposition Nll,
    double[] MeanMetricEigenvalues,
    int MetricRank,
    double MaxMetricTrace,
    double[] SquaredCanonicalCorrelations,
    double[] SampleSquaredCanonicalCorrelations,
    double[] TopEigenvalues,
    double Efficiency,
    double[] AnglesToChiSquareDegrees,
    double[] AnglesToEuclideanDegrees,
    double DirichletEnergy,
    double WhitenedDirichletEnergy)
{
    /// <summary>N, the number of contexts.</summary>
    public int ContextCount => ContextLaw.Length;
}
