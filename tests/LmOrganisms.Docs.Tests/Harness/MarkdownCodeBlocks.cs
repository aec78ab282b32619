using System.Text.RegularExpressions;

namespace LmOrganisms.Docs.Tests;

/// <summary>
/// Finds the fenced C# blocks of a markdown text and their markers (docs/api.md §2.11).
/// </summary>
/// <remarks>
/// Fences follow CommonMark: three or more backticks or tildes, optionally indented; the first word of the info string
/// names the language (<c>csharp</c>, <c>cs</c> or <c>c#</c>, any case, are C#; every other language is ignored); the
/// block ends at a line of at least as many of the same fence character and nothing else, or the block is reported
/// unclosed. Fences inside another fenced block are content. The fence's indentation is removed from each code line.
/// Markers are HTML comments on the lines just above the opening fence (blank lines between are allowed); each holds
/// one or more of the words <c>continues</c> and <c>run</c>. Any other word in such a comment is a problem of the block,
/// so a typo cannot silently turn a check off.
/// </remarks>
public static partial class MarkdownCodeBlocks
{
    /// <summary>The marker word for a block appended to the previous C# block's program.</summary>
    public const string ContinuesMarker = "continues";

    /// <summary>The marker word for a block whose program is also executed.</summary>
    public const string RunMarker = "run";

    private static readonly string[] CSharpLanguages = ["csharp", "cs", "c#"];

    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})\s*(?<info>.*)$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^\s*<!--(?<body>.*?)-->\s*$")]
    private static partial Regex MarkerComment();

    /// <summary>The C# blocks of <paramref name="markdown"/>, in order, for the file named <paramref name="file"/>.</summary>
    public static IReadOnlyList<DocBlock> Extract(string markdown, string file)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(file);
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var blocks = new List<DocBlock>();
        DocBlock? previous = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var open = OpeningFence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }
            var fenceChar = open.Groups["fence"].Value[0];
            var info = open.Groups["info"].Value.Trim();
            if (fenceChar == '`' && info.Contains('`', StringComparison.Ordinal))
            {
                continue; // an inline code span such as ```x```, not a fence (CommonMark)
            }
            var fenceLength = open.Groups["fence"].Length;
            var indent = open.Groups["indent"].Length;
            var language = info.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

            var code = new List<string>();
            var indents = new List<int>();
            var close = i + 1;
            while (close < lines.Length && !IsClosingFence(lines[close], fenceChar, fenceLength))
            {
                var line = lines[close];
                var strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ')
                {
                    strip++;
                }
                code.Add(line[strip..]);
                indents.Add(strip);
                close++;
            }
            var unclosed = close >= lines.Length;

            if (CSharpLanguages.Contains(language, StringComparer.OrdinalIgnoreCase))
            {
                var (continues, run, problem) = ReadMarkers(lines, i);
                if (unclosed)
                {
                    problem ??= $"the fence opened on line {i + 1} is never closed";
                }
                if (continues && previous is null)
                {
                    problem ??= $"marked '{ContinuesMarker}' but no C# block comes before it in {file}";
                }
                var block = new DocBlock(file, i + 1, code, indents, continues, run, previous, problem);
                blocks.Add(block);
                previous = block;
            }
            i = close; // skip the block's content and its closing fence
        }
        return blocks;
    }

    private static bool IsClosingFence(string line, char fenceChar, int fenceLength)
    {
        var t = line.Trim();
        return t.Length >= fenceLength && t.All(c => c == fenceChar);
    }

    /// <summary>Reads the marker comments above the fence on line index <paramref name="fence"/>.</summary>
    private static (bool Continues, bool Run, string? Problem) ReadMarkers(string[] lines, int fence)
    {
        bool continues = false, run = false;
        string? problem = null;
        for (var j = fence - 1; j >= 0; j--)
        {
            if (string.IsNullOrWhiteSpace(lines[j]))
            {
                continue;
            }
            var m = MarkerComment().Match(lines[j]);
            if (!m.Success)
            {
                break;
            }
            var words = m.Groups["body"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                problem ??= $"line {j + 1}: an empty comment above a C# fence (markers: '{ContinuesMarker}', '{RunMarker}')";
            }
            foreach (var w in words)
            {
                switch (w)
                {
                    case ContinuesMarker: continues = true; break;
                    case RunMarker: run = true; break;
                    default:
                        problem ??= $"line {j + 1}: unknown marker '{w}' above a C# fence " +
                                    $"(markers: '{ContinuesMarker}', '{RunMarker}')";
                        break;
                }
            }
        }
        return (continues, run, problem);
    }
}
