using System.Globalization;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Probing;

/// <summary>
/// Behavioural distances between worlds as seen by a trained model (task-ecology spec §3.2, §4.15): the mean output
/// law p̄_w(r) of the model over a world's prefixes of length r, and
/// <c>D_beh(wᵢ, wⱼ) = mean_r JS_{1/2}(p̄_wᵢ(r), p̄_wⱼ(r))</c> in nats (<see cref="Divergence.JensenShannon(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>).
/// </summary>
public static class BehaviouralDistance
{
    /// <summary>Tolerance on the sum of each model output row: laws must be normalised in double precision (as every
    /// <see cref="ISequenceModel"/> returns them), the tolerance of every law in the library.</summary>
    public const double RowSumTolerance = Tolerances.SumTolerance;

    /// <summary>
    /// The mean output law p̄ = (1/n) Σᵢ pᵢ of <paramref name="outputs"/>, n rows of <paramref name="vocabularySize"/>
    /// probabilities, row-major (the model's softmax at the last position of each prefix).
    /// </summary>
    public static double[] MeanOutputLaw(ReadOnlySpan<double> outputs, int vocabularySize)
    {
        if (vocabularySize < 1)
            throw new ArgumentException($"vocabularySize is {vocabularySize}; expected at least 1.", nameof(vocabularySize));
        if (outputs.Length == 0 || outputs.Length % vocabularySize != 0)
            throw new ArgumentException(
                $"outputs has {outputs.Length} entries; expected a positive multiple of the vocabulary size {vocabularySize}.",
                nameof(outputs));
        int n = outputs.Length / vocabularySize;
        var mean = new double[vocabularySize];
        for (int r = 0; r < n; r++)
        {
            var row = outputs.Slice(r * vocabularySize, vocabularySize);
            CheckLaw(row, $"output row {r}", nameof(outputs), RowSumTolerance);
            for (int v = 0; v < vocabularySize; v++) mean[v] += row[v];
        }
        for (int v = 0; v < vocabularySize; v++) mean[v] /= n;
        return mean;
    }

    /// <summary>
    /// Mean output laws per world and prefix length: <paramref name="outputs"/>[w][r] holds the model's output rows
    /// (row-major, <paramref name="vocabularySize"/> wide) for world w's prefixes of the r-th length; the result is
    /// p̄[w][r][v].
    /// </summary>
    public static double[][][] MeanOutputLaws(IReadOnlyList<IReadOnlyList<double[]>> outputs, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs.Select((perLength, w) =>
        {
            ArgumentNullException.ThrowIfNull(perLength);
            return perLength.Select((rows, r) =>
            {
                try
                {
                    return MeanOutputLaw(rows, vocabularySize);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"World {w}, prefix length index {r}: {e.Message}", nameof(outputs), e);
                }
            }).ToArray();
        }).ToArray();
    }

    /// <summary><c>D_beh = mean_r JS_{1/2}(a[r], b[r])</c> in nats, for two worlds' mean output laws indexed by prefix
    /// length (task-ecology spec §3.2).</summary>
    public static double Between(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || a.Count != b.Count)
            throw new ArgumentException(
                $"The worlds have {a.Count} and {b.Count} prefix lengths; expected the same positive number.", nameof(b));
        double s = 0;
        for (int r = 0; r < a.Count; r++) s += Divergence.JensenShannon(a[r], b[r]);
        return s / a.Count;
    }

    /// <summary>The symmetric behavioural distance matrix D[i][j] = <see cref="Between(IReadOnlyList{double[]}, IReadOnlyList{double[]})"/>(p̄[i], p̄[j]) over worlds,
    /// zero on the diagonal.</summary>
    public static double[][] Matrix(IReadOnlyList<IReadOnlyList<double[]>> meanLaws)
    {
        ArgumentNullException.ThrowIfNull(meanLaws);
        return Symmetric(meanLaws.Count, (i, j) => Between(meanLaws[i], meanLaws[j]));
    }

    /// <summary><c>D_beh = Σ_c d_c JS_{1/2}(a[c], b[c])</c> in nats: the context-weighted behavioural distance of two
    /// worlds' mean laws over an ecology's contexts with weights <paramref name="contextWeights"/> d_c (summing to 1);
    /// with uniform weights it is <see cref="Between(IReadOnlyList{double[]}, IReadOnlyList{double[]})"/>.</summary>
    public static double Between(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b, IReadOnlyList<double> contextWeights)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(contextWeights);
        if (a.Count == 0 || a.Count != b.Count || a.Count != contextWeights.Count)
            throw new ArgumentException(
                $"The worlds have {a.Count} and {b.Count} contexts and there are {contextWeights.Count} context weights; expected the same positive number.",
                nameof(contextWeights));
        double s = 0;
        for (int c = 0; c < a.Count; c++)
        {
            double d = contextWeights[c];
            if (!(d >= 0) || !double.IsFinite(d))
                throw new ArgumentException(
                    $"Context weight {c} is {d.ToString("R", CultureInfo.InvariantCulture)}; expected a probability.", nameof(contextWeights));
            if (d > 0) s += d * Divergence.JensenShannon(a[c], b[c]);
        }
        return s;
    }

    /// <summary>The symmetric context-weighted distance matrix D[i][j] =
    /// <see cref="Between(IReadOnlyList{double[]}, IReadOnlyList{double[]}, IReadOnlyList{double})"/>(p̄[i], p̄[j], d),
    /// zero on the diagonal.</summary>
    public static double[][] Matrix(IReadOnlyList<IReadOnlyList<double[]>> meanLaws, IReadOnlyList<double> contextWeights)
    {
        ArgumentNullException.ThrowIfNull(meanLaws);
        return Symmetric(meanLaws.Count, (i, j) => Between(meanLaws[i], meanLaws[j], contextWeights));
    }

    /// <summary>The n × n matrix with <paramref name="distance"/>(i, j) above the diagonal, mirrored, zero diagonal.</summary>
    private static double[][] Symmetric(int n, Func<int, int, double> distance)
    {
        var d = new double[n][];
        for (int i = 0; i < n; i++) d[i] = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                d[i][j] = d[j][i] = distance(i, j);
        return d;
    }

    internal static void CheckLaw(ReadOnlySpan<double> row, string where, string paramName, double tolerance)
    {
        double sum = 0;
        for (int v = 0; v < row.Length; v++)
        {
            if (!(row[v] >= 0) || !double.IsFinite(row[v]))
                throw new ArgumentException(
                    $"{where}, entry {v}, is {row[v].ToString("R", CultureInfo.InvariantCulture)}; expected a probability.",
                    paramName);
            sum += row[v];
        }
        if (Math.Abs(sum - 1) > tolerance)
            throw new ArgumentException(
                $"{where} sums to {sum.ToString("G12", CultureInfo.InvariantCulture)}, expected 1 (within {tolerance.ToString("R", CultureInfo.InvariantCulture)}).",
                paramName);
    }
}
