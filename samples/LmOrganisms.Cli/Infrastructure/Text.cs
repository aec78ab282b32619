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

    /// <summary>Writes a JSON document to stdout.</summary>
    public static void WriteJson(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));
}
