using System.Globalization;
using System.Text.RegularExpressions;

namespace LmOrganisms.Ecology;

/// <summary>
/// One step of a text's cleaning, as data (immutable): what it does (<see cref="Kind"/>), the line pattern it acts on (a .NET regular
/// expression matched against each line as it is, without its line break; write <c>(?i)</c> for case-insensitive
/// matching and <c>^\s*…\s*$</c> for a whole line) and why (<see cref="Description"/>, quoted in error messages). A
/// <see cref="TextCleaning"/> applies its rules in order. Made by the static factories; the rules of the paper's corpora
/// are in <see cref="CorpusCleaning"/>.
/// </summary>
/// <remarks>Patterns run with a one-second match timeout, so a pathological line cannot hang a load.</remarks>
public sealed class CleaningRule
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly Regex regex;
    private readonly Regex? endRegex;

    private CleaningRule(CleaningRuleKind kind, string pattern, string description, string? endPattern = null,
        string replacement = "", int occurrence = 1, int? withinLastLines = null, bool required = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Kind = kind;
        Pattern = pattern;
        Description = description;
        EndPattern = endPattern;
        Replacement = replacement;
        Occurrence = occurrence;
        WithinLastLines = withinLastLines;
        Required = required;
        regex = Compile(pattern, nameof(pattern));
        endRegex = endPattern is null ? null : Compile(endPattern, nameof(endPattern));
    }

    /// <summary>What the rule does.</summary>
    public CleaningRuleKind Kind { get; }

    /// <summary>The line pattern (a .NET regular expression).</summary>
    public string Pattern { get; }

    /// <summary>Why the rule exists ("the story starts at the first chapter heading"); quoted in error messages.</summary>
    public string Description { get; }

    /// <summary><see cref="CleaningRuleKind.DropSections"/>: the pattern of the first line after a section; null = the section runs to the end.</summary>
    public string? EndPattern { get; }

    /// <summary><see cref="CleaningRuleKind.Replace"/>: the replacement (regular-expression substitution syntax).</summary>
    public string Replacement { get; }

    /// <summary><see cref="CleaningRuleKind.StartAt"/>: which matching line starts the text (1 = the first).</summary>
    public int Occurrence { get; }

    /// <summary><see cref="CleaningRuleKind.EndAt"/>: look for the end only in the last this many lines (trailing blank lines
    /// not counted); null = anywhere.</summary>
    public int? WithinLastLines { get; }

    /// <summary><see cref="CleaningRuleKind.StartAt"/> and <see cref="CleaningRuleKind.EndAt"/>: when true, a text in which
    /// the pattern does not occur is refused (a sign of a different edition); when false the rule then does nothing.</summary>
    public bool Required { get; }

    /// <summary>Drops every line before the <paramref name="occurrence"/>-th line matching <paramref name="pattern"/>.</summary>
    public static CleaningRule StartAt(string pattern, string description, int occurrence = 1, bool required = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrence, 1);
        return new CleaningRule(CleaningRuleKind.StartAt, pattern, description, occurrence: occurrence, required: required);
    }

    /// <summary>Drops the first line matching <paramref name="pattern"/> (among the last <paramref name="withinLastLines"/> lines
    /// when given) and everything after it.</summary>
    public static CleaningRule EndAt(string pattern, string description, int? withinLastLines = null, bool required = false)
    {
        if (withinLastLines is < 1) throw new ArgumentOutOfRangeException(nameof(withinLastLines), withinLastLines, "withinLastLines must be at least 1.");
        return new CleaningRule(CleaningRuleKind.EndAt, pattern, description, withinLastLines: withinLastLines, required: required);
    }

    /// <summary>Drops every line matching <paramref name="pattern"/>.</summary>
    public static CleaningRule DropLines(string pattern, string description) => Make(CleaningRuleKind.DropLines, pattern, description);

    /// <summary>Drops every line matching <paramref name="pattern"/> and the lines after it up to the next blank line.</summary>
    public static CleaningRule DropParagraphs(string pattern, string description) => Make(CleaningRuleKind.DropParagraphs, pattern, description);

    /// <summary>Drops every section that starts at a line matching <paramref name="pattern"/> and runs up to, not including,
    /// the next line matching <paramref name="endPattern"/> (null: to the end of the text).</summary>
    public static CleaningRule DropSections(string pattern, string? endPattern, string description) =>
        new(CleaningRuleKind.DropSections, pattern, description, endPattern: endPattern);

    /// <summary>Keeps only the lines matching <paramref name="pattern"/>.</summary>
    public static CleaningRule KeepLines(string pattern, string description) => Make(CleaningRuleKind.KeepLines, pattern, description);

    /// <summary>Replaces every match of <paramref name="pattern"/> within each line by <paramref name="replacement"/>.</summary>
    public static CleaningRule Replace(string pattern, string replacement, string description)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return new CleaningRule(CleaningRuleKind.Replace, pattern, description, replacement: replacement);
    }

    private static CleaningRule Make(CleaningRuleKind kind, string pattern, string description) => new(kind, pattern, description);

    private static Regex Compile(string pattern, string paramName)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The cleaning pattern '{pattern}' is not a valid regular expression: {e.Message}", paramName, e);
        }
    }

    /// <summary>The rule in one line: its kind, pattern and description.</summary>
    public override string ToString() => $"{Kind} {Pattern} ({Description})";

    /// <summary>Applies the rule to <paramref name="lines"/> (in place) for the text named <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A required start or end is missing, or a pattern timed out on a line.</exception>
    internal void Apply(List<string> lines, string source)
    {
        switch (Kind)
        {
            case CleaningRuleKind.StartAt:
                {
                    int seen = 0, at = -1;
                    for (int i = 0; i < lines.Count && at < 0; i++)
                        if (Matches(regex, lines[i], i, source) && ++seen == Occurrence) at = i;
                    if (at < 0)
                    {
                        if (Required) throw Missing(source, seen);
                        return;
                    }
                    lines.RemoveRange(0, at);
                    return;
                }
            case CleaningRuleKind.EndAt:
                {
                    int end = lines.Count;
                    while (end > 0 && string.IsNullOrWhiteSpace(lines[end - 1])) end--;
                    int from = WithinLastLines is int n ? Math.Max(0, end - n) : 0;
                    for (int i = from; i < lines.Count; i++)
                        if (Matches(regex, lines[i], i, source))
                        {
                            lines.RemoveRange(i, lines.Count - i);
                            return;
                        }
                    if (Required) throw Missing(source, 0);
                    return;
                }
            case CleaningRuleKind.DropLines:
                {
                    int k = 0;
                    for (int i = 0; i < lines.Count; i++)
                        if (!Matches(regex, lines[i], i, source)) lines[k++] = lines[i];
                    lines.RemoveRange(k, lines.Count - k);
                    return;
                }
            case CleaningRuleKind.KeepLines:
                {
                    int k = 0;
                    for (int i = 0; i < lines.Count; i++)
                        if (Matches(regex, lines[i], i, source)) lines[k++] = lines[i];
                    lines.RemoveRange(k, lines.Count - k);
                    return;
                }
            case CleaningRuleKind.DropParagraphs:
                {
                    int k = 0;
                    for (int i = 0; i < lines.Count; i++)
                    {
                        if (Matches(regex, lines[i], i, source))
                        {
                            while (i + 1 < lines.Count && !string.IsNullOrWhiteSpace(lines[i + 1])) i++;
                            continue;
                        }
                        lines[k++] = lines[i];
                    }
                    lines.RemoveRange(k, lines.Count - k);
                    return;
                }
            case CleaningRuleKind.DropSections:
                {
                    int k = 0;
                    bool inSection = false;
                    for (int i = 0; i < lines.Count; i++)
                    {
                        if (inSection && endRegex is { } end && Matches(end, lines[i], i, source)) inSection = false;
                        if (!inSection && Matches(regex, lines[i], i, source)) inSection = true;
                        if (!inSection) lines[k++] = lines[i];
                    }
                    lines.RemoveRange(k, lines.Count - k);
                    return;
                }
            case CleaningRuleKind.Replace:
                for (int i = 0; i < lines.Count; i++)
                {
                    try
                    {
                        lines[i] = regex.Replace(lines[i], Replacement);
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        throw TimedOut(source, i);
                    }
                }
                return;
            default:
                throw new InvalidOperationException($"Unknown cleaning rule kind {Kind}.");
        }
    }

    private bool Matches(Regex pattern, string line, int index, string source)
    {
        try
        {
            return pattern.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            throw TimedOut(source, index);
        }
    }

    private ArgumentException Missing(string source, int seen) => new(string.Create(CultureInfo.InvariantCulture,
        $"{source}: the cleaning rule '{Description}' found {(Occurrence > 1 ? $"{seen} of the {Occurrence} lines" : "no line")} matching {Pattern}; is this the edition the rule was written for? (Load it with CorpusCleaning.Plain to clean it by letters only.)"));

    private ArgumentException TimedOut(string source, int line) => new(string.Create(CultureInfo.InvariantCulture,
        $"{source}: the cleaning rule '{Description}' timed out on line {line + 1} of the text as it was at that step."));
}
