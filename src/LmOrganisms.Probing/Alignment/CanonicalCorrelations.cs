using System.Globalization;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing;

/// <summary>
/// Canonical correlations between a representation h and targets y estimated from samples (Markov-categorical spec
/// §1.9: "ρ² = the squared canonical correlations of h with the next token … estimated from samples (hᵢ, one-hot
/// w_{i+1})"): the squared singular values of <c>Sxx^{-1/2} Sxy Syy^{+1/2}</c> on the centred co-moments of the
/// samples, where <c>Syy^{+1/2}</c> is the pseudo-inverse square root (one-hot targets have a singular co-moment).
/// </summary>
public static class CanonicalCorrelations
{
    /// <summary>
    /// Squared canonical correlations ρ₁² ≥ ρ₂² ≥ … (min(features, rank of Syy) values in [0, 1]) from the
    /// statistics of (h, y) rows. <paramref name="ridge"/> ≥ 0 is added to the diagonal of Sxx (regularised CCA; 0 by
    /// default). Throws when Sxx (+ ridge) is not positive definite.
    /// </summary>
    public static double[] Squared(ProbeStatistics statistics, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (!(ridge >= 0) || !double.IsFinite(ridge))
            throw new ArgumentException($"ridge is {ridge.ToString("R", CultureInfo.InvariantCulture)}; expected a finite value ≥ 0.",
                nameof(ridge));
        var sxx = statistics.FeatureComoment();
        for (int i = 0; i < sxx.RowCount; i++) sxx[i, i] += ridge;
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> chol;
        try
        {
            chol = sxx.Cholesky();
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                "The representation's centred co-moment is not positive definite (constant or collinear coordinates, " +
                "or fewer samples than dimensions); pass a ridge > 0.", nameof(statistics));
        }
        var syy = statistics.TargetComoment();
        var evd = syy.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Map(z => z.Real);
        double cut = 1e-12 * Math.Max(lambda.Maximum(), double.Epsilon);
        var invSqrt = Vector<double>.Build.Dense(lambda.Count, k => lambda[k] > cut ? 1 / Math.Sqrt(lambda[k]) : 0);
        int rankY = lambda.Count(l => l > cut);
        var yHalf = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(invSqrt) * evd.EigenVectors.Transpose();
        // K = L⁻¹ Sxy Syy^{+1/2}, with Sxx = L Lᵀ: its singular values are the canonical correlations.
        var k = chol.Factor.Solve(statistics.CrossComoment() * yHalf);
        var sv = k.Svd(computeVectors: false).S;
        int count = Math.Min(statistics.FeatureCount, rankY);
        return sv.Take(count).Select(s => s * s).ToArray();
    }

    /// <summary>
    /// Squared canonical correlations between representations <paramref name="h"/> (rows × <paramref name="width"/>,
    /// row-major) and the one-hot encoding of <paramref name="nextTokens"/> (one token in [0,
    /// <paramref name="vocabularySize"/>) per row).
    /// </summary>
    public static double[] WithNextToken(ReadOnlySpan<float> h, int width, ReadOnlySpan<int> nextTokens,
        int vocabularySize, double ridge = 0)
    {
        if (vocabularySize < 2)
            throw new ArgumentException($"vocabularySize is {vocabularySize}; expected at least 2.", nameof(vocabularySize));
        var oneHot = new double[nextTokens.Length * vocabularySize];
        for (int r = 0; r < nextTokens.Length; r++)
        {
            int t = nextTokens[r];
            if (t < 0 || t >= vocabularySize)
                throw new ArgumentException(
                    $"nextTokens[{r}] is {t}, outside the vocabulary of {vocabularySize} tokens.", nameof(nextTokens));
            oneHot[r * vocabularySize + t] = 1;
        }
        var s = ProbeStatistics.Create(width, vocabularySize);
        s.Add(h, oneHot);
        return Squared(s, ridge);
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
}
