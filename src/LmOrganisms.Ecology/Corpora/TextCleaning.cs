namespace LmOrganisms.Ecology;

/// <summary>
/// How one text is cleaned (task-ecology spec §3.1): the <see cref="Raw"/> rules act on the lines of the file as written,
/// then every line is normalised to a–z letters and single spaces (<see cref="LetterNormalisation.Line"/>), then the
/// <see cref="Normalised"/> rules act on those lines (the paper's Alice rules match headings such as "chapter i" there),
/// and the remaining lines are joined by single spaces (<see cref="LetterNormalisation.Text"/>). Lines end at
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>.
/// </summary>
/// <param name="Name">A name for messages and reports ("alice/en").</param>
/// <param name="Raw">Rules on the raw lines, in order.</param>
/// <param name="Normalised">Rules on the normalised lines, in order.</param>
public sealed record TextCleaning(string Name, IReadOnlyList<CleaningRule> Raw, IReadOnlyList<CleaningRule> Normalised)
{
    /// <summary>Letters only: no structural rule, just the normalisation.</summary>
    public static TextCleaning LettersOnly { get; } = new("letters only", [], []);

    /// <summary>
    /// The cleaned text: a–z and single spaces, no space at either end (what the paper chunks).
    /// </summary>
    /// <param name="text">The text as read from its file.</param>
    /// <param name="source">Names the text in error messages (its file).</param>
    /// <exception cref="ArgumentException">A required rule found nothing to act on, or a pattern timed out; the message
    /// starts with <paramref name="source"/>.</exception>
    public string Clean(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return LetterNormalisation.Text(CleanLines(text, source));
    }

    /// <summary>The lines left after every rule (normalised), before they are joined; for inspection and tests.</summary>
    /// <param name="text">The text as read from its file.</param>
    /// <param name="source">Names the text in error messages.</param>
    public IReadOnlyList<string> CleanLines(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(Raw);
        ArgumentNullException.ThrowIfNull(Normalised);
        var lines = SplitLines(text);
        foreach (var rule in Raw) rule.Apply(lines, source);
        for (int i = 0; i < lines.Count; i++) lines[i] = LetterNormalisation.Line(lines[i]);
        foreach (var rule in Normalised) rule.Apply(lines, source);
        return lines;
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
