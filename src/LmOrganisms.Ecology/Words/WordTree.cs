namespace LmOrganisms.Ecology;

/// <summary>
/// The one enumeration of words of hidden-Markov processes: a depth-first walk over the words of one length in
/// lexicographic order of token indices, carrying for every world (process over the shared alphabet) the belief after
/// the prefix (<see cref="HiddenMarkovProcess.UpdateBelief"/>, normalised at every step), and the prefix's probability as the product of the step normalisers
/// <c>Pr(x₁..x_k) = Π_t Pr(x_t | x₁..x_{t−1})</c>, from each world's stationary distribution. A prefix that has
/// probability 0 in some world is pruned (with its subtree); the impossible visitor hears about it first.
/// </summary>
internal static class WordTree
{
    /// <summary>Receives a word, the probability of it in every world and every world's belief after it (world w's
    /// belief at <c>beliefs[offsets[w] .. offsets[w] + states(w)]</c>).</summary>
    public delegate void Visitor(ReadOnlySpan<int> word, ReadOnlySpan<double> probabilities, ReadOnlySpan<double> beliefs);

    /// <summary>Receives a prefix and the first world in which it has probability 0.</summary>
    public delegate void ImpossibleVisitor(ReadOnlySpan<int> prefix, int world);

    /// <summary>Walks every word of exactly <paramref name="length"/> tokens possible in every world.</summary>
    public static void Walk(IReadOnlyList<HiddenMarkovProcess> worlds, int length, Visitor visit,
        ImpossibleVisitor? onImpossible = null, CancellationToken cancellationToken = default)
    {
        int nw = worlds.Count, nx = worlds[0].AlphabetSize;
        var offsets = new int[nw + 1];
        for (int w = 0; w < nw; w++) offsets[w + 1] = offsets[w] + worlds[w].StateCount;
        int width = offsets[nw];
        var beliefs = new double[(length + 1) * width];
        var probs = new double[(length + 1) * nw];
        var z = new double[nw];
        for (int w = 0; w < nw; w++)
        {
            var pi = worlds[w].StationaryDistribution;
            for (int i = 0; i < pi.Count; i++) beliefs[offsets[w] + i] = pi[i];
            probs[w] = 1;
        }
        var word = new int[length];
        if (length == 0)
        {
            visit(word, probs.AsSpan(0, nw), beliefs.AsSpan(0, width));
            return;
        }
        int d = 0;
        word[0] = -1;
        long visited = 0;
        while (d >= 0)
        {
            int x = ++word[d];
            if (x >= nx) { d--; continue; }
            var from = beliefs.AsSpan(d * width, width);
            var to = beliefs.AsSpan((d + 1) * width, width);
            int impossible = -1;
            for (int w = 0; w < nw && impossible < 0; w++)
            {
                int s = worlds[w].StateCount;
                z[w] = worlds[w].UpdateBelief(from.Slice(offsets[w], s), x, to.Slice(offsets[w], s));
                if (!(z[w] > 0)) impossible = w;
            }
            if (impossible >= 0)
            {
                onImpossible?.Invoke(word.AsSpan(0, d + 1), impossible);
                continue;
            }
            for (int w = 0; w < nw; w++) probs[(d + 1) * nw + w] = probs[d * nw + w] * z[w];
            if (d + 1 == length)
            {
                if ((++visited & 65535) == 0) cancellationToken.ThrowIfCancellationRequested();
                visit(word, probs.AsSpan(length * nw, nw), to);
            }
            else
            {
                d++;
                word[d] = -1;
            }
        }
    }
}
