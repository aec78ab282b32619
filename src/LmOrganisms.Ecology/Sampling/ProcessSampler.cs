using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology;

/// <summary>
/// Fast sampler of a hidden-Markov process: for each state an alias table (Vose) over the joint outcomes
/// (symbol, next state) with positive probability, so each token costs one uniform draw and one table lookup.
/// </summary>
internal sealed class ProcessSampler
{
    private readonly int stateCount;
    private readonly AliasTable initial;
    private readonly AliasTable[] perState;
    private readonly int[][] outcomeSymbol;
    private readonly int[][] outcomeState;

    public ProcessSampler(HiddenMarkovProcess process)
    {
        stateCount = process.StateCount;
        initial = new AliasTable(process.StationaryDistribution.ToArray());
        perState = new AliasTable[stateCount];
        outcomeSymbol = new int[stateCount][];
        outcomeState = new int[stateCount][];
        for (int i = 0; i < stateCount; i++)
        {
            var probs = new List<double>();
            var sym = new List<int>();
            var st = new List<int>();
            for (int x = 0; x < process.AlphabetSize; x++)
                for (int j = 0; j < stateCount; j++)
                {
                    double p = process[x, i, j];
                    if (p <= 0) continue;
                    probs.Add(p);
                    sym.Add(x);
                    st.Add(j);
                }
            perState[i] = new AliasTable(probs.ToArray());
            outcomeSymbol[i] = sym.ToArray();
            outcomeState[i] = st.ToArray();
        }
    }

    public TokenBatch Sample(int count, int length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long total = (long)count * length;
        if (total > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"count × length = {count:N0} × {length:N0} = {total:N0} tokens ({MemoryBudget.Format(total * 4.0)}); one batch holds at most {Array.MaxLength:N0}.");
        MemoryBudget.Require(total * (double)sizeof(int), $"count × length = {count:N0} × {length:N0} tokens at {sizeof(int)} bytes each", nameof(count));
        var tokens = new int[total];
        SampleInto(tokens, count, length, seed);
        return new TokenBatch(tokens, count, length);
    }

    public void SampleInto(Span<int> tokens, int count, int length, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (tokens.Length < (long)length * count)
            throw new ArgumentException($"The buffer holds {tokens.Length} tokens, fewer than count × length = {count} × {length}.", nameof(tokens));
        var rng = new Random(seed);
        for (int r = 0; r < count; r++)
        {
            int state = initial.Draw(rng);
            var row = tokens.Slice(r * length, length);
            for (int t = 0; t < row.Length; t++)
            {
                int k = perState[state].Draw(rng);
                row[t] = outcomeSymbol[state][k];
                state = outcomeState[state][k];
            }
        }
    }
}
