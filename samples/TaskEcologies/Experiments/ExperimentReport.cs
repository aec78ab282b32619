using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LmOrganisms.Ecology;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Writes an experiment's report folder the way samples/TaskEcologies lays it out (spec §4.16): <c>report.md</c> (what a
/// reader looks at) and <c>report.json</c> (the result record), each written atomically, plus small helpers for
/// Markdown tables of numbers.
/// </summary>
internal static class ExperimentReport
{
    /// <summary>The JSON settings of every report.json: indented, NaN and ±∞ written as strings, enums by name.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The result record as JSON with <see cref="JsonOptions"/>.</summary>
    public static string ToJson<T>(T result) => JsonSerializer.Serialize(result, JsonOptions);

    /// <summary>Creates <paramref name="directory"/> if needed and writes <c>report.md</c> and <c>report.json</c> atomically;
    /// returns the two paths.</summary>
    /// <param name="directory">The experiment's output folder (e.g. out/exp1-decomposition).</param>
    /// <param name="markdown">The report text.</param>
    /// <param name="result">The result record, serialised with <see cref="JsonOptions"/>.</param>
    public static (string Markdown, string Json) Write<T>(string directory, string markdown, T result)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(markdown);
        Directory.CreateDirectory(directory);
        string md = Path.Combine(directory, "report.md"), json = Path.Combine(directory, "report.json");
        AtomicFile.WriteAllText(md, markdown);
        AtomicFile.WriteAllText(json, ToJson(result));
        return (md, json);
    }

    /// <summary>A GitHub Markdown table with one header row; every row must have as many cells as <paramref name="headers"/>.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        sb.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        int r = 0;
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
                throw new ArgumentException($"Row {r} has {row.Count} cells; the table has {headers.Count} columns.", nameof(rows));
            sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
            r++;
        }
        return sb.ToString();
    }

    /// <summary>A number for a report: fixed with <paramref name="digits"/> decimals when of moderate size, otherwise
    /// scientific; "n/a" for null and NaN (invariant culture).</summary>
    public static string Num(double? value, int digits = 4)
    {
        if (value is not { } v || double.IsNaN(v)) return "n/a";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
        double a = Math.Abs(v);
        return a != 0 && (a < Math.Pow(10, -digits + 1) || a >= 1e6)
            ? v.ToString("0.###E+0", CultureInfo.InvariantCulture)
            : v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
