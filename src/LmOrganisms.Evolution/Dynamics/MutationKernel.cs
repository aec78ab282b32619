using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Evolution;

/// <summary>
/// A mutation kernel Q on a finite set of types (encodings, recipes): <c>Q[i, j]</c> = probability that an offspring of a
/// parent of type i has type j. Row-stochastic and immutable; validated on construction.
/// </summary>
/// <remarks>
/// Task-ecology paper, Sec. 5 (Prop 44 (d)): offspring = parent encoding passed through a mutation kernel Q on encodings;
/// spec <c>task-ecologies.md</c> §1.12.
/// </remarks>
public sealed class MutationKernel
{
    private readonly double[] q;

    private MutationKernel(double[] rowMajor, int size)
    {
        q = rowMajor;
        Size = size;
    }

    /// <summary>Number of types n (Q is n × n).</summary>
    public int Size { get; }

    /// <summary>Q[from, to]: probability that an offspring of a type-<paramref name="from"/> parent has type <paramref name="to"/>.</summary>
    public double this[int from, int to] => q[(from * Size) + to];

    /// <summary>Row <paramref name="from"/> of Q: the offspring-type law of a type-<paramref name="from"/> parent.</summary>
    public ReadOnlySpan<double> Row(int from)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, Size);
        return q.AsSpan(from * Size, Size);
    }

    /// <summary>A fresh MathNet copy of Q (rows = parent type, columns = offspring type).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Size, Size, (i, j) => q[(i * Size) + j]);

    /// <summary>The identity kernel (no mutation): replicator–mutator dynamics reduce to the replicator equation.</summary>
    public static MutationKernel Identity(int size)
    {
        Check.Positive(size, "kernel size", nameof(size));
        var data = new double[size * size];
        for (int i = 0; i < size; i++) data[(i * size) + i] = 1;
        return new MutationKernel(data, size);
    }

    /// <summary>
    /// Uniform mutation: a type stays itself with probability 1 − <paramref name="rate"/> and moves to each of the other
    /// n − 1 types with probability rate / (n − 1).
    /// </summary>
    public static MutationKernel Uniform(int size, double rate)
    {
        Check.Positive(size, "kernel size", nameof(size));
        if (!double.IsFinite(rate) || rate < 0 || rate > 1)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The mutation rate is {Check.Num(rate)}; expected a value in [0, 1].");
        if (size == 1 && rate > 0)
            throw new ArgumentException($"A one-type kernel cannot mutate; the rate is {Check.Num(rate)}, expected 0.", nameof(rate));
        var data = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                data[(i * size) + j] = i == j ? 1 - rate : rate / (size - 1);
        return new MutationKernel(data, size);
    }

    /// <summary>
    /// A kernel from its rows (<c>rows[i][j]</c> = Q[i, j]). Each row must be a probability vector (entries finite and
    /// non-negative, summing to 1 within <see cref="Tolerances.SumTolerance"/>); nothing is renormalised.
    /// </summary>
    public static MutationKernel FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Count;
        if (n == 0) throw new ArgumentException("The mutation kernel has no rows; at least one type is required.", nameof(rows));
        var data = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Row {i} of the mutation kernel is null.", nameof(rows));
            if (row.Count != n)
                throw new ArgumentException($"Row {i} of the mutation kernel has {row.Count} entries, expected {n} (a square matrix).", nameof(rows));
            for (int j = 0; j < n; j++) data[(i * n) + j] = row[j];
        }
        ValidateRows(data, n, nameof(rows));
        return new MutationKernel(data, n);
    }

    /// <summary>A kernel from a square MathNet matrix (rows = parent type); validated as in <see cref="FromRows"/>.</summary>
    public static MutationKernel FromMatrix(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.RowCount != matrix.ColumnCount)
            throw new ArgumentException($"The mutation kernel is {matrix.RowCount} × {matrix.ColumnCount}; expected a square matrix.", nameof(matrix));
        int n = matrix.RowCount;
        if (n == 0) throw new ArgumentException("The mutation kernel has no rows; at least one type is required.", nameof(matrix));
        var data = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) data[(i * n) + j] = matrix[i, j];
        ValidateRows(data, n, nameof(matrix));
        return new MutationKernel(data, n);
    }

    private static void ValidateRows(double[] data, int n, string paramName)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                double v = data[(i * n) + j];
                if (!double.IsFinite(v) || v < 0 || v > 1 + Tolerances.SumTolerance)
                    throw new ArgumentException($"Entry ({i}, {j}) of the mutation kernel is {Check.Num(v)}; expected a probability.", paramName);
                sum += v;
            }
            if (Math.Abs(sum - 1) > Tolerances.SumTolerance)
                throw new ArgumentException($"Row {i} of the mutation kernel sums to {Check.Num(sum)}, expected 1.", paramName);
        }
    }
}
