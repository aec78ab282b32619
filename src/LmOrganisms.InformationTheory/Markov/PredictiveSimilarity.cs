using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Predictive-similarity operators on a finite context set with context law π (N) and next-token laws Q (N × V)
/// (Markov-categorical paper; spec markov-categories §1.7–1.10, §4 D.10–14). With Ỹ = Q − 𝟙pᵀ and p = πᵀQ:
/// the Euclidean operator M_E = Π^{1/2} Ỹ Ỹᵀ Π^{1/2}, the variance-normalised (χ², CCA) operator
/// M_χ = Π^{1/2} Ỹ D_p^{−1} Ỹᵀ Π^{1/2}, the predictive-similarity graph A(c, c') = Σ_w π(c)q_c(w)π(c')q_{c'}(w)/p(w)
/// and its Laplacian Π − A. Tokens with p(w) = 0 are dropped from the χ² forms. Immutable.
/// </summary>
public sealed class PredictiveSimilarity
{
    private readonly double[] pi;
    private readonly Matrix<double> q;
    private Matrix<double>? euclidean, chiSquare, affinity;
    private Evd? chiEvd, euclideanEvd;

    private sealed record Evd(double[] Values, Matrix<double> Vectors);

    /// <summary>Builds the operators of a context law and a next-token kernel (rows = contexts).</summary>
    public PredictiveSimilarity(IReadOnlyList<double> contextLaw, IReadOnlyList<double[]> nextTokenLaws)
    {
        ArgumentNullException.ThrowIfNull(contextLaw);
        pi = contextLaw.ToArray();
        Channel.CheckChannel(pi, nextTokenLaws, nameof(nextTokenLaws));
        q = Matrix<double>.Build.DenseOfRowArrays(nextTokenLaws);
        Marginal = Vector<double>.Build.DenseOfArray(Channel.Marginal(pi, nextTokenLaws));
    }

    /// <summary>The number of contexts N.</summary>
    public int ContextCount => pi.Length;

    /// <summary>The next-token marginal p = πᵀQ.</summary>
    public Vector<double> Marginal { get; }

    /// <summary>The Euclidean (whitened, Böhning-curvature) operator M_E (N × N, symmetric PSD).</summary>
    public Matrix<double> Euclidean => euclidean ??= Build(false);

    /// <summary>The variance-normalised (χ², CCA, Fisher-curvature) operator M_χ (N × N, eigenvalues in [0, 1]).</summary>
    public Matrix<double> ChiSquare => chiSquare ??= Build(true);

    /// <summary>The predictive-similarity graph A (N × N); its degrees are π exactly.</summary>
    public Matrix<double> Affinity => affinity ??= BuildAffinity();

    /// <summary>The graph Laplacian L = Π − A.</summary>
    public Matrix<double> Laplacian => Matrix<double>.Build.DenseOfDiagonalArray(pi) - Affinity;

