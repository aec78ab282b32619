using System.Globalization;

namespace LmOrganisms.Probing;

/// <summary>
/// Calibration of the behavioural threshold τ by split halves (task-ecology spec §3.2): the held-out chunks of one
/// world are split at random into two halves <paramref name="Distances"/>.Count times, the behavioural distance
/// between the halves' mean output laws is computed each time, and τ is the q-quantile of those distances with the
/// repository's index convention: the ⌈q·n⌉-th smallest (1-based).
/// </summary>
/// <param name="Threshold">τ in nats.</param>
/// <param name="Distances">The split-half distances, in the order of the splits.</param>
public sealed record ThresholdCalibration(double Threshold, IReadOnlyList<double> Distances)
{
    /// <summary>
    /// Calibrates τ from <paramref name="outputsByChunk"/>[chunk][r] = the model's output law (length
    /// <paramref name="vocabularySize"/>) for the chunk's prefix of the r-th length. Each split is a seeded
    /// Fisher–Yates shuffle of the chunks, the first ⌊n/2⌋ forming one half and the rest the other.
    /// </summary>
    public static ThresholdCalibration SplitHalves(IReadOnlyList<IReadOnlyList<double[]>> outputsByChunk,
        int vocabularySize, int splits = 30, double quantile = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(outputsByChunk);
        int n = outputsByChunk.Count;
        if (n < 2) throw new ArgumentException($"There are {n} chunks; split halves need at least 2.", nameof(outputsByChunk));
        CheckSplits(splits, quantile);
        int lengths = outputsByChunk[0].Count;
        for (int c = 0; c < n; c++)
        {
            if (outputsByChunk[c].Count != lengths)
                throw new ArgumentException(
                    $"Chunk {c} has {outputsByChunk[c].Count} prefix lengths; chunk 0 has {lengths}.", nameof(outputsByChunk));
            for (int r = 0; r < lengths; r++)
            {
                if (outputsByChunk[c][r].Length != vocabularySize)
                    throw new ArgumentException(
                        $"Chunk {c}, prefix length index {r}, has {outputsByChunk[c][r].Length} probabilities; expected {vocabularySize}.",
                        nameof(outputsByChunk));
                BehaviouralDistance.CheckLaw(outputsByChunk[c][r], $"Chunk {c}, prefix length index {r},",
                    nameof(outputsByChunk), BehaviouralDistance.RowSumTolerance);
            }
        }
        var distances = new double[splits];
        var rng = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (int s = 0; s < splits; s++)
        {
            Shuffle(order, rng);
            int half = n / 2;
            distances[s] = BehaviouralDistance.Between(Mean(outputsByChunk, order.AsSpan(0, half), lengths, vocabularySize),
                Mean(outputsByChunk, order.AsSpan(half), lengths, vocabularySize));
        }
        return new ThresholdCalibration(Quantile(distances, quantile), distances);
    }

    /// <summary>
    /// Calibrates τ on a measured <see cref="WorldBehaviourTable"/> (task-ecology spec §3.2 applied to process worlds):
    /// for every world, <paramref name="splits"/> times, its warm-ups are shuffled (seeded Fisher–Yates; the first
    /// ⌊N/2⌋ form one half, the rest the other), and the context-weighted behavioural distance between the two halves'
    /// weighted mean laws (<see cref="WorldBehaviourTable.MeanLawsOf"/>) is computed. τ is the q-quantile of all
    /// W · splits distances (the ⌈q·n⌉-th smallest); <see cref="Distances"/> lists them world by world.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 warm-ups, bad splits/quantile/weights, or a half in which some
    /// context has probability 0 after every warm-up.</exception>
    public static ThresholdCalibration SplitHalves(WorldBehaviourTable table, IReadOnlyList<double> contextWeights,
        int splits = 30, double quantile = 0.95, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(contextWeights);
        int n = table.Warmups;
        if (n < 2) throw new ArgumentException($"The table has {n} warm-up per world; split halves need at least 2.", nameof(table));
        CheckSplits(splits, quantile);
        var distances = new double[table.Worlds.Count * splits];
        var rng = new Random(seed);
        for (int w = 0; w < table.Worlds.Count; w++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            for (int s = 0; s < splits; s++)
            {
                Shuffle(order, rng);
                distances[w * splits + s] = BehaviouralDistance.Between(table.MeanLawsOf(w, order.AsSpan(0, n / 2)),
                    table.MeanLawsOf(w, order.AsSpan(n / 2)), contextWeights);
            }
        }
        return new ThresholdCalibration(Quantile(distances, quantile), distances);
    }

    private static void CheckSplits(int splits, double quantile)
    {
        if (splits < 1) throw new ArgumentException($"splits is {splits}; expected at least 1.", nameof(splits));
        if (!(quantile > 0 && quantile <= 1))
            throw new ArgumentException(
                $"quantile is {quantile.ToString("R", CultureInfo.InvariantCulture)}; expected a value in (0, 1].", nameof(quantile));
    }

    private static void Shuffle(int[] order, Random rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>The ⌈q·n⌉-th smallest of the distances (1-based; the repository's quantile convention).</summary>
    private static double Quantile(double[] distances, double quantile)
    {
        var sorted = distances.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    private static double[][] Mean(IReadOnlyList<IReadOnlyList<double[]>> outputs, ReadOnlySpan<int> chunks, int lengths,
        int vocabularySize)
    {
        var mean = new double[lengths][];
        for (int r = 0; r < lengths; r++)
        {
            mean[r] = new double[vocabularySize];
            foreach (int c in chunks)
                for (int v = 0; v < vocabularySize; v++) mean[r][v] += outputs[c][r][v];
            for (int v = 0; v < vocabularySize; v++) mean[r][v] /= chunks.Length;
        }
        return mean;
    }
}
