using System.Numerics.Tensors;
using LmOrganisms.Evolution;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Evolution;

/// <summary>
/// Mean-field replicator–mutator dynamics on frequencies x over a finite set of types (canonical encodings):
/// <c>x'_j = Σᵢ xᵢ Wᵢ Q_ij / Σᵢ xᵢ Wᵢ</c>, i.e. <c>x' = A x / (1ᵀ A x)</c> with <c>A = Qᵀ diag(W)</c>.
/// </summary>
/// <remarks>
/// Task-ecology paper, Sec. 5 (Prop 44 and the companion paper's equations); spec <c>task-ecologies.md</c> §1.12
/// ("Replicator–mutator (mean field)") and checklist §4.10 (<c>ReplicatorMutatorStep</c>, <c>Iterate</c>,
/// <c>PerronEquilibrium</c>).
/// </remarks>
public static class ReplicatorMutator
{
    /// <summary>Mean fitness w̄ = Σᵢ xᵢ Wᵢ (the denominator of the replicator–mutator map).</summary>
    public static double MeanFitness(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness)
    {
        Check.Frequencies(frequencies, "frequencies", nameof(frequencies));
        Check.SameLength(frequencies.Length, fitness.Length, "fitness values", nameof(fitness));
        Check.Fitness(fitness, "fitness values", nameof(fitness));
        return TensorPrimitives.Dot(frequencies, fitness);
    }

    /// <summary>
    /// One replicator–mutator step <c>x'_j = Σᵢ xᵢ Wᵢ Q_ij / Σᵢ xᵢ Wᵢ</c> (spec §1.12). Fitness must be non-negative with
    /// positive mean fitness.
    /// </summary>
    public static double[] Step(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness, MutationKernel mutation)
    {
        var result = new double[frequencies.Length];
        Step(frequencies, fitness, mutation, result);
        return result;
    }

    /// <summary>One replicator–mutator step written into <paramref name="result"/> (same length as the frequencies).</summary>
    public static void Step(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness, MutationKernel mutation, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        Validate(frequencies, fitness, mutation);
        if (result.Length != frequencies.Length)
            throw new ArgumentException($"The result buffer has {result.Length} entries, expected {frequencies.Length}.", nameof(result));
        var scratch = new double[frequencies.Length];
        StepUnchecked(frequencies, fitness, mutation, scratch, result);
    }

    /// <summary>
    /// The selection–mutation matrix A = Qᵀ diag(W): <c>A[j, i] = Q[i, j] Wᵢ</c> (spec §1.12). The replicator–mutator map
    /// is x ↦ A x / (1ᵀ A x) and its fixed points are Perron vectors of A.
    /// </summary>
    public static Matrix<double> SelectionMutationMatrix(ReadOnlySpan<double> fitness, MutationKernel mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        Check.SameLength(mutation.Size, fitness.Length, "fitness values", nameof(fitness));
        Check.Fitness(fitness, "fitness values", nameof(fitness));
        var w = fitness.ToArray();
        return Matrix<double>.Build.Dense(mutation.Size, mutation.Size, (j, i) => mutation[i, j] * w[i]);
    }

    /// <summary>
    /// Iterates the replicator–mutator map from <paramref name="initial"/> until the L1 change of a step is at most
    /// <paramref name="tolerance"/> or <paramref name="maxIterations"/> steps were taken (then <c>Converged</c> is false;
    /// nothing is thrown). Progress is reported every 1,000 steps and at the end.
    /// </summary>
    /// <remarks>
    /// With an irreducible, aperiodic A the iteration converges to the Perron vector (<see cref="Equilibrium"/>); with
    /// constrained (reducible) mutation it converges to the dominant class reachable from the initial frequencies
    /// (spec §1.12). A periodic A can oscillate and then never converges.
    /// </remarks>
    public static ReplicatorMutatorRun Iterate(ReadOnlySpan<double> initial, ReadOnlySpan<double> fitness, MutationKernel mutation,
        double tolerance = 1e-13, int maxIterations = 1_000_000, IProgress<IterationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        Validate(initial, fitness, mutation);
        if (!(tolerance >= 0) || double.IsPositiveInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"The tolerance is {Check.Num(tolerance)}; expected a finite non-negative value.");
        Check.Positive(maxIterations, "maximum number of iterations", nameof(maxIterations));
        int n = initial.Length;
        var x = initial.ToArray();
        var next = new double[n];
        var scratch = new double[n];
        double change = double.PositiveInfinity;
        int g = 0;
        while (g < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StepUnchecked(x, fitness, mutation, scratch, next);
            TensorPrimitives.Subtract(next, x, scratch);
            change = TensorPrimitives.SumOfMagnitudes(scratch);
            (x, next) = (next, x);
            g++;
            if (g % 1000 == 0) progress?.Report(new IterationProgress(g, change));
            if (change <= tolerance) break;
        }
        progress?.Report(new IterationProgress(g, change));
        return new ReplicatorMutatorRun(x, g, change <= tolerance, change, TensorPrimitives.Dot(x, fitness));
    }