    /// <summary>Π^{−1/2} A Π^{−1/2} = M_χ + √π√πᵀ (contexts with π(c) &gt; 0 required).</summary>
    public Matrix<double> NormalizedAffinity
    {
        get
        {
            if (pi.Any(x => x <= 0)) throw new InvalidOperationException("The normalised affinity needs every context weight > 0.");
            var s = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(x => 1 / Math.Sqrt(x)).ToArray());
            return s * Affinity * s;
        }
    }

    /// <summary>Eigenvalues of M_E, descending.</summary>
    public double[] EuclideanSpectrum => (euclideanEvd ??= Decompose(Euclidean)).Values;

    /// <summary>Eigenvalues of M_χ, descending: the squared canonical correlations between C and W (plus zeros).</summary>
    public double[] ChiSquareSpectrum => (chiEvd ??= Decompose(ChiSquare)).Values;

    /// <summary>The χ²-mutual information Σ J²/(π p) − 1 = tr M_χ.</summary>
    public double ChiSquareMutualInformation => Channel.ChiSquareMutualInformation(pi, q.ToRowArrays());

    /// <summary>The top-d eigenvectors of M_χ (or of M_E when <paramref name="euclideanOperator"/>) as N × d columns.</summary>
    public Matrix<double> TopEigenspace(int d, bool euclideanOperator = false)
    {
        var evd = euclideanOperator ? (euclideanEvd ??= Decompose(Euclidean)) : (chiEvd ??= Decompose(ChiSquare));
        if (d < 1 || d > pi.Length) throw new ArgumentOutOfRangeException(nameof(d), d, $"d must lie in 1…{pi.Length}.");
        return evd.Vectors.SubMatrix(0, pi.Length, 0, d);
    }

    /// <summary>Centres H (N × d) under π and whitens it (C_hh = I); S = Π^{1/2}Hw has orthonormal columns.</summary>
    public WhitenedRepresentation CenterWhiten(Matrix<double> representation)
    {
        CheckRepresentation(representation);
        var mean = representation.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(pi));
        var centred = representation - Matrix<double>.Build.Dense(pi.Length, representation.ColumnCount, (_, j) => mean[j]);
        var cov = centred.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalArray(pi) * centred);
        var evd = cov.Evd(Symmetricity.Symmetric);
        var lam = evd.EigenValues.Real();
        if (lam.Minimum() <= 1e-12 * Math.Max(1, lam.Maximum()))
            throw new ArgumentException("The representation's π-covariance is singular; it cannot be whitened (drop dependent columns).", nameof(representation));
        var invSqrt = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(lam.Map(x => 1 / Math.Sqrt(x))) * evd.EigenVectors.Transpose();
        var white = centred * invSqrt;
        var s = Matrix<double>.Build.DenseOfDiagonalArray(pi.Select(Math.Sqrt).ToArray()) * white;
        return new WhitenedRepresentation(white, s, mean);
    }

    /// <summary>The squared canonical correlations ρ² of H with the next token, eig(SᵀM_χS), descending (§1.9); the
    /// population counterpart of <see cref="CanonicalCorrelation.SquaredWithNextToken"/>.</summary>
    public double[] SquaredCanonicalCorrelationsOf(Matrix<double> representation)
    {
        var s = CenterWhiten(representation).Orthonormal;
        return Decompose(s.TransposeThisAndMultiply(ChiSquare * s)).Values;
    }

    /// <summary>The alignment efficiency η = Σρ² / Σ_{i≤d} λᵢ(M_χ) ∈ [0, 1] of a d-dimensional representation (§1.9).</summary>
    public double AlignmentEfficiency(Matrix<double> representation)
    {
        var rho = SquaredCanonicalCorrelationsOf(representation);
        double top = ChiSquareSpectrum.Take(rho.Length).Sum();
        return rho.Sum() / top;
    }

    /// <summary>
    /// Principal angles (radians, ascending) between col(S) of the whitened representation and the top-d eigenspace of
    /// M_χ (or M_E).
    /// </summary>
    public double[] PrincipalAngles(Matrix<double> representation, bool euclideanOperator = false)
    {
        var s = CenterWhiten(representation).Orthonormal;
        return LmOrganisms.InformationTheory.PrincipalAngles.Between(s, TopEigenspace(s.ColumnCount, euclideanOperator));
    }

    /// <summary>
    /// Predictive prototypes μ_w = E[h | W_{t+1} = w] = Σ_c π(c) q_c(w) h_c / p(w) (V × d; rows of tokens with p(w) = 0
    /// are NaN-free zeros and flagged by a zero marginal).
    /// </summary>
    public Matrix<double> Prototypes(Matrix<double> representation)
    {
        CheckRepresentation(representation);
        var joint = Matrix<double>.Build.DenseOfDiagonalArray(pi) * q; // N × V
        var protos = joint.TransposeThisAndMultiply(representation);   // V × d
        for (int w = 0; w < protos.RowCount; w++)
            protos.SetRow(w, Marginal[w] > 0 ? protos.Row(w) / Marginal[w] : Vector<double>.Build.Dense(protos.ColumnCount));
        return protos;
    }

    /// <summary>
    /// The Fisher-LDA eigenvalues of S_B a = λ S_T a with S_T = Cov_π(h) and S_B = Σ_w p(w)(μ_w − μ)(μ_w − μ)ᵀ,
    /// descending; equal to the squared canonical correlations (§1.9).
    /// </summary>
    public double[] LdaEigenvalues(Matrix<double> representation)
    {
        var white = CenterWhiten(representation);
        var protos = Prototypes(white.Whitened); // whitened prototypes: mean 0, S_T = I
        var sb = Matrix<double>.Build.Dense(protos.ColumnCount, protos.ColumnCount);
        for (int w = 0; w < protos.RowCount; w++)
            if (Marginal[w] > 0) sb += Marginal[w] * protos.Row(w).OuterProduct(protos.Row(w));
        return Decompose(sb).Values;
    }

    /// <summary>The Dirichlet energy E(H) = ½ Σ A(c, c')‖h_c − h_{c'}‖² = tr(Hᵀ(Π − A)H) (§1.10).</summary>
    public double DirichletEnergy(Matrix<double> representation)
    {
        CheckRepresentation(representation);
        return representation.TransposeThisAndMultiply(Laplacian * representation).Trace();
    }

    /// <summary>
    /// The head minimising the Fisher-calibrated quadratic surrogate for a fixed representation H (§1.8–1.9): the
    /// whitened-prototype head W_w = (μ_w − μ)ᵀ C_hh^{−1}, b_w = log p(w) − W_w μ (tokens with p(w) &gt; 0 required).
    /// </summary>
    public LinearHead FisherOptimalHead(Matrix<double> representation)
    {
        CheckRepresentation(representation);
        if (Marginal.Any(x => x <= 0)) throw new InvalidOperationException("The Fisher-calibrated head needs every token to have positive marginal probability.");
        var (mean, inverseCovariance) = MeanAndInverseCovariance(representation);
        var protos = Prototypes(representation);
        var diff = protos - Matrix<double>.Build.Dense(protos.RowCount, protos.ColumnCount, (_, j) => mean[j]);
        var w = diff * inverseCovariance;
        var b = Marginal.Map(Math.Log) - w * mean;
        return new LinearHead(w, b);
    }

    /// <summary>
    /// The Fisher-calibrated surrogate of the NLL, Σ_c π(c) [ℓ(z₀; q_c) + (p − q_c)ᵀ(z_c − z₀) + ½(z_c − z₀)ᵀ(D_p − ppᵀ)(z_c − z₀)]
    /// with z_c = W h_c + b and z₀ = log p, in nats (§1.8). At the optimal head it equals H(p) − ½ Σρ² (§1.9).
    /// </summary>
    public double FisherSurrogateLoss(Matrix<double> representation, LinearHead head)
    {
        var p = Marginal;
        return Expected(representation, head, (z, target) => QuadraticSurrogate.FisherCalibrated(z, target, p));
    }

    /// <summary>
    /// The head minimising the Böhning surrogate for a fixed representation H (§1.8–1.9, Euclidean version): the
    /// prototype head with the extra factor p(w)/β, β = ½: W_w = 2p(w)(μ_w − μ)ᵀ C_hh^{−1}, b = 2(p − u) − Wμ.
    /// </summary>
    public LinearHead BohningOptimalHead(Matrix<double> representation)
    {
        CheckRepresentation(representation);
        var (mean, inverseCovariance) = MeanAndInverseCovariance(representation);
        var protos = Prototypes(representation);
        var diff = Matrix<double>.Build.Dense(protos.RowCount, protos.ColumnCount, (r, j) => 2 * Marginal[r] * (protos[r, j] - mean[j]));
        var w = diff * inverseCovariance;
        var b = 2 * (Marginal - 1.0 / Marginal.Count) - w * mean;
        return new LinearHead(w, b);
    }

    /// <summary>
    /// The Böhning surrogate of the NLL, Σ_c π(c) [log V + (u − q_c)ᵀz_c + ¼‖P_V z_c‖²] with z_c = W h_c + b, in nats
    /// (§1.8). At the optimal head it equals log V − ‖p − u‖² − tr(Sᵀ M_E S).
    /// </summary>
    public double BohningSurrogateLoss(Matrix<double> representation, LinearHead head)
    {
        return Expected(representation, head, QuadraticSurrogate.Bohning);
    }

    private double Expected(Matrix<double> representation, LinearHead head, Func<Vector<double>, Vector<double>, double> loss)
    {
        CheckRepresentation(representation);
        ArgumentNullException.ThrowIfNull(head);
        double s = 0;
        for (int c = 0; c < pi.Length; c++)
            if (pi[c] > 0) s += pi[c] * loss(head.Logits(representation.Row(c)), q.Row(c));
        return s;
    }

    private (Vector<double> Mean, Matrix<double> InverseCovariance) MeanAndInverseCovariance(Matrix<double> representation)
    {
        var mean = CenterWhiten(representation).Mean;
        var centred = representation - Matrix<double>.Build.Dense(pi.Length, representation.ColumnCount, (_, j) => mean[j]);
        var cov = centred.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalArray(pi) * centred);
        return (mean, cov.Inverse());
    }

    private Matrix<double> Build(bool chi)
    {
        int n = pi.Length, v = q.ColumnCount;
        var live = Enumerable.Range(0, v).Where(w => Marginal[w] > 0).ToArray();
        var y = Matrix<double>.Build.Dense(n, live.Length, (c, k) =>
        {
            int w = live[k];
            double centred = q[c, w] - Marginal[w];
            return Math.Sqrt(pi[c]) * (chi ? centred / Math.Sqrt(Marginal[w]) : centred);
        });
        return y.TransposeAndMultiply(y);
    }

    private Matrix<double> BuildAffinity()
    {
        int n = pi.Length;
        var live = Enumerable.Range(0, q.ColumnCount).Where(w => Marginal[w] > 0).ToArray();
        var j = Matrix<double>.Build.Dense(n, live.Length, (c, k) => pi[c] * q[c, live[k]] / Math.Sqrt(Marginal[live[k]]));
        return j.TransposeAndMultiply(j);
    }

    private static Evd Decompose(Matrix<double> symmetric)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Real().ToArray();
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ToArray();
        var vectors = Matrix<double>.Build.Dense(symmetric.RowCount, order.Length, (r, c) => evd.EigenVectors[r, order[c]]);
        return new Evd(order.Select(i => values[i]).ToArray(), vectors);
    }

    private void CheckRepresentation(Matrix<double> representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        if (representation.RowCount != pi.Length)
            throw new ArgumentException($"The representation has {representation.RowCount} rows, expected one per context ({pi.Length}).", nameof(representation));
    }

}
