using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>Formatting helpers for human-readable and JSON output (invariant culture everywhere).</summary>
public static class Text
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A number in round-trip form.</summary>
    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number with <paramref name="digits"/> significant digits.</summary>
    public static string Num(double v, int digits) => v.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>A vector as "(a, b, c)".</summary>
    public static string Vec(IEnumerable<double> v, int digits = 6) => "(" + string.Join(", ", v.Select(x => Num(x, digits))) + ")";

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Array(IEnumerable<double> v) => new(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Array(IEnumerable<string> v) => new(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    /// <summary>A JSON array of integers.</summary>
    public static JsonArray Array(IEnumerable<int> v) => new(v.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());

    /// <summary>
    /// A name read from a file (process, symbol, state, world, context, token), safe to print on a terminal: control
    /// characters (NUL, ESC, line breaks, DEL, C1) and the Unicode line, paragraph and bidirectional-override characters
    /// are written as <c>\u001B</c>-style escapes, so a file cannot move the cursor, recolour or hide text. JSON output is
    /// escaped by the JSON writer instead.
    /// </summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.Any(NeedsEscape)) return name;
        var sb = new System.Text.StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            if (NeedsEscape(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A message for stderr: line breaks become spaces and other control characters are escaped as in
    /// <see cref="Name"/>.</summary>
    public static string Line(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Name(message.ReplaceLineEndings(" "));
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';

    /// <summary>Writes a JSON document to stdout.</summary>
    public static void WriteJson(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));
}
