using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Ecology;

/// <summary>
/// Reading of the JSON file formats: strict parsing (no duplicate properties, no comments or trailing commas) and typed
/// field readers whose errors name the field. Every content error is a <see cref="FormatException"/>.
/// </summary>
internal static class JsonFields
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>
    /// Reads a JSON file (a regular file of at most <see cref="InputFile.MaxJsonBytes"/>, strict UTF-8) and parses it;
    /// content errors become a <see cref="FormatException"/> whose message starts with the file
    /// (<paramref name="kind"/> is "process" or "ecology").
    /// </summary>
    public static T LoadFile<T>(string path, string kind, Func<string, T> parse)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text = InputFile.ReadAllText(path, InputFile.MaxJsonBytes, $"{kind} file");
        try { return parse(text); }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"{char.ToUpperInvariant(kind[0])}{kind[1..]} file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Parses JSON text strictly; syntax errors (and duplicate properties) become a <see cref="FormatException"/>
    /// giving the line and byte position.</summary>
    public static JsonNode? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: Strict); }
        catch (InvalidOperationException e)
        {
            // Duplicate detection reads the property names, and one is not valid text.
            CheckText(json);
            throw new FormatException($"Invalid text in a property name: {e.Message}", e);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1} of the line{(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $", at {e.Path}")})" : "";
            var message = e.Message;
            int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
            throw new FormatException($"Invalid JSON{where}: {message}", e);
        }
        CheckText(json);
        return root;
    }

    // System.Text.Json parses an escaped lone surrogate ("\ud800") and fails only when the string is read, deep inside
    // the loader; every string and property name is read here once, so such text is refused with its position.
    private static void CheckText(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
        while (Next(ref reader))
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            try { _ = reader.GetString(); }
            catch (InvalidOperationException e)
            {
                throw new FormatException($"Invalid text at byte offset {reader.TokenStartIndex}{(reader.TokenType == JsonTokenType.PropertyName ? " (a property name)" : "")}: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="create"/> (a validating factory) and turns its <see cref="ArgumentException"/> into a
    /// <see cref="FormatException"/> that names the JSON field behind the parameter (<paramref name="fields"/> maps
    /// parameter names to field names).
    /// </summary>
    public static T Validated<T>(Func<T> create, IReadOnlyDictionary<string, string> fields)
    {
        try { return create(); }
        catch (ArgumentException e)
        {
            var field = e.ParamName is { } p && fields.TryGetValue(p, out var f) ? $"In {f}: " : "";
            throw new FormatException(field + StripParameter(e), e);
        }
    }

    private static string StripParameter(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }

    /// <summary>"null", "an array", "a string", … for messages.</summary>
    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "a JSON value",
    };

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

    private static bool Next(ref Utf8JsonReader reader)
    {
        try { return reader.Read(); }
        catch (JsonException) { return false; }   // syntax errors are reported by the parser with their line
    }
}
