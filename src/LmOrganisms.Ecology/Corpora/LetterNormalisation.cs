using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;

namespace LmOrganisms.Ecology;

/// <summary>
/// The task-ecology paper's letter normalisation (spec §3.1; its scripts <c>clean_alice.jl</c>, <c>clean_dante.jl</c>,
/// <c>data.jl</c>): every letter is lowercased, the letters of <see cref="Ligatures"/> are spelled out (æ → ae, ß → ss, …),
/// then the letter is decomposed (Unicode NFD) and only its base letters a–z are kept, so accents are dropped (é → e,
/// ü → u) and letters without a Latin base (ø, Greek, Cyrillic) disappear. A newline is kept, a space or tab becomes a
/// space, and every other character (digits, punctuation, dashes, other whitespace such as the no-break space) is
/// dropped without a trace, so "hers—she" becomes "hersshe" as in the paper.
/// </summary>
public static class LetterNormalisation
{
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    /// <summary>
    /// Letters spelled out before NFD (after lowercasing): æ → ae, œ → oe, ß → ss, ð → d, þ → th, ł → l, đ → d, ı → i.
    /// The paper's Alice script has the first five; its Dante script all eight. None of the last three occurs in the
    /// Alice texts, so one table serves every corpus.
    /// </summary>
    public static IReadOnlyDictionary<char, string> Ligatures { get; } = new Dictionary<char, string>
    {
        ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['ð'] = "d", ['þ'] = "th", ['ł'] = "l", ['đ'] = "d", ['ı'] = "i",
    }.ToFrozenDictionary();

    /// <summary>
    /// The a–z spelling of one letter: lowercased, spelled out by <see cref="Ligatures"/>, decomposed (NFD) and reduced
    /// to its base letters a–z; empty for a letter without a Latin base and for anything that is not a letter.
    /// </summary>
    public static string Letter(Rune rune)
    {
        if (rune.Value is >= 'a' and <= 'z') return ((char)rune.Value).ToString();
        if (rune.Value is >= 'A' and <= 'Z') return ((char)(rune.Value + 32)).ToString();
        if (!Rune.IsLetter(rune)) return "";
        return Cache.GetOrAdd(rune.Value, static v => Spell(new Rune(v)));
    }

    private static string Spell(Rune rune)
    {
        var lower = Rune.ToLowerInvariant(rune);
        if (lower.IsBmp && Ligatures.TryGetValue((char)lower.Value, out var spelled)) return spelled;
        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (c is >= 'a' and <= 'z') sb.Append(c);
            else if (c is >= 'A' and <= 'Z') sb.Append((char)(c + 32));   // a capital base whose lowercase mapping is not simple (İ)
        }
        return sb.ToString();
    }

    /// <summary>
    /// One line of text normalised: every letter by <see cref="Letter"/>, spaces and tabs to one space, everything else
    /// dropped; runs of spaces collapsed and the ends trimmed (the paper's <c>clean_text</c> on one line).
    /// </summary>
    public static string Line(ReadOnlySpan<char> line)
    {
        var sb = new StringBuilder(line.Length);
        bool pendingSpace = false;
        foreach (var rune in line.EnumerateRunes())
        {
            if (rune.Value is ' ' or '\t')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var letters = Letter(rune);
            if (letters.Length == 0) continue;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(letters);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The text as the paper loads it for chunking (<c>load_text</c> after cleaning): its lines normalised by
    /// <see cref="Line"/> and joined by single spaces, empty lines skipped, so the result holds only a–z and single
    /// spaces, with no space at either end.
    /// </summary>
    public static string Text(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var normalised = Line(line);
            if (normalised.Length == 0) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(normalised);
        }
        return sb.ToString();
    }
}
