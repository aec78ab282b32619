using System.Globalization;
using LmOrganisms.Ecology;

namespace LmOrganisms;

/// <summary>
/// Real languages as worlds (task-ecology spec §3.1, §4.14): one text per language, each cleaned
/// (<see cref="CorpusCleaning"/>), normalised to the letters a–z and single spaces, cut into overlapping chunks
/// (<see cref="TextChunker"/>), split into training and held-out chunks with a seeded shuffle, and tokenised with one
/// character tokenizer for all languages (the letters that occur, sorted, plus BOS; spaces are not tokens). The exact
/// theory of the held-out text is <c>FiniteEcology.FromCorpus</c>; organisms train on <c>TrainingWorld.FromCorpus</c>.
/// Input is treated as hostile: every refusal is one line that names the file (docs/corpora.md, docs/reliability.md).
/// </summary>
public sealed class TextCorpus
{
    private readonly CorpusLanguage[] languages;
    private readonly Dictionary<string, CorpusLanguage> byName;

    private TextCorpus(string name, CorpusCleaning cleaning, TextCorpusOptions options, CharacterTokenizer tokenizer, CorpusLanguage[] languages)
    {
        Name = name;
        Cleaning = cleaning;
        Options = options;
        Tokenizer = tokenizer;
        this.languages = languages;
        byName = languages.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    /// <summary>The corpus name (its folder's name, or "texts").</summary>
    public string Name { get; }

    /// <summary>The cleaning that was applied.</summary>
    public CorpusCleaning Cleaning { get; }

    /// <summary>The options it was made with.</summary>
    public TextCorpusOptions Options { get; }

    /// <summary>The tokenizer of every language: the letters, then BOS.</summary>
    public CharacterTokenizer Tokenizer { get; }

    /// <summary>The languages (worlds), in load order.</summary>
    public IReadOnlyList<CorpusLanguage> Languages => languages;

    /// <summary>The language called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The corpus has no such language (the message lists those it has).</exception>
    public CorpusLanguage this[string name] => byName.TryGetValue(name, out var language) ? language
        : throw new KeyNotFoundException($"Corpus '{Name}' has no language '{name}'; it has {string.Join(", ", languages.Select(l => l.Name))}.");

    /// <summary>
    /// Reads a folder of texts, one file per language: every <c>*.txt</c> file directly in it (or the files of
    /// <see cref="TextCorpusOptions.Languages"/>, in that order), the language named by the file name without ".txt".
    /// </summary>
    /// <param name="directory">The folder (e.g. corpora/alice in this repository, or a user's own folder).</param>
    /// <param name="options">Chunking, split, cleaning and tokenizer; null = <see cref="TextCorpusOptions.Default"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A language of <see cref="TextCorpusOptions.Languages"/> has no file.</exception>
    /// <exception cref="IOException">A file is not a regular file, is larger than <see cref="TextCorpusOptions.MaxFileBytes"/> or cannot be read.</exception>
    /// <exception cref="FormatException">A file is not valid UTF-8 (the message gives the byte offset).</exception>
    /// <exception cref="ArgumentException">The folder has no .txt file; a file is empty, binary, has no letters a–z, or is too
    /// short for two chunks on each side of the split; a letter is outside <see cref="TextCorpusOptions.Letters"/>; a
    /// required cleaning rule found nothing. Each message starts with the file.</exception>
    public static TextCorpus Load(string directory, TextCorpusOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= TextCorpusOptions.Default;
        options.Validate();
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(File.Exists(directory)
                ? $"Corpus folder '{directory}' is a file; a corpus is a folder of text files, one per language (e.g. en.txt, fr.txt)."
                : $"Corpus folder '{directory}' does not exist.");
        string[] files;
        if (options.Languages is { } names)
            files = names.Select(n => Path.Combine(directory, n + ".txt")).ToArray();
        else
        {
            files = Directory.EnumerateFiles(directory, "*.txt", SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(".txt", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
                throw new ArgumentException($"Corpus folder '{directory}' has no .txt files; a corpus is one text file per language (e.g. en.txt, fr.txt).");
        }
        var cleaning = options.Cleaning ?? CorpusCleaning.ForDirectory(directory);
        var texts = files.Select(f =>
        {
            var bytes = InputFile.ReadAllBytes(f, options.MaxFileBytes, "corpus file");
            if (bytes.Length == 0) throw new ArgumentException($"Corpus file '{f}' is empty.");
            var text = InputFile.DecodeUtf8(bytes, $"corpus file '{f}'");
            return (Name: Path.GetFileNameWithoutExtension(f), Source: $"Corpus file '{f}'", Text: text);
        }).ToArray();
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return Build(string.IsNullOrEmpty(name) ? directory : name, cleaning, options, texts);
    }

    /// <summary>A corpus of texts given in memory, one per language, in the given order.</summary>
    /// <param name="texts">(language name, raw text) pairs.</param>
    /// <param name="options">As for <see cref="Load"/>; the cleaning defaults to <see cref="CorpusCleaning.Plain"/> and
    /// <see cref="TextCorpusOptions.Languages"/> is ignored.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a text is refused as in <see cref="Load"/>.</exception>
    public static TextCorpus FromTexts(IEnumerable<KeyValuePair<string, string>> texts, TextCorpusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= TextCorpusOptions.Default;
        options.Validate();
        var list = texts.Select(t => (Name: t.Key, Source: $"Text '{t.Key}'", Text: t.Value)).ToArray();
        if (list.Length == 0) throw new ArgumentException("No texts were given; a corpus needs at least one language.", nameof(texts));
        for (int i = 0; i < list.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i].Name)) throw new ArgumentException($"The language name of text {i} is empty.", nameof(texts));
            ArgumentNullException.ThrowIfNull(list[i].Text, nameof(texts));
            if (list.Take(i).Any(t => t.Name == list[i].Name)) throw new ArgumentException($"Language '{list[i].Name}' is given twice.", nameof(texts));
            if (list[i].Text.Length == 0) throw new ArgumentException($"{list[i].Source} is empty.");
        }
        return Build("texts", options.Cleaning ?? CorpusCleaning.Plain, options, list);
    }

