using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Canonical correlation analysis, the one implementation of the library (Markov-categorical spec §1.9, §4 D.12): the
/// squared canonical correlations ρ₁² ≥ ρ₂² ≥ … between two vectors are the squared singular values of
/// <c>Sxx^{−1/2} Sxy Syy^{+1/2}</c> for their centred co-moments, where <c>Syy^{+1/2}</c> is the pseudo-inverse square
/// root (one-hot targets have a singular co-moment). Results are always ρ² and named so; the population ρ² of a
/// representation of an exact world are <see cref="PredictiveSimilarity.SquaredCanonicalCorrelationsOf"/>.
/// </summary>
public static class CanonicalCorrelation
{
    /// <summary>
    /// ρ² from the centred co-moments (any common scale: sums or covariances) of x (d) and y (k):
    /// <paramref name="xx"/> d × d, <paramref name="xy"/> d × k, <paramref name="yy"/> k × k. min(d, rank Syy) values in
    /// [0, 1], descending. <paramref name="ridge"/> ≥ 0 is added to the diagonal of Sxx (regularised CCA).
    /// </summary>
    /// <exception cref="ArgumentException">Sxx (+ ridge) is not positive definite, or the shapes disagree.</exception>
    public static double[] Squared(Matrix<double> xx, Matrix<double> xy, Matrix<double> yy, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(xx);
        ArgumentNullException.ThrowIfNull(xy);
        ArgumentNullException.ThrowIfNull(yy);
        if (!(ridge >= 0) || !double.IsFinite(ridge))
            throw new ArgumentException($"ridge is {ridge.ToString("R", CultureInfo.InvariantCulture)}; expected a finite value ≥ 0.", nameof(ridge));
        int d = xx.RowCount, k = yy.RowCount;
        if (xx.ColumnCount != d || yy.ColumnCount != k || xy.RowCount != d || xy.ColumnCount != k)
            throw new ArgumentException($"Co-moment shapes disagree: Sxx {xx.RowCount}×{xx.ColumnCount}, Sxy {xy.RowCount}×{xy.ColumnCount}, Syy {yy.RowCount}×{yy.ColumnCount}.", nameof(xy));
        var sxx = xx.Clone();
        for (int i = 0; i < d; i++) sxx[i, i] += ridge;
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> chol;
        try
        {
            chol = sxx.Cholesky();
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                "The representation's centred co-moment is not positive definite (constant or collinear coordinates, " +
                "or fewer samples than dimensions); pass a ridge > 0.", nameof(xx));
        }
        var evd = yy.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Map(z => z.Real);
        double cut = 1e-12 * Math.Max(lambda.Maximum(), double.Epsilon);
        var invSqrt = Vector<double>.Build.Dense(lambda.Count, i => lambda[i] > cut ? 1 / Math.Sqrt(lambda[i]) : 0);
        int rankY = lambda.Count(l => l > cut);
        var yHalf = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(invSqrt) * evd.EigenVectors.Transpose();
        // K = L⁻¹ Sxy Syy^{+1/2}, with Sxx = L Lᵀ: its singular values are the canonical correlations.
        var kMatrix = chol.Factor.Solve(xy * yHalf);
        var sv = kMatrix.Svd(computeVectors: false).S;
        return sv.Take(Math.Min(d, rankY)).Select(s => s * s).ToArray();
    }

    /// <summary>
    /// ρ² between representations and the one-hot next token, estimated from samples (hᵢ, w_{i+1}) without knowing the
    /// next-token laws (spec §1.9 "estimated from samples"; §4 D.12 <c>Cca.FromSamples</c>): <see cref="Squared"/> on the
    /// samples' centred co-moments. min(d, V − 1) values for V observed tokens, descending.
    /// </summary>
    /// <param name="representations">Samples hᵢ as rows (n × d).</param>
    /// <param name="nextTokens">The next token of each sample, in 0 … <paramref name="vocabularySize"/> − 1.</param>
    /// <param name="vocabularySize">V ≥ 2.</param>
    /// <param name="ridge">Added to the representation co-moment's diagonal (≥ 0), on the per-sample (covariance) scale.</param>
    public static double[] SquaredWithNextToken(Matrix<double> representations, IReadOnlyList<int> nextTokens, int vocabularySize, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(representations);
        ArgumentNullException.ThrowIfNull(nextTokens);
        int n = representations.RowCount, d = representations.ColumnCount;
        if (vocabularySize < 2)
            throw new ArgumentException($"vocabularySize is {vocabularySize}; expected at least 2.", nameof(vocabularySize));
        if (nextTokens.Count != n)
            throw new ArgumentException($"There are {n} representations but {nextTokens.Count} next tokens.", nameof(nextTokens));
        if (n < 2) throw new ArgumentException($"{n} samples; canonical correlations need at least 2.", nameof(representations));
        var y = Matrix<double>.Build.Dense(n, vocabularySize);
        for (int i = 0; i < n; i++)
        {
            int w = nextTokens[i];
            if (w < 0 || w >= vocabularySize)
                throw new ArgumentException($"nextTokens[{i}] is {w}, outside the vocabulary of {vocabularySize} tokens.", nameof(nextTokens));
            y[i, w] = 1;
        }
        var xc = Centre(representations);
        var yc = Centre(y);
        return Squared(xc.TransposeThisAndMultiply(xc) / n, xc.TransposeThisAndMultiply(yc) / n, yc.TransposeThisAndMultiply(yc) / n, ridge);
    }

    /// <summary>Alignment efficiency η = Σᵢ ρᵢ² / Σ_{i≤d} λᵢ (spec §1.9), d = number of correlations, with
    /// <paramref name="operatorEigenvalues"/> the eigenvalues of the predictive-similarity operator M_χ (any order;
    /// the d largest are used). In [0, 1]; 1 iff the representation spans the top-d eigenspace.</summary>
    public static double AlignmentEfficiency(IReadOnlyList<double> squaredCorrelations, IReadOnlyList<double> operatorEigenvalues)
    {
        ArgumentNullException.ThrowIfNull(squaredCorrelations);
        ArgumentNullException.ThrowIfNull(operatorEigenvalues);
        int d = squaredCorrelations.Count;
        if (d == 0 || operatorEigenvalues.Count < d)
            throw new ArgumentException(
                $"There are {d} correlations and {operatorEigenvalues.Count} eigenvalues; expected 1 ≤ correlations ≤ eigenvalues.",
                nameof(operatorEigenvalues));
        double top = operatorEigenvalues.OrderDescending().Take(d).Sum();
        if (!(top > 0))
            throw new ArgumentException($"The top {d} eigenvalues sum to {top}; expected a positive sum.", nameof(operatorEigenvalues));
        return squaredCorrelations.Sum() / top;
    }

    private static Matrix<double> Centre(Matrix<double> m)
    {
        var mean = m.ColumnSums() / m.RowCount;
        return m - Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, j) => mean[j]);
    }
}
