using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms;

public sealed partial class FiniteEcology
{
    /// <summary>
    /// The exact empirical ecology of token sequences (task-ecology spec §3.2 <c>empirical_prefix_ecology</c>, §4.15):
    /// worlds = the sequence sets (languages) with a uniform prior; contexts = prefix lengths r (named "r=3", …) with
    /// uniform weight, keeping only the lengths for which every world has data; <c>P_w(v | r)</c> = the frequency of token
    /// v right after the first r tokens that follow the start token, i.e. at index r + 1 of
    /// <c>[BOS, t₁, …, tₙ, BOS]</c>, over world w's sequences longer than r + 1 (so a chunk of exactly r letters
    /// contributes its closing BOS, as in the paper). Its floor, Bayes loss and JS excess are then exact for any
    /// partition of the worlds, e.g. the one a trained model induces.
    /// </summary>
    /// <param name="worlds">World names (unique).</param>
    /// <param name="sequences"><c>sequences[w]</c> = world w's token sequences, each starting with its start token (BOS).</param>
    /// <param name="vocabulary">Token names; every token after a prefix must be below its count.</param>
    /// <param name="prefixLengths">The prefix lengths r ≥ 0 (paper: 3, 5, 8), distinct.</param>
    /// <exception cref="ArgumentException">Sizes disagree, a prefix length is negative or repeated, a counted token is
    /// outside the vocabulary, or no prefix length has data for every world.</exception>
    public static FiniteEcology FromPrefixes(IReadOnlyList<string> worlds, IReadOnlyList<IReadOnlyList<int[]>> sequences,
        IReadOnlyList<string> vocabulary, IReadOnlyList<int> prefixLengths)
    {
        Validate.Names(worlds, "world", nameof(worlds));
        ArgumentNullException.ThrowIfNull(sequences);
        Validate.Names(vocabulary, "token", nameof(vocabulary));
        ArgumentNullException.ThrowIfNull(prefixLengths);
        if (sequences.Count != worlds.Count)
            throw new ArgumentException($"There are {worlds.Count} worlds but {sequences.Count} sequence sets.", nameof(sequences));
        if (prefixLengths.Count == 0) throw new ArgumentException("prefixLengths is empty.", nameof(prefixLengths));
        for (int k = 0; k < prefixLengths.Count; k++)
        {
            if (prefixLengths[k] < 0)
                throw new ArgumentException($"Prefix length {prefixLengths[k]} (index {k}) is negative.", nameof(prefixLengths));
            for (int j = 0; j < k; j++)
                if (prefixLengths[j] == prefixLengths[k])
                    throw new ArgumentException($"Prefix length {prefixLengths[k]} appears twice (indices {j} and {k}).", nameof(prefixLengths));
        }
        int nw = worlds.Count, nr = prefixLengths.Count, nv = vocabulary.Count;
        var counts = new long[nw, nr, nv];
        var totals = new long[nw, nr];
        for (int w = 0; w < nw; w++)
        {
            var set = sequences[w] ?? throw new ArgumentException($"The sequences of world '{worlds[w]}' are null.", nameof(sequences));
            for (int s = 0; s < set.Count; s++)
            {
                var sequence = set[s] ?? throw new ArgumentException($"World '{worlds[w]}', sequence {s} is null.", nameof(sequences));
                for (int k = 0; k < nr; k++)
                {
                    int at = prefixLengths[k] + 1;
                    if (at >= sequence.Length) continue;
                    int t = sequence[at];
                    if ((uint)t >= (uint)nv)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                            $"World '{worlds[w]}', sequence {s}, index {at}: token {t} is outside the vocabulary of {nv} tokens."), nameof(sequences));
                    counts[w, k, t]++;
                    totals[w, k]++;
                }
            }
        }
        var kept = Enumerable.Range(0, nr).Where(k => Enumerable.Range(0, nw).All(w => totals[w, k] > 0)).ToArray();
        if (kept.Length == 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"No prefix length ({string.Join(", ", prefixLengths)}) has data for every world: each world needs a sequence longer than the prefix, its start token and one more token."),
                nameof(sequences));
        var next = new double[nw][][];
        for (int w = 0; w < nw; w++)
        {
            next[w] = new double[kept.Length][];
            for (int c = 0; c < kept.Length; c++)
            {
                int k = kept[c];
                var row = next[w][c] = new double[nv];
                double total = totals[w, k];
                for (int v = 0; v < nv; v++) row[v] = counts[w, k, v] / total;
            }
        }
        var contexts = kept.Select(k => "r=" + prefixLengths[k].ToString(CultureInfo.InvariantCulture)).ToArray();
        return Create(worlds, Enumerable.Repeat(1.0 / nw, nw).ToArray(), contexts,
            Enumerable.Repeat(1.0 / kept.Length, kept.Length).ToArray(), vocabulary, next);
    }

    /// <summary>
    /// The exact empirical ecology of a corpus's held-out text (spec §3.2, §3.4 Exp1, §3.5 Exp2):
    /// <see cref="FromPrefixes"/> on the <see cref="CorpusLanguage.TestSequences"/> of <paramref name="languages"/>, with
    /// the corpus tokenizer's vocabulary (letters and BOS).
    /// </summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="prefixLengths">Prefix lengths r (paper: 3, 5, 8).</param>
    /// <param name="languages">The worlds, in order; null = every language of the corpus.</param>
    public static FiniteEcology FromCorpus(TextCorpus corpus, IReadOnlyList<int> prefixLengths, IReadOnlyList<string>? languages = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var chosen = languages is null ? corpus.Languages : languages.Select(n => corpus[n]).ToArray();
        return FromPrefixes(chosen.Select(l => l.Name).ToArray(), chosen.Select(l => l.TestSequences).ToArray(),
            corpus.Tokenizer.Vocabulary, prefixLengths);
    }
}
