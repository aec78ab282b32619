using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory;

/// <summary>
/// A Markov kernel between finite sets, a row-stochastic matrix K[x, y] = k(y | x) (Markov-categorical paper, the category
/// Stoch restricted to finite sets; spec markov-categories §1.1 and §4 A.1). Immutable. Composition is Chapman–Kolmogorov
/// (matrix product), the tensor product acts on pairs (x1, x2) ↦ index x1·|X2| + x2, and the copy map sends x to (x, x).
/// </summary>
public sealed class FiniteMarkovKernel
{
    private readonly double[] k; // row-major Inputs × Outputs

    private FiniteMarkovKernel(int inputs, int outputs, double[] values)
    {
        Inputs = inputs;
        Outputs = outputs;
        k = values;
    }

    /// <summary>The size of the domain X.</summary>
    public int Inputs { get; }

    /// <summary>The size of the codomain Y.</summary>
    public int Outputs { get; }

    /// <summary>k(y | x).</summary>
    public double this[int x, int y] => k[x * Outputs + y];

    /// <summary>The law k(· | x).</summary>
    public ReadOnlySpan<double> Row(int x) => k.AsSpan(x * Outputs, Outputs);

    /// <summary>Creates a kernel from rows <c>rows[x][y]</c> = k(y | x), each a distribution (within 1e-9).</summary>
    public static FiniteMarkovKernel Create(IReadOnlyList<double[]> rows)
    {
        Laws.CheckStochastic(rows, nameof(rows));
        int n = rows.Count, m = rows[0].Length;
        var v = new double[n * m];
        for (int i = 0; i < n; i++) rows[i].CopyTo(v, i * m);
        return new FiniteMarkovKernel(n, m, v);
    }

    /// <summary>The identity kernel on an n-set.</summary>
    public static FiniteMarkovKernel Identity(int n) => Deterministic(Enumerable.Range(0, n).ToArray(), n);

    /// <summary>The deterministic (Dirac) kernel x ↦ δ_{f(x)} of a function f: X → Y given as an array.</summary>
    public static FiniteMarkovKernel Deterministic(IReadOnlyList<int> function, int outputs)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "The codomain needs at least one element.");
        var v = new double[function.Count * outputs];
        for (int x = 0; x < function.Count; x++)
        {
            if (function[x] < 0 || function[x] >= outputs)
                throw new ArgumentException($"f({x}) = {function[x]} lies outside 0…{outputs - 1}.", nameof(function));
            v[x * outputs + function[x]] = 1;
        }
        return new FiniteMarkovKernel(function.Count, outputs, v);
    }

    /// <summary>The copy map X → X⊗X, x ↦ δ_{(x, x)}.</summary>
    public static FiniteMarkovKernel Copy(int n) => Deterministic(Enumerable.Range(0, n).Select(x => x * n + x).ToArray(), n * n);

    /// <summary>
    /// The linear-softmax head kernel h ↦ softmax(W h + b) evaluated on a finite set of representations
    /// (rows of <paramref name="representations"/>, N × d); W is V × d (spec §1.1, k_head).
    /// </summary>
    public static FiniteMarkovKernel SoftmaxHead(Matrix<double> weights, Vector<double> bias, Matrix<double> representations)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(representations);
        return Create(Enumerable.Range(0, representations.RowCount)
            .Select(i => FisherRao.Softmax(weights * representations.Row(i) + bias).ToArray()).ToArray());
    }

    /// <summary>
    /// The chain context → representation → next token of a finite model: the deterministic encoder
    /// <paramref name="representationOf"/> (context c ↦ representation index) followed by the head kernel.
    /// </summary>
    public static FiniteMarkovKernel Chain(IReadOnlyList<int> representationOf, FiniteMarkovKernel head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return Deterministic(representationOf, head.Inputs).Then(head);
    }

    /// <summary>The composite "this, then <paramref name="next"/>": (next ∘ this)(z | x) = Σ_y this(y | x) next(z | y).</summary>
    public FiniteMarkovKernel Then(FiniteMarkovKernel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Inputs != Outputs)
            throw new ArgumentException($"Cannot compose: this kernel has {Outputs} outputs but the next one has {next.Inputs} inputs.", nameof(next));
        var v = new double[Inputs * next.Outputs];
        for (int x = 0; x < Inputs; x++)
            for (int y = 0; y < Outputs; y++)
            {
                double a = k[x * Outputs + y];
                if (a != 0)
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(next.Row(y), a, v.AsSpan(x * next.Outputs, next.Outputs), v.AsSpan(x * next.Outputs, next.Outputs));
            }
        return new FiniteMarkovKernel(Inputs, next.Outputs, v);
    }

    /// <summary>The tensor product this ⊗ other: (x1, x2) ↦ k1(·|x1) ⊗ k2(·|x2).</summary>
    public FiniteMarkovKernel Tensor(FiniteMarkovKernel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int n = Inputs * other.Inputs, m = Outputs * other.Outputs;
        var v = new double[n * m];
        for (int x1 = 0; x1 < Inputs; x1++)
            for (int x2 = 0; x2 < other.Inputs; x2++)
                for (int y1 = 0; y1 < Outputs; y1++)
                    for (int y2 = 0; y2 < other.Outputs; y2++)
                        v[(x1 * other.Inputs + x2) * m + y1 * other.Outputs + y2] = this[x1, y1] * other[x2, y2];
        return new FiniteMarkovKernel(n, m, v);
    }

    /// <summary>The pushforward of a law μ on X: (μK)(y) = Σₓ μ(x) k(y | x).</summary>
    public double[] Push(ReadOnlySpan<double> law)
    {
        Laws.Check(law, nameof(law));
        if (law.Length != Inputs) throw new ArgumentException($"The law has {law.Length} entries, expected {Inputs}.", nameof(law));
        var p = new double[Outputs];
        for (int x = 0; x < Inputs; x++)
            if (law[x] != 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(Row(x), law[x], p, p);
        return p;
    }

    /// <summary>True when every row is a point mass (a Dirac kernel).</summary>
    public bool IsDeterministic => Enumerable.Range(0, Inputs).All(x => k.AsSpan(x * Outputs, Outputs).IndexOf(1.0) >= 0 && k.Skip(x * Outputs).Take(Outputs).Count(v => v != 0) == 1);

    /// <summary>
    /// The Markov-category determinism test: copy ∘ k = (k ⊗ k) ∘ copy, entrywise within <paramref name="tolerance"/>.
    /// Holds exactly for deterministic kernels.
    /// </summary>
    public bool CommutesWithCopy(double tolerance = 1e-12)
    {
        var left = Then(Copy(Outputs));
        var right = Copy(Inputs).Then(Tensor(this));
        return left.ApproximatelyEquals(right, tolerance);
    }

    /// <summary>True when both kernels have the same shape and entries within <paramref name="tolerance"/>.</summary>
    public bool ApproximatelyEquals(FiniteMarkovKernel other, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Inputs != Inputs || other.Outputs != Outputs) return false;
        for (int i = 0; i < k.Length; i++)
            if (Math.Abs(k[i] - other.k[i]) > tolerance) return false;
        return true;
    }

    /// <summary>The rows as arrays, <c>[x][y]</c>.</summary>
    public double[][] ToArray() => Enumerable.Range(0, Inputs).Select(x => Row(x).ToArray()).ToArray();

    /// <summary>The kernel as a MathNet matrix (Inputs × Outputs).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.DenseOfRowArrays(ToArray());
}
