namespace LmOrganisms.Ecology;

/// <summary>What a <see cref="CleaningRule"/> does to the lines of a text.</summary>
public enum CleaningRuleKind
{
    /// <summary>Drops every line before the n-th line that matches (the matching line stays).</summary>
    StartAt,

    /// <summary>Drops the first matching line and everything after it, optionally looking only at the last lines.</summary>
    EndAt,

    /// <summary>Drops every matching line.</summary>
    DropLines,

    /// <summary>Drops every matching line together with the lines that follow it up to the next blank line.</summary>
    DropParagraphs,

    /// <summary>Drops every section from a line matching the pattern up to, not including, the next line matching the end pattern (or to the end of the text).</summary>
    DropSections,

    /// <summary>Keeps only the matching lines.</summary>
    KeepLines,

    /// <summary>Replaces every match of the pattern within each line.</summary>
    Replace,
}
