using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.Ecology;

namespace LmOrganisms;

// JSON load/save of finite ecologies in the DESIGN.md format:
// { "worlds": [{ "name", "prior" }], "contexts": [{ "name", "weight" }], "vocabulary": [...], "next": next[w][c][v] }.
// Doubles are written round-trippably: save-then-load is exact.
public sealed partial class FiniteEcology
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>Serialises an ecology to JSON text.</summary>
    public string ToJson(bool indented = true)
    {
        var next = new JsonArray();
        for (int w = 0; w < WorldCount; w++)
        {
            var perContext = new JsonArray();
            for (int c = 0; c < ContextCount; c++)
            {
                var law = new JsonArray();
                foreach (var v in Next(w, c)) law.Add(JsonValue.Create(v));
                perContext.Add(law);
            }
            next.Add(perContext);
        }
        var root = new JsonObject
        {
            ["worlds"] = new JsonArray(Worlds.Select((n, w) => (JsonNode)new JsonObject { ["name"] = n, ["prior"] = Priors[w] }).ToArray()),
            ["contexts"] = new JsonArray(Contexts.Select((n, c) => (JsonNode)ContextJson(c)).ToArray()),
            ["vocabulary"] = new JsonArray(Vocabulary.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["next"] = next,
        };
        return root.ToJsonString(indented ? IndentedJson : null);
    }

    private JsonObject ContextJson(int c)
    {
        var o = new JsonObject { ["name"] = contexts[c], ["weight"] = weights[c] };
        if (words is not null) o["word"] = new JsonArray(words[c].Select(v => (JsonNode)JsonValue.Create(vocabulary[v])).ToArray());
        return o;
    }

    /// <summary>Writes an ecology to a JSON file atomically (a crash never leaves a half-written file).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Reads an ecology from a JSON file. Errors name the file and the bad field.</summary>
    public static FiniteEcology Load(string path) => JsonFields.LoadFile(path, "ecology", FromJson);

    /// <summary>Parses an ecology from JSON text.</summary>
    public static FiniteEcology FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new FormatException($"Invalid JSON: {e.Message}", e); }
        if (root is not JsonObject obj) throw new FormatException("An ecology file must hold a JSON object.");
        var (worlds, priors) = NamedNumbers(obj, "worlds", "prior");
        var (contexts, weights) = NamedNumbers(obj, "contexts", "weight");
        var vocabulary = JsonFields.StringArray(obj, "vocabulary", "the ecology");
        if (obj["next"] is not JsonArray nextNode) throw new FormatException("In the ecology: field \"next\" is missing or not an array next[w][c][v].");
        var next = new double[nextNode.Count][][];
        for (int w = 0; w < nextNode.Count; w++)
            next[w] = JsonFields.Matrix(nextNode[w], $"\"next\"[{w}]");
        return FiniteEcology.Create(worlds, priors, contexts, weights, vocabulary, next, ContextWordsOf((JsonArray)obj["contexts"]!, vocabulary));
    }

    // The optional "word" of every context (token names); all contexts have one or none does.
    private static int[][]? ContextWordsOf(JsonArray contexts, string[] vocabulary)
    {
        int with = contexts.Count(c => c is JsonObject o && o.ContainsKey("word"));
        if (with == 0) return null;
        var index = vocabulary.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var words = new int[contexts.Count][];
        for (int c = 0; c < contexts.Count; c++)
        {
            var item = (JsonObject)contexts[c]!;
            if (!item.ContainsKey("word"))
                throw new FormatException($"In the ecology: \"contexts\"[{c}] has no \"word\" while {with} other contexts have one; give every context its word or none.");
            var symbols = JsonFields.StringArray(item, "word", $"\"contexts\"[{c}]");
            words[c] = new int[symbols.Length];
            for (int k = 0; k < symbols.Length; k++)
                words[c][k] = index.TryGetValue(symbols[k], out int v)
                    ? v
                    : throw new FormatException($"In the ecology: \"contexts\"[{c}].word[{k}] is '{symbols[k]}', which is not in the vocabulary ({string.Join(", ", vocabulary)}).");
        }
        return words;
    }

    private static (string[] Names, double[] Values) NamedNumbers(JsonObject obj, string field, string valueField)
    {
        if (obj[field] is not JsonArray a) throw new FormatException($"In the ecology: field \"{field}\" is missing or not an array.");
        var names = new string[a.Count];
        var values = new double[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] is not JsonObject item) throw new FormatException($"In the ecology: \"{field}\"[{i}] is not an object with \"name\" and \"{valueField}\".");
            names[i] = JsonFields.String(item, "name", $"\"{field}\"[{i}]");
            values[i] = JsonFields.Number(item[valueField], $"\"{field}\"[{i}].{valueField}");
        }
        return (names, values);
    }
}
