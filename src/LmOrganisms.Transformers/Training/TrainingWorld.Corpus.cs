using System.Globalization;

namespace LmOrganisms;

public sealed partial class TrainingWorld
{
    /// <summary>
    /// Text worlds for training (task-ecology spec §3.0, §3.1): each sequence draws a language w from
    /// <paramref name="priors"/>, then reads w's training chunks (<see cref="CorpusLanguage.TrainSequences"/>,
    /// <c>[BOS, letters…, BOS]</c>) in uniformly random order, one after another with a shared BOS between two chunks, from
    /// the first BOS until the sequence is full. So every sequence starts at the start of a chunk, as the paper's one-chunk
    /// sequences do, and holds one language only; with a sequence length of at most the shortest chunk's length it is
    /// the paper's sequence cut to that length. The vocabulary is the corpus tokenizer's (letters and BOS).
    /// </summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="languages">The languages trained on, in order; null = all of the corpus.</param>
    /// <param name="priors">P(language) ≥ 0, summing to 1; null = uniform (each world equally often, as
    /// <c>FiniteEcology.FromCorpus</c> weighs them). The paper's Exp1 draws a chunk uniformly from the pooled training
    /// chunks: pass priors proportional to <c>Train.Count</c> for exactly that.</param>
    /// <exception cref="ArgumentException">A language is unknown or repeated, or the priors are not a distribution over them.</exception>
    public static TrainingWorld FromCorpus(TextCorpus corpus, IReadOnlyList<string>? languages = null, IReadOnlyList<double>? priors = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var chosen = languages is null ? corpus.Languages.ToArray() : languages.Select(n => corpus[n]).ToArray();
        if (chosen.Length == 0) throw new ArgumentException("At least one language is required.", nameof(languages));
        if (chosen.Distinct().Count() != chosen.Length) throw new ArgumentException("A language is named twice.", nameof(languages));
        var p = priors?.ToArray() ?? Enumerable.Repeat(1.0 / chosen.Length, chosen.Length).ToArray();
        if (p.Length != chosen.Length) throw new ArgumentException($"{p.Length} priors for {chosen.Length} languages.", nameof(priors));
        for (int i = 0; i < p.Length; i++)
            if (!(p[i] >= 0) || double.IsPositiveInfinity(p[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prior of language '{chosen[i].Name}' is {p[i]}; priors must be finite and non-negative."), nameof(priors));
        if (Math.Abs(p.Sum() - 1) > 1e-9) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The language priors sum to {p.Sum():R}, expected 1."), nameof(priors));
        var cumulative = Cumulative(p);
        var chunks = chosen.Select(l => l.TrainSequences.ToArray()).ToArray();
        var name = $"corpus({corpus.Name}: {string.Join(", ", chosen.Select((l, i) => $"{l.Name}:{p[i]:G6}"))})";
        return new TrainingWorld(name, corpus.Tokenizer.VocabularySize, null, (buffer, count, length, seed) =>
        {
            var rng = new Random(seed);
            for (int row = 0; row < count; row++)
            {
                var own = chunks[Draw(cumulative, rng.NextDouble())];
                var target = buffer.AsSpan(row * length, length);
                int filled = 0;
                while (filled < length)
                {
                    var chunk = own[rng.Next(own.Length)];
                    // The first chunk starts with its BOS; a later one shares the previous chunk's closing BOS.
                    var part = chunk.AsSpan(filled == 0 ? 0 : 1);
                    int take = Math.Min(part.Length, length - filled);
                    part[..take].CopyTo(target[filled..]);
                    filled += take;
                }
            }
        });
    }
}
