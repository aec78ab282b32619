namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// The number of positive-probability words of a length, counted without enumerating them: a word has positive
/// probability iff some path of positive transitions from a state of positive stationary mass reads it, so the words are
/// the paths of the subset automaton over the support (deterministic), counted by dynamic programming over its states.
/// </summary>
internal static class WordCounts
{
    /// <summary>The count, or null when the process has more than 63 states or the automaton more than
    /// <paramref name="maxSubsets"/> reachable state sets at some length (then only |alphabet|^length bounds it).</summary>
    public static double? Positive(HiddenMarkovProcess process, int length, int maxSubsets = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(process);
        int s = process.StateCount, v = process.AlphabetSize;
        if (s > 63) return null;
        var successors = new ulong[v, s];
        for (int x = 0; x < v; x++)
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++)
                    if (process[x, i, j] > 0) successors[x, i] |= 1UL << j;
        ulong start = 0;
        for (int i = 0; i < s; i++)
            if (process.StationaryDistribution[i] > 0) start |= 1UL << i;
        var counts = new Dictionary<ulong, double> { [start] = 1 };
        for (int t = 0; t < length; t++)
        {
            var next = new Dictionary<ulong, double>();
            foreach (var (set, count) in counts)
                for (int x = 0; x < v; x++)
                {
                    ulong to = 0;
                    for (ulong rest = set; rest != 0; rest &= rest - 1) to |= successors[x, System.Numerics.BitOperations.TrailingZeroCount(rest)];
                    if (to != 0) next[to] = next.GetValueOrDefault(to) + count;
                }
            if (next.Count > maxSubsets) return null;
            counts = next;
        }
        return counts.Values.Sum();
    }
}
