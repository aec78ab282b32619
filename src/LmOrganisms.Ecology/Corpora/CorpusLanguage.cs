using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// One language (world) of a <see cref="TextCorpus"/>: its cleaned text, its chunks, their train/test split and the
/// token sequences of both parts (task-ecology spec §3.1). Made by <see cref="TextCorpus"/>; immutable (the lists and
/// arrays are not copied on read and must not be changed).
/// </summary>
public sealed class CorpusLanguage
{
    internal CorpusLanguage(string name, string source, string text, IReadOnlyList<string> chunks, IReadOnlyList<string> train,
        IReadOnlyList<string> test, CharacterTokenizer tokenizer)
    {
        Name = name;
        Source = source;
        Text = text;
        Chunks = chunks;
        Train = train;
        Test = test;
        Tokenizer = tokenizer;
        TrainSequences = train.Select(tokenizer.EncodeChunk).ToArray();
        TestSequences = test.Select(tokenizer.EncodeChunk).ToArray();
        int letters = 0;
        foreach (char c in text)
            if (c != ' ') letters++;
        Letters = letters;
    }

    /// <summary>The language's name (its file name without ".txt": "en").</summary>
    public string Name { get; }

    /// <summary>Where the text came from: its file, or "text 'en'" for a text given in memory.</summary>
    public string Source { get; }

    /// <summary>The cleaned text: letters a–z and single spaces (what is chunked).</summary>
    public string Text { get; }

    /// <summary>Characters of the cleaned text, spaces included.</summary>
    public int Characters => Text.Length;

    /// <summary>Letters of the cleaned text (characters without the spaces): the tokens of the text.</summary>
    public int Letters { get; }

    /// <summary>All chunks, in text order, with their spaces.</summary>
    public IReadOnlyList<string> Chunks { get; }

    /// <summary>The training chunks (in the split's shuffled order).</summary>
    public IReadOnlyList<string> Train { get; }

    /// <summary>The held-out chunks (in the split's shuffled order).</summary>
    public IReadOnlyList<string> Test { get; }

    /// <summary>The training chunks as token sequences <c>[BOS, letters…, BOS]</c>.</summary>
    public IReadOnlyList<int[]> TrainSequences { get; }

    /// <summary>The held-out chunks as token sequences <c>[BOS, letters…, BOS]</c>.</summary>
    public IReadOnlyList<int[]> TestSequences { get; }

    /// <summary>The corpus tokenizer (letters + BOS).</summary>
    public CharacterTokenizer Tokenizer { get; }

    /// <summary>
    /// The measurement prefixes of length r (spec §3.2, the paper's <c>make_prefixes</c>): the first r + 1 tokens
    /// <c>[BOS, t₁, …, t_r]</c> of every held-out chunk with at least r letters, in <see cref="Test"/> order, as a batch of
    /// count × (r + 1) tokens.
    /// </summary>
    /// <param name="prefixLength">r ≥ 1 (paper: 3, 5, 8).</param>
    /// <exception cref="ArgumentException">No held-out chunk has r letters.</exception>
    public TokenBatch Prefixes(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prefixLength, 1);
        var kept = TestSequences.Where(s => s.Length - 2 >= prefixLength).ToArray();
        if (kept.Length == 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{Source}: none of its {TestSequences.Count} held-out chunks has {prefixLength} letters, so it has no prefix of length {prefixLength}."), nameof(prefixLength));
        int length = prefixLength + 1;
        var tokens = new int[kept.Length * length];
        for (int i = 0; i < kept.Length; i++) kept[i].AsSpan(0, length).CopyTo(tokens.AsSpan(i * length));
        return new TokenBatch(tokens, kept.Length, length);
    }

    /// <summary>
    /// At most <paramref name="maxCount"/> of the <see cref="Prefixes(int)"/> of length r, drawn without replacement with
    /// <c>new Random(seed)</c> (all of them, in order, when there are no more; the paper takes 160 per length in Exp3 and
    /// Exp4).
    /// </summary>
    /// <param name="prefixLength">r ≥ 1.</param>
    /// <param name="maxCount">The most prefixes returned, at least 1.</param>
    /// <param name="seed">Seed of the draw.</param>
    public TokenBatch Prefixes(int prefixLength, int maxCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var all = Prefixes(prefixLength);
        if (all.Count <= maxCount) return all;
        var order = TextCorpus.Permutation(all.Count, seed);
        int length = all.Length;
        var tokens = new int[maxCount * length];
        for (int i = 0; i < maxCount; i++) all.Row(order[i]).CopyTo(tokens.AsSpan(i * length));
        return new TokenBatch(tokens, maxCount, length);
    }

    /// <summary>The language in one line: name, characters, chunks, train/test counts.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Characters:N0} characters ({Letters:N0} letters), {Chunks.Count:N0} chunks, {Train.Count:N0} train / {Test.Count:N0} test");
}