    /// <summary>The corpus restricted to <paramref name="names"/>, in that order, with the same tokenizer and splits.</summary>
    /// <exception cref="KeyNotFoundException">A name is not a language of the corpus.</exception>
    public TextCorpus Select(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var chosen = names.Select(n => this[n]).ToArray();
        if (chosen.Length == 0) throw new ArgumentException("Select needs at least one language.", nameof(names));
        if (chosen.Distinct().Count() != chosen.Length) throw new ArgumentException("Select names a language twice.", nameof(names));
        return new TextCorpus(Name, Cleaning, Options, Tokenizer, chosen);
    }

    private static TextCorpus Build(string name, CorpusCleaning cleaning, TextCorpusOptions options, (string Name, string Source, string Text)[] texts)
    {
        var cleaned = new (string Name, string Source, string Text)[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            var (language, source, raw) = texts[i];
            int nul = raw.IndexOf('\0', StringComparison.Ordinal);
            if (nul >= 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{source} is not a text file: it holds a NUL character (character {nul:N0}); a corpus file is UTF-8 text."));
            var text = cleaning.For(language).Clean(raw, source);
            if (text.Length == 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{source} has no letters a–z after cleaning ({cleaning.For(language).Name}; its {raw.Length:N0} characters hold no Latin letter that the normalisation keeps)."));
            cleaned[i] = (language, source, text);
        }
        var tokenizer = CharacterTokenizer.WithBos(options.Letters is { } fixedLetters
            ? fixedLetters
            : cleaned.SelectMany(t => t.Text).Where(c => c != ' ').Distinct().Order());
        var languages = new CorpusLanguage[cleaned.Length];
        for (int i = 0; i < cleaned.Length; i++)
        {
            var (language, source, text) = cleaned[i];
            for (int k = 0; k < text.Length; k++)
                if (text[k] != ' ' && tokenizer.TokenOf(text[k]) < 0)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{source}: the letter '{text[k]}' (first at character {k:N0} of the cleaned text) is not among the tokenizer's letters '{tokenizer.Alphabet()}'."));
            var chunks = TextChunker.Chunks(text, options.ChunkLength, options.Overlap, options.MinChunkLength);
            int trainCount = (int)Math.Round(chunks.Count * options.TrainFraction, MidpointRounding.ToEven);
            if (trainCount < 1 || trainCount > chunks.Count - 1)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{source} is too short: {text.Length:N0} characters after cleaning give {chunks.Count:N0} chunk(s) of at most {options.ChunkLength}, and the {options.TrainFraction:0.##}/{1 - options.TrainFraction:0.##} split of {chunks.Count:N0} leaves {trainCount:N0} for training and {chunks.Count - trainCount:N0} held out; each side needs at least one."));
            var order = Permutation(chunks.Count, SplitSeed(options.Seed, language));
            var train = order.Take(trainCount).Select(j => chunks[j]).ToArray();
            var test = order.Skip(trainCount).Select(j => chunks[j]).ToArray();
            languages[i] = new CorpusLanguage(language, source, text, chunks, train, test, tokenizer);
        }
        return new TextCorpus(name, cleaning, options, tokenizer, languages);
    }

    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates with <c>new Random(seed)</c>).</summary>
    internal static int[] Permutation(int n, int seed)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The split seed of a language: <paramref name="seed"/> mixed with the FNV-1a hash of its name (stable across
    /// runs and platforms, unlike <c>string.GetHashCode</c>).</summary>
    internal static int SplitSeed(int seed, string language)
    {
        uint hash = 2166136261;
        foreach (char c in language)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return unchecked((int)(hash ^ (uint)seed * 2654435761u)) & int.MaxValue;
    }

    /// <summary>The corpus in one line: name, cleaning and languages.</summary>
    public override string ToString() => $"{Name} ({Cleaning.Name} cleaning): {string.Join(", ", languages.Select(l => l.Name))}";
}
