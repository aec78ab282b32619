using LmOrganisms.Ecology;

namespace LmOrganisms.Evolution;

/// <summary>
/// Every positive-probability word of one length of a stationary hidden-Markov process, with its exact probability
/// (depth-first over forward vectors η T[x1]…T[xn] from the stationary law). Expectations over these words are exact:
/// no held-out sampling noise.
/// </summary>
/// <param name="Length">Word length n.</param>
/// <param name="Tokens">The words, row-major [count, n], token i = symbol i of the process.</param>
/// <param name="Probabilities">P(word) per row; they sum to 1 up to rounding.</param>
internal sealed record ProcessWords(int Length, int[] Tokens, double[] Probabilities)
{
    /// <summary>Largest number of words enumerated (3^13).</summary>
    public const int MaxWords = 1_594_323;

    /// <summary>Number of words.</summary>
    public int Count => Probabilities.Length;

    /// <summary>All positive-probability words of length <paramref name="length"/> of <paramref name="process"/>.</summary>
    public static ProcessWords Enumerate(HiddenMarkovProcess process, int length)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (length < 1) throw new ArgumentException($"The word length is {length}; expected at least 1.", nameof(length));
        int v = process.AlphabetSize, s = process.StateCount;
        if (Math.Pow(v, length) > MaxWords)
            throw new ArgumentException($"{v}^{length} words of process '{process.Name}' exceed the enumeration limit {MaxWords}.", nameof(length));
        var tokens = new List<int>();
        var probabilities = new List<double>();
        var alphas = new double[length + 1][];
        for (int k = 0; k <= length; k++) alphas[k] = new double[s];
        process.StationaryDistribution.ToArray().CopyTo(alphas[0], 0);
        var word = new int[length];
        Visit(0);
        return new ProcessWords(length, tokens.ToArray(), probabilities.ToArray());

        void Visit(int depth)
        {
            if (depth == length)
            {
                tokens.AddRange(word);
                probabilities.Add(alphas[length].Sum());
                return;
            }
            for (int x = 0; x < v; x++)
            {
                process.StepUnnormalised(alphas[depth], x, alphas[depth + 1]);
                if (alphas[depth + 1].Sum() <= 0) continue;
                word[depth] = x;
                Visit(depth + 1);
            }
        }
    }
}
