using LmOrganisms.InformationTheory;
using LmOrganisms.Ecology;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms;

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

    /// <summary>
    /// The directed k-nearest-neighbour graph of a distance matrix: row i lists the k nearest other points (the out-edges of i,
    /// in ascending index; ties in distance broken by index) (task-ecology paper Prop 67).
    /// </summary>
    public static int[][] KnnGraph(IReadOnlyList<double[]> distances, int k)
    {
        CheckDistances(distances, k);
        int n = distances.Count;
        return Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Where(j => j != i)
            .OrderBy(j => distances[i][j]).ThenBy(j => j).Take(k).Order().ToArray()).ToArray();
    }

    /// <summary>
    /// The kNN margin γ_k = min_i (r_{k+1}(i) − r_k(i)), with r_k(i) the k-th smallest distance from i to another point
    /// (k + 1 ≤ n − 1). If sup |d̂ − d| &lt; γ_k/2 and γ_k &gt; 0 the directed kNN graphs of d and d̂ agree (Prop 67).
    /// </summary>
    public static double KnnMargin(IReadOnlyList<double[]> distances, int k)
    {
        CheckDistances(distances, k);
        int n = distances.Count;
        if (k + 1 > n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"The margin needs k + 1 ≤ n − 1 = {n - 1}.");
        double margin = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            var r = Enumerable.Range(0, n).Where(j => j != i).Select(j => distances[i][j]).OrderBy(x => x).ToArray();
            margin = Math.Min(margin, r[k] - r[k - 1]);
        }
        return margin;
    }

    /// <summary>
    /// The Gaussian-linear task distance σ²(wi, wj) = (φi − φj)ᵀ Σ_c (φi − φj) for scalar tasks f(w) = cᵀφ(w) with
    /// c ∼ N(0, Σ_c) (task-ecology paper Thm 66).
    /// </summary>
    public static double GaussianTaskDistance(Vector<double> featureI, Vector<double> featureJ, Matrix<double> taskCovariance)
    {
        ArgumentNullException.ThrowIfNull(featureI);
        ArgumentNullException.ThrowIfNull(featureJ);
        ArgumentNullException.ThrowIfNull(taskCovariance);
        var diff = featureI - featureJ;
        return diff.DotProduct(taskCovariance * diff);
    }

    private static void CheckDistances(IReadOnlyList<double[]> distances, int k)
    {
        ArgumentNullException.ThrowIfNull(distances);
        int n = distances.Count;
        for (int i = 0; i < n; i++)
            if (distances[i] is null || distances[i].Length != n)
                throw new ArgumentException($"Row {i} of the distance matrix has {distances[i]?.Length ?? 0} entries, expected {n}.", nameof(distances));
        if (k < 1 || k > n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in 1…{n - 1}.");
    }
}
