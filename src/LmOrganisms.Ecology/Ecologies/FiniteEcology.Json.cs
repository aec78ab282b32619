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

    // The JSON field behind each parameter of Create, for error messages.
    private static readonly Dictionary<string, string> CreateFields = new(StringComparer.Ordinal)
    {
        ["worlds"] = "\"worlds\"", ["priors"] = "\"worlds\"[].prior", ["contexts"] = "\"contexts\"",
        ["contextWeights"] = "\"contexts\"[].weight", ["vocabulary"] = "\"vocabulary\"", ["next"] = "\"next\"",
        ["contextWords"] = "\"contexts\"[].word",
    };

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

    /// <summary>
    /// Reads an ecology from a JSON file: a regular file of at most <see cref="InputFile.MaxJsonBytes"/> bytes of strict
    /// UTF-8 (docs/reliability.md). Errors name the file and the bad field.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is not a regular file (directory, device, FIFO), the file is larger than the
    /// limit, or it cannot be read.</exception>
    /// <exception cref="FormatException">The content is not a valid ecology (invalid UTF-8 or JSON, a missing or mistyped
    /// field, priors, weights or laws that fail validation); the message starts with the file and names the field.</exception>
    public static FiniteEcology Load(string path) => JsonFields.LoadFile(path, "ecology", FromJson);

    /// <summary>Parses an ecology from JSON text (strict: duplicate properties are refused).</summary>
    /// <exception cref="FormatException">The text is not a valid ecology; the message names the field.</exception>
    public static FiniteEcology FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = JsonFields.Parse(json);
        if (root is not JsonObject obj)
            throw new FormatException($"The top level must be a JSON object with \"worlds\", \"contexts\", \"vocabulary\" and \"next\"; it is {JsonFields.Kind(root)}.");
        var (worlds, priors) = NamedNumbers(obj, "worlds", "prior");
        var (contexts, weights) = NamedNumbers(obj, "contexts", "weight");
        var vocabulary = JsonFields.StringArray(obj, "vocabulary", "the ecology");
        if (obj["next"] is not JsonArray nextNode) throw new FormatException("In the ecology: field \"next\" is missing or not an array next[w][c][v].");
        var next = new double[nextNode.Count][][];
        for (int w = 0; w < nextNode.Count; w++)
            next[w] = JsonFields.Matrix(nextNode[w], $"\"next\"[{w}]");
        var words = ContextWordsOf((JsonArray)obj["contexts"]!, vocabulary);
        return JsonFields.Validated(() => FiniteEcology.Create(worlds, priors, contexts, weights, vocabulary, next, words), CreateFields);
    }

    // The optional "word" of every context (token names); all contexts have one or none does.
    private static int[][]? ContextWordsOf(JsonArray contexts, string[] vocabulary)
    {
        int with = contexts.Count(c => c is JsonObject o && o.ContainsKey("word"));
        if (with == 0) return null;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Length; i++) index.TryAdd(vocabulary[i], i);   // duplicates are refused by Create
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
