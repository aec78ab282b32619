using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// Squared canonical correlations between a representation and the next token estimated from samples (h_i, w_{i+1})
/// without knowing Q (spec markov-categories §1.9, §4 D.12 <c>Cca.FromSamples</c>): Fisher LDA with next tokens as
/// classes on the sample-whitened representation.
/// </summary>
public static class SampleCanonicalCorrelation
{
    /// <summary>The estimated ρ², descending (d values).</summary>
    /// <param name="representations">Samples h_i as rows (n × d).</param>
    /// <param name="nextTokens">The next token w_{i+1} of each sample, in 0…vocabularySize−1.</param>
    /// <param name="vocabularySize">V.</param>
    /// <param name="ridge">Added to the sample covariance's diagonal before whitening (≥ 0).</param>
    public static double[] Estimate(Matrix<double> representations, IReadOnlyList<int> nextTokens, int vocabularySize, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(representations);
        ArgumentNullException.ThrowIfNull(nextTokens);
        int n = representations.RowCount, d = representations.ColumnCount;
        if (nextTokens.Count != n) throw new ArgumentException($"There are {n} representations but {nextTokens.Count} next tokens.", nameof(nextTokens));
        if (!(ridge >= 0)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge must be ≥ 0.");
        var mean = representations.ColumnSums() / n;
        var counts = new double[vocabularySize];
        var sums = Matrix<double>.Build.Dense(vocabularySize, d);
        var cov = Matrix<double>.Build.Dense(d, d);
        var x = Vector<double>.Build.Dense(d);
        for (int i = 0; i < n; i++)
        {
            int w = nextTokens[i];
            if (w < 0 || w >= vocabularySize) throw new ArgumentException($"Next token {w} at sample {i} is outside 0…{vocabularySize - 1}.", nameof(nextTokens));
            representations.Row(i, x);
            x.Subtract(mean, x);
            cov += x.OuterProduct(x);
            counts[w]++;
            sums.SetRow(w, sums.Row(w) + x);
        }
        cov = cov / n + ridge * Matrix<double>.Build.DenseIdentity(d);
        var evd = cov.Evd(Symmetricity.Symmetric);
        var invSqrt = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(evd.EigenValues.Real().Map(l => 1 / Math.Sqrt(l))) * evd.EigenVectors.Transpose();
        var sb = Matrix<double>.Build.Dense(d, d);
        for (int w = 0; w < vocabularySize; w++)
        {
            if (counts[w] == 0) continue;
            var mu = invSqrt * (sums.Row(w) / counts[w]);
            sb += counts[w] / n * mu.OuterProduct(mu);
        }
        return sb.Evd(Symmetricity.Symmetric).EigenValues.Real().OrderByDescending(v => v).ToArray();
    }
}
