using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Ecology;

/// <summary>Typed field readers for the JSON file formats, with errors that name the field.</summary>
internal static class JsonFields
{
    /// <summary>Reads a JSON file and parses it; errors name the file (<paramref name="kind"/> is "process" or "ecology").</summary>
    public static T LoadFile<T>(string path, string kind, Func<string, T> parse)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read {kind} file '{path}': {e.Message}", e);
        }
        try { return parse(text); }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            throw new FormatException($"{char.ToUpperInvariant(kind[0])}{kind[1..]} file '{path}': {e.Message}", e);
        }
    }

    public static string String(JsonObject obj, string field, string owner)
    {
        if (obj[field] is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw new FormatException($"In {owner}: field \"{field}\" is missing or not a string.");
    }

    public static string[] StringArray(JsonNode? node, string field, string owner)
    {
        if (node is JsonObject o) node = o[field];
        if (node is not JsonArray a) throw new FormatException($"In {owner}: field \"{field}\" is missing or not an array of strings.");
        var result = new string[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] is JsonValue v && v.TryGetValue<string>(out var s)) result[i] = s;
            else throw new FormatException($"In {owner}: \"{field}\"[{i}] is not a string.");
        }
        return result;
    }

    public static double Number(JsonNode? node, string where)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue<double>(out var d)) return d;
            if (v.GetValueKind() == JsonValueKind.Number && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out d)) return d;
        }
        throw new FormatException($"{where} is not a number.");
    }

    public static double[] Vector(JsonNode? node, string where)
    {
        if (node is not JsonArray a) throw new FormatException($"{where} is not an array of numbers.");
        var r = new double[a.Count];
        for (int i = 0; i < a.Count; i++) r[i] = Number(a[i], $"{where}[{i}]");
        return r;
    }

    public static double[][] Matrix(JsonNode? node, string where)
    {
        if (node is not JsonArray a) throw new FormatException($"{where} is not an array of rows.");
        var r = new double[a.Count][];
        for (int i = 0; i < a.Count; i++) r[i] = Vector(a[i], $"{where}[{i}]");
        return r;
    }
}
