using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// A representation centred and whitened under the context law π (spec markov-categories §1.9, §4 D.11):
/// Hw = (H − 𝟙μᵀ) C_hh^{−1/2} has π-covariance I, and S = Π^{1/2} Hw has orthonormal columns.
/// </summary>
/// <param name="Whitened">Hw (N × d).</param>
/// <param name="Orthonormal">S = Π^{1/2} Hw (N × d), SᵀS = I.</param>
/// <param name="Mean">The π-mean μ of the representation.</param>
public sealed record WhitenedRepresentation(Matrix<double> Whitened, Matrix<double> Orthonormal, Vector<double> Mean);
