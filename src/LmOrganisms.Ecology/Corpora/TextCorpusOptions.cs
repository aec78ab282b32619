using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// How a <see cref="TextCorpus"/> is cleaned, chunked, split and tokenised (task-ecology spec §3.1). The defaults are the
/// paper's: chunks of 30 characters overlapping by 5, chunks under 3 characters dropped, 80 % of each language's chunks
/// for training.
/// </summary>
public sealed record TextCorpusOptions
{
    /// <summary>The paper's settings (the defaults).</summary>
    public static TextCorpusOptions Default { get; } = new();

    /// <summary>Characters per chunk window (paper: 30).</summary>
    public int ChunkLength { get; init; } = TextChunker.PaperLength;

    /// <summary>Characters shared by consecutive chunks (paper: 5).</summary>
    public int Overlap { get; init; } = TextChunker.PaperOverlap;

    /// <summary>Chunks shorter than this many characters (spaces included) are dropped (paper: 3).</summary>
    public int MinChunkLength { get; init; } = TextChunker.PaperMinLength;

    /// <summary>Fraction of each language's chunks used for training; the training count is n·fraction rounded half to
    /// even (Julia's <c>round</c>, so the paper's counts are reproduced), the rest is held out (paper: 0.8).</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Seed of the train/test split. Language w's chunks are shuffled with a seed mixed from this and the
    /// language's name, so its split does not depend on the other languages (the paper's MersenneTwister(12345) stream
    /// cannot be reproduced in .NET; the counts are the same).</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>The cleaning rules; null = <see cref="CorpusCleaning.ForDirectory"/> for a folder (the paper's rules for
    /// corpora/alice, corpora/dante and corpora/voynich, <see cref="CorpusCleaning.Plain"/> otherwise) and
    /// <see cref="CorpusCleaning.Plain"/> for texts given in memory.</summary>
    public CorpusCleaning? Cleaning { get; init; }

    /// <summary>The languages to load from a folder, in this order (file names without ".txt"); null = every .txt file of
    /// the folder, in ordinal order of their names.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>The tokenizer's letters (e.g. "abcdefghijklmnopqrstuvwxyz" or another corpus's
    /// <c>Tokenizer.Characters</c>); null = the letters that occur in the corpus, sorted (the paper's tokenizer). A
    /// language with a letter outside them is refused.</summary>
    public string? Letters { get; init; }

    /// <summary>The largest corpus file read, in bytes (default 64 MiB; the largest paper corpus, the Voynich file, is
    /// 1.7 MB).</summary>
    public long MaxFileBytes { get; init; } = InputFile.MaxJsonBytes;

    /// <summary>Checks every option; the message names the property and its value.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        static ArgumentException Bad(string property, object value, string expected) => new(string.Create(CultureInfo.InvariantCulture,
            $"TextCorpusOptions.{property} is {value}; {expected}."));
        if (ChunkLength < 1) throw Bad(nameof(ChunkLength), ChunkLength, "it must be at least 1");
        if (Overlap < 0 || Overlap >= ChunkLength) throw Bad(nameof(Overlap), Overlap, $"it must be in 0..{ChunkLength - 1} (below ChunkLength)");
        if (MinChunkLength < 1 || MinChunkLength > ChunkLength) throw Bad(nameof(MinChunkLength), MinChunkLength, $"it must be in 1..{ChunkLength} (ChunkLength)");
        if (!(TrainFraction > 0 && TrainFraction < 1)) throw Bad(nameof(TrainFraction), TrainFraction, "it must be strictly between 0 and 1");
        if (MaxFileBytes < 1 || MaxFileBytes > Array.MaxLength) throw Bad(nameof(MaxFileBytes), MaxFileBytes, $"it must be in 1..{Array.MaxLength}");
        if (Languages is { } languages)
        {
            if (languages.Count == 0) throw Bad(nameof(Languages), "empty", "name at least one language or leave it null");
            for (int i = 0; i < languages.Count; i++)
            {
                var name = languages[i];
                if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
                    throw Bad(nameof(Languages), $"'{name}' at index {i}", "a language is a file name without its .txt extension");
                if (languages.Take(i).Contains(name, StringComparer.Ordinal)) throw Bad(nameof(Languages), $"'{name}' twice", "each language once");
            }
        }
        if (Letters is { } letters)
        {
            if (letters.Length == 0) throw Bad(nameof(Letters), "empty", "give at least one letter or leave it null");
            foreach (char c in letters)
                if (c is < 'a' or > 'z') throw Bad(nameof(Letters), $"'{letters}'", "cleaned text holds only the letters a–z");
            if (letters.Distinct().Count() != letters.Length) throw Bad(nameof(Letters), $"'{letters}'", "each letter once");
        }
    }
}
