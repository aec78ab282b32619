using LmOrganisms.Ecology;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.TaskEcology;

/// <summary>
/// Geometry of a finite ecology (task-ecology paper App. A, Prop 61, Thm 63, Cor 51; spec §4.11): the Hellinger
/// embedding, the task kernel and centred Gram ranks.
/// </summary>
public static class EcologyGeometry
{
    /// <summary>
    /// The Hellinger embedding Ψ_D(w)(c, v) = √(d_c(c) P_w(v|c)), a vector in L²(D_C; R^|V|) flattened as c·|V| + v, so
    /// that σ²_D(wi, wj) = ½‖Ψ(wi) − Ψ(wj)‖².
    /// </summary>
    public static double[][] HellingerEmbedding(this FiniteEcology ecology)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int nc = ecology.ContextCount, nv = ecology.VocabularySize;
        return Enumerable.Range(0, ecology.WorldCount).Select(w =>
        {
            var x = new double[nc * nv];
            for (int c = 0; c < nc; c++)
                for (int v = 0; v < nv; v++) x[c * nv + v] = Math.Sqrt(ecology.ContextWeights[c] * ecology[w, c, v]);
            return x;
        }).ToArray();
    }

    /// <summary>
    /// The task kernel K_μ = −½ J D_σ Jᵀ with D_σ the separation matrix and J = I − 𝟙wᵀ the centring (w uniform, or the
    /// prior π when <paramref name="priorWeighted"/>); positive semi-definite, K_ij = ½⟨Ψ̄(wi), Ψ̄(wj)⟩ (Prop 61).
    /// </summary>
    public static Matrix<double> TaskKernel(this FiniteEcology ecology, bool priorWeighted = false)
    {
        ArgumentNullException.ThrowIfNull(ecology);
        int n = ecology.WorldCount;
        var d = Matrix<double>.Build.DenseOfRowArrays(ecology.TaskDistanceMatrix());
        var w = priorWeighted ? ecology.Priors.ToArray() : Enumerable.Repeat(1.0 / n, n).ToArray();
        var j = Matrix<double>.Build.DenseIdentity(n) - Matrix<double>.Build.Dense(n, n, (_, c) => w[c]);
        return -0.5 * j * d * j.Transpose();
    }

    /// <summary>
    /// The rank of the centred Gram matrix of codes h(w) ∈ R^d (rows), with singular values below
    /// <paramref name="tolerance"/> × the largest treated as zero; k distinct codes give rank ≤ k − 1 (Cor 51, Thm 63).
    /// </summary>
    public static int CenteredGramRank(IReadOnlyList<double[]> codes, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0) throw new ArgumentException("No codes given.", nameof(codes));
        var h = Matrix<double>.Build.DenseOfRowArrays(codes);
        var mean = h.ColumnSums() / h.RowCount;
        var centred = h - Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount, (_, c) => mean[c]);
        var gram = centred * centred.Transpose();
        var s = gram.Svd(false).S;
        double max = s.Count == 0 ? 0 : s.Maximum();
        return max == 0 ? 0 : s.Count(x => x > tolerance * max);
    }
}
