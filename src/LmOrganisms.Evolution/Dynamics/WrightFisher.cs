using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// Finite Wright–Fisher sampling: K parents drawn with replacement with probability proportional to fitness
/// (a multinomial draw), then mutation through a kernel Q. Every method takes an explicit seed and uses
/// <see cref="Random(int)"/>, so results are bit-for-bit reproducible.
/// </summary>
/// <remarks>
/// Task-ecology paper, Sec. 5 ("Finite K Wright–Fisher: K parents sampled with replacement ∝ fitness, then mutation;
/// tracks the mean field on fixed horizons with O(1/√K) noise"); spec <c>task-ecologies.md</c> §1.12, §3.6 (Exp3) and
/// §4.10 (<c>WrightFisherSample</c>). One draw per parent: u ~ U[0, 1), the parent is the first index whose cumulative
/// fitness exceeds u · Σw, so members with zero fitness are never drawn.
/// </remarks>
public static class WrightFisher
{
    /// <summary>
    /// Indices of <paramref name="count"/> parents drawn with replacement, member i with probability
    /// wᵢ / Σⱼ wⱼ (fitness non-negative with a positive total).
    /// </summary>
    public static int[] SampleParents(ReadOnlySpan<double> fitness, int count, int seed)
    {
        Check.Positive(count, "number of parents", nameof(count));
        var cumulative = Cumulative(fitness, nameof(fitness));
        var rng = new Random(seed);
        var parents = new int[count];
        for (int k = 0; k < count; k++) parents[k] = Draw(cumulative, rng);
        return parents;
    }

    /// <summary>
    /// Offspring counts per member after drawing <paramref name="count"/> parents ∝ fitness: a Multinomial(K, w/Σw)
    /// sample (the counts of <see cref="SampleParents"/> with the same seed).
    /// </summary>
    public static int[] SampleCounts(ReadOnlySpan<double> fitness, int count, int seed)
    {
        var parents = SampleParents(fitness, count, seed);
        var counts = new int[fitness.Length];
        foreach (int p in parents) counts[p]++;
        return counts;
    }

    /// <summary>
    /// One Wright–Fisher generation on types: from type counts nᵢ (K = Σ nᵢ), draw K parents with probability
    /// ∝ nᵢ Wᵢ, then give each offspring a type drawn from row Q[parent, ·]. Returns the offspring type counts; their
    /// expectation divided by K is the replicator–mutator step of the parent frequencies nᵢ/K.
    /// </summary>
    public static int[] Step(ReadOnlySpan<int> counts, ReadOnlySpan<double> fitness, MutationKernel mutation, int seed)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        var sampler = new Sampler(counts, fitness, mutation);
        var rng = new Random(seed);
        var next = new int[counts.Length];
        sampler.Generation(counts, next, rng);
        return next;
    }

    /// <summary>
    /// <paramref name="generations"/> Wright–Fisher generations from <paramref name="initialCounts"/>; row g of the
    /// result holds the type counts of generation g (row 0 = the initial counts). One random stream, seeded once.
    /// Reports progress (generations done) and honours cancellation between generations.
    /// </summary>
    public static int[][] Simulate(ReadOnlySpan<int> initialCounts, ReadOnlySpan<double> fitness, MutationKernel mutation,
        int generations, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentOutOfRangeException.ThrowIfNegative(generations);
        var sampler = new Sampler(initialCounts, fitness, mutation);
        var rng = new Random(seed);
        var result = new int[generations + 1][];
        result[0] = initialCounts.ToArray();
        for (int g = 1; g <= generations; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[g] = new int[initialCounts.Length];
            if (!sampler.Generation(result[g - 1], result[g], rng))
            {
                // Every remaining member has zero fitness: the population cannot reproduce.
                throw new InvalidOperationException(
                    $"Generation {g - 1} has zero total fitness (every surviving type has fitness 0); the population went extinct.");
            }
            progress?.Report(g);
        }
        return result;
    }

    private sealed class Sampler
    {
        private readonly double[] fitness;
        private readonly double[][] mutationCumulative;
        private readonly double[] weights;
        private readonly double[] cumulative;

        public Sampler(ReadOnlySpan<int> counts, ReadOnlySpan<double> fitness, MutationKernel mutation)
        {
            int n = counts.Length;
            if (n == 0) throw new ArgumentException("The type counts are empty; at least one type is required.", nameof(counts));
            Check.SameLength(n, fitness.Length, "fitness values", nameof(fitness));
            Check.SameLength(n, mutation.Size, "mutation kernel rows", nameof(mutation));
            Check.Fitness(fitness, "fitness values", nameof(fitness));
            long total = 0;
            for (int i = 0; i < n; i++)
            {
                if (counts[i] < 0)
                    throw new ArgumentException($"Entry {i} of the type counts is {counts[i]}; expected a non-negative count.", nameof(counts));
                total += counts[i];
            }
            if (total == 0 || total > int.MaxValue)
                throw new ArgumentException($"The population size Σ counts is {total}; expected a positive size that fits an int.", nameof(counts));
            this.fitness = fitness.ToArray();
            weights = new double[n];
            cumulative = new double[n];
            mutationCumulative = CumulativeRows(mutation);
            double first = 0;
            for (int i = 0; i < n; i++) first += counts[i] * this.fitness[i];
            if (!(first > 0))
                throw new ArgumentException("The total fitness Σ nᵢ Wᵢ of the initial population is 0; expected a positive value.", nameof(fitness));
        }

        public bool Generation(ReadOnlySpan<int> counts, Span<int> next, Random rng)
        {
            int k = 0;
            double s = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                k += counts[i];
                weights[i] = counts[i] * fitness[i];
                cumulative[i] = s += weights[i];
            }
            if (!(s > 0)) return false;
            next.Clear();
            for (int m = 0; m < k; m++)
            {
                int parent = Draw(cumulative, rng);
                int child = Draw(mutationCumulative[parent], rng);
                next[child]++;
            }
            return true;
        }
    }

    internal static double[] Cumulative(ReadOnlySpan<double> fitness, string paramName)
    {
        Check.Fitness(fitness, "fitness values", paramName);
        var c = new double[fitness.Length];
        double s = 0;
        for (int i = 0; i < fitness.Length; i++) c[i] = s += fitness[i];
        if (!(s > 0))
            throw new ArgumentException("The total fitness is 0; expected a positive total.", paramName);
        return c;
    }

    /// <summary>Cumulative sums of each row of Q, for <see cref="Draw"/>.</summary>
    internal static double[][] CumulativeRows(MutationKernel mutation)
    {
        int n = mutation.Size;
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var row = mutation.Row(i);
            var c = new double[n];
            double s = 0;
            for (int j = 0; j < n; j++) c[j] = s += row[j];
            rows[i] = c;
        }
        return rows;
    }

    /// <summary>First index whose cumulative weight exceeds u · total (u ~ U[0,1)); zero-weight entries are never drawn.</summary>
    internal static int Draw(double[] cumulative, Random rng)
    {
        int n = cumulative.Length;
        double t = rng.NextDouble() * cumulative[n - 1];
        int lo = 0, hi = n - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > t) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