    /// <summary>
    /// The trajectory x_0, x_1, …, x_G of the replicator–mutator map (G = <paramref name="generations"/>), for plots.
    /// </summary>
    public static double[][] Trajectory(ReadOnlySpan<double> initial, ReadOnlySpan<double> fitness, MutationKernel mutation, int generations)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        Validate(initial, fitness, mutation);
        ArgumentOutOfRangeException.ThrowIfNegative(generations);
        var result = new double[generations + 1][];
        result[0] = initial.ToArray();
        var scratch = new double[initial.Length];
        for (int g = 1; g <= generations; g++)
        {
            result[g] = new double[initial.Length];
            StepUnchecked(result[g - 1], fitness, mutation, scratch, result[g]);
        }
        return result;
    }

    /// <summary>
    /// The mutation–selection equilibrium: the leading (Perron) eigenvector of A = Qᵀ diag(W), normalised to sum 1,
    /// and its eigenvalue (the equilibrium mean fitness). Spec §1.12: fixed points = Perron vector of A.
    /// </summary>
    /// <exception cref="ArgumentException">A fitness value is not positive, or the mutation kernel is reducible
    /// (some type cannot be reached from another), so the equilibrium is not unique; use <see cref="Iterate"/> from
    /// the initial frequencies of interest instead.</exception>
    public static PerronEquilibrium Equilibrium(ReadOnlySpan<double> fitness, MutationKernel mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        Check.SameLength(mutation.Size, fitness.Length, "fitness values", nameof(fitness));
        Check.Fitness(fitness, "fitness values", nameof(fitness), strictlyPositive: true);
        RequireIrreducible(mutation);
        int n = mutation.Size;
        if (n == 1) return new PerronEquilibrium(fitness[0], [1.0]);
        var a = SelectionMutationMatrix(fitness, mutation);
        var evd = a.Evd();
        int best = 0;
        for (int k = 1; k < n; k++)
            if (evd.EigenValues[k].Real > evd.EigenValues[best].Real) best = k;
        double lambda = evd.EigenValues[best].Real;
        if (Math.Abs(evd.EigenValues[best].Imaginary) > 1e-9 * Math.Max(1, lambda))
            throw new InvalidOperationException($"The leading eigenvalue of A is not real ({evd.EigenValues[best]}); the eigen-solver failed.");
        var v = evd.EigenVectors.Column(best).ToArray();
        double sum = TensorPrimitives.Sum(v);
        TensorPrimitives.Divide(v, sum, v);
        for (int i = 0; i < n; i++)
            if (!(v[i] > 0))
                throw new InvalidOperationException(
                    $"Entry {i} of the Perron vector is {Check.Num(v[i])}, not positive; the eigen-solver lost accuracy (A is irreducible, so the exact vector is positive).");
        // Residual check: ‖A v − λ v‖₁ small relative to λ.
        var av = a * Vector<double>.Build.DenseOfArray(v);
        double residual = 0;
        for (int i = 0; i < n; i++) residual += Math.Abs(av[i] - (lambda * v[i]));
        if (residual > 1e-9 * lambda)
            throw new InvalidOperationException($"The Perron eigenpair has residual {Check.Num(residual)}; the eigen-solver lost accuracy.");
        return new PerronEquilibrium(lambda, v);
    }

    private static void RequireIrreducible(MutationKernel q)
    {
        int n = q.Size;
        // With positive fitness, A[j,i] > 0 iff Q[i,j] > 0: strong connectivity of the mutation graph i → j.
        for (int pass = 0; pass < 2; pass++)
        {
            var seen = new bool[n];
            var stack = new Stack<int>();
            seen[0] = true;
            stack.Push(0);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                for (int j = 0; j < n; j++)
                {
                    double edge = pass == 0 ? q[i, j] : q[j, i];
                    if (edge > 0 && !seen[j])
                    {
                        seen[j] = true;
                        stack.Push(j);
                    }
                }
            }
            for (int j = 0; j < n; j++)
                if (!seen[j])
                    throw new ArgumentException(
                        pass == 0
                            ? $"The mutation kernel is reducible: type {j} cannot be reached from type 0 by mutation, so the equilibrium is not unique (it depends on the initial frequencies); use ReplicatorMutator.Iterate instead."
                            : $"The mutation kernel is reducible: type 0 cannot be reached from type {j} by mutation, so the equilibrium is not unique (it depends on the initial frequencies); use ReplicatorMutator.Iterate instead.",
                        "mutation");
        }
    }

    private static void Validate(ReadOnlySpan<double> frequencies, ReadOnlySpan<double> fitness, MutationKernel mutation)
    {
        Check.Frequencies(frequencies, "frequencies", nameof(frequencies));
        Check.SameLength(frequencies.Length, fitness.Length, "fitness values", nameof(fitness));
        Check.SameLength(frequencies.Length, mutation.Size, "mutation kernel rows", nameof(mutation));
        Check.Fitness(fitness, "fitness values", nameof(fitness));
        double mean = TensorPrimitives.Dot(frequencies, fitness);
        if (!(mean > 0))
            throw new ArgumentException($"The mean fitness Σ x_i W_i is {Check.Num(mean)}; expected a positive value.", nameof(fitness));
    }

    /// <summary>result = Qᵀ (x ∘ W) / (xᵀ W), using <paramref name="scratch"/> for x ∘ W.</summary>
    internal static void StepUnchecked(ReadOnlySpan<double> x, ReadOnlySpan<double> w, MutationKernel q, Span<double> scratch, Span<double> result)
    {
        TensorPrimitives.Multiply(x, w, scratch);
        double mean = TensorPrimitives.Sum(scratch);
        result.Clear();
        for (int i = 0; i < x.Length; i++)
        {
            double yi = scratch[i] / mean;
            if (yi != 0) TensorPrimitives.MultiplyAdd(q.Row(i), yi, result, result);
        }
    }
}
