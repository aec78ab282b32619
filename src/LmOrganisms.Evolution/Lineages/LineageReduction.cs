using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution;

/// <summary>
/// The lineage-to-encoding reduction of the task-ecology paper (Prop 44): when each lineage carries a frozen encoding,
/// fitness depends on the lineage only through its encoding, parents are drawn ∝ fitness and offspring encodings come
/// from a mutation kernel Q on encodings, the lineage-level dynamics reduce to Wright–Fisher / replicator–mutator
/// dynamics on encoding frequencies.
/// </summary>
/// <remarks>
/// Spec <c>task-ecologies.md</c> §1.12 ("Lineage-level check used in code: with lineage encodings zᵢ, fitness f(z),
/// kernel Q, E[next] = Σᵢ (f(zᵢ)/Σ f) Q[zᵢ, ·] equals the reduced replicator–mutator step on encoding frequencies")
/// and §4.10 (<c>LineageExpectation</c>).
/// </remarks>
public static class LineageReduction
{
    /// <summary>
    /// Reduces lineages, each given by its induced partition of the worlds (any integer labels), to frequencies over
    /// distinct encodings. Partitions are compared after canonicalisation, so <c>[1, 1, 0]</c> and <c>[0, 0, 2]</c> are
    /// the same encoding.
    /// </summary>
    public static EncodingPopulation Reduce(IReadOnlyList<IReadOnlyList<int>> lineageEncodings)
    {
        ArgumentNullException.ThrowIfNull(lineageEncodings);
        int n = lineageEncodings.Count;
        if (n == 0) throw new ArgumentException("No lineages were given; at least one is required.", nameof(lineageEncodings));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var encodings = new List<int[]>();
        var counts = new List<int>();
        var types = new int[n];
        int worlds = -1;
        for (int i = 0; i < n; i++)
        {
            var labels = lineageEncodings[i] ?? throw new ArgumentException($"The encoding of lineage {i} is null.", nameof(lineageEncodings));
            if (worlds < 0) worlds = labels.Count;
            if (labels.Count != worlds || worlds == 0)
                throw new ArgumentException(
                    $"The encoding of lineage {i} has {labels.Count} labels, expected {worlds} (one per world, the same for every lineage, at least one).",
                    nameof(lineageEncodings));
            var canonical = Canonicalize(labels, i);
            string key = string.Join(',', canonical);
            if (!index.TryGetValue(key, out int t))
            {
                t = encodings.Count;
                index[key] = t;
                encodings.Add(canonical);
                counts.Add(0);
            }
            counts[t]++;
            types[i] = t;
        }
        var x = new double[encodings.Count];
        for (int t = 0; t < x.Length; t++) x[t] = (double)counts[t] / n;
        return new EncodingPopulation(encodings, x, types);
    }

    /// <summary>
    /// Frequencies xⱼ = #{i : zᵢ = j} / n of types 0..<paramref name="typeCount"/>−1 among lineages with types
    /// <paramref name="lineageTypes"/>.
    /// </summary>
    public static double[] TypeFrequencies(ReadOnlySpan<int> lineageTypes, int typeCount)
    {
        Check.Positive(typeCount, "number of types", nameof(typeCount));
        ValidateTypes(lineageTypes, typeCount);
        var x = new double[typeCount];
        foreach (int z in lineageTypes) x[z] += 1;
        for (int j = 0; j < typeCount; j++) x[j] /= lineageTypes.Length;
        return x;
    }

    /// <summary>
    /// The lineage-level expected offspring-encoding law, computed lineage by lineage:
    /// <c>E[next]_j = Σᵢ (f(zᵢ)/Σₖ f(zₖ)) Q[zᵢ, j]</c>, where lineage i has encoding type zᵢ and
    /// <paramref name="typeFitness"/>[z] = f(z). By Prop 44 it equals
    /// <see cref="ReplicatorMutator.Step(ReadOnlySpan{double}, ReadOnlySpan{double}, MutationKernel)"/> of the encoding
    /// frequencies (<see cref="TypeFrequencies"/>).
    /// </summary>
    public static double[] ExpectedOffspring(ReadOnlySpan<int> lineageTypes, ReadOnlySpan<double> typeFitness, MutationKernel mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        int m = mutation.Size;
        Check.SameLength(m, typeFitness.Length, "encoding fitness values", nameof(typeFitness));
        Check.Fitness(typeFitness, "encoding fitness values", nameof(typeFitness));
        ValidateTypes(lineageTypes, m);
        double total = 0;
        foreach (int z in lineageTypes) total += typeFitness[z];
        if (!(total > 0))
            throw new ArgumentException("The total lineage fitness is 0; expected a positive total.", nameof(typeFitness));
        var next = new double[m];
        foreach (int z in lineageTypes)
        {
            double p = typeFitness[z] / total;
            var row = mutation.Row(z);
            for (int j = 0; j < m; j++) next[j] += p * row[j];
        }
        return next;
    }

    /// <summary>
    /// One stochastic lineage generation: as many offspring as lineages, each with a parent drawn ∝ fitness of its
    /// encoding and an encoding drawn from Q[parent encoding, ·]. Returns the offspring encoding types (reproducible
    /// for a seed; the offspring type counts are those of <see cref="WrightFisher.Step"/> on the type counts in law).
    /// </summary>
    public static int[] SampleNextGeneration(ReadOnlySpan<int> lineageTypes, ReadOnlySpan<double> typeFitness, MutationKernel mutation, int seed)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        int m = mutation.Size;
        Check.SameLength(m, typeFitness.Length, "encoding fitness values", nameof(typeFitness));
        Check.Fitness(typeFitness, "encoding fitness values", nameof(typeFitness));
        ValidateTypes(lineageTypes, m);
        var lineageFitness = new double[lineageTypes.Length];
        for (int i = 0; i < lineageFitness.Length; i++) lineageFitness[i] = typeFitness[lineageTypes[i]];
        var cumulative = WrightFisher.Cumulative(lineageFitness, nameof(typeFitness));
        var rows = WrightFisher.CumulativeRows(mutation);
        var rng = new Random(seed);
        var next = new int[lineageTypes.Length];
        for (int k = 0; k < next.Length; k++)
        {
            int parent = WrightFisher.Draw(cumulative, rng);
            next[k] = WrightFisher.Draw(rows[lineageTypes[parent]], rng);
        }
        return next;
    }

    private static void ValidateTypes(ReadOnlySpan<int> lineageTypes, int typeCount)
    {
        if (lineageTypes.Length == 0) throw new ArgumentException("No lineages were given; at least one is required.", nameof(lineageTypes));
        for (int i = 0; i < lineageTypes.Length; i++)
            if ((uint)lineageTypes[i] >= (uint)typeCount)
                throw new ArgumentException($"Lineage {i} has encoding type {lineageTypes[i]}, outside 0..{typeCount - 1}.", nameof(lineageTypes));
    }

    /// <summary>Restricted-growth-string form of a label array (labels renumbered 0, 1, … in order of first occurrence).</summary>
    private static int[] Canonicalize(IReadOnlyList<int> labels, int lineage)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Count];
        for (int w = 0; w < labels.Count; w++)
        {
            int l = labels[w];
            if (l < 0)
                throw new ArgumentException($"World {w} of lineage {lineage}'s encoding has label {l}; expected a non-negative label.", "lineageEncodings");
            if (!map.TryGetValue(l, out int c))
            {
                c = map.Count;
                map[l] = c;
            }
            result[w] = c;
        }
        return result;
    }
}
