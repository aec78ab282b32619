using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.Ecology;

namespace LmOrganisms;

// JSON load/save of hidden-Markov processes in the DESIGN.md format:
// { "name": …, "alphabet": [...], "states": [...], "transitions": { "A": [[...], ...], ... } } where
// transitions[x][i][j] = Pr(emit x and move to state j | state i). Doubles are written round-trippably, so
// save-then-load gives back the same tensor bit for bit.
public sealed partial class HiddenMarkovProcess
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    // The JSON field behind each parameter of Create, for error messages.
    private static readonly Dictionary<string, string> CreateFields = new(StringComparer.Ordinal)
    {
        ["name"] = "\"name\"", ["alphabet"] = "\"alphabet\"", ["states"] = "\"states\"", ["transitions"] = "\"transitions\"",
    };

    /// <summary>Serialises a process to JSON text.</summary>
    public string ToJson(bool indented = true)
    {
        var transitions = new JsonObject();
        var t = ToArray();
        for (int x = 0; x < AlphabetSize; x++)
            transitions[Alphabet[x]] = new JsonArray(t[x].Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)JsonValue.Create(v)).ToArray())).ToArray());
        var root = new JsonObject
        {
            ["name"] = Name,
            ["alphabet"] = new JsonArray(Alphabet.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["states"] = new JsonArray(States.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            ["transitions"] = transitions,
        };
        return root.ToJsonString(indented ? IndentedJson : null);
    }

    /// <summary>Writes a process to a JSON file atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>
    /// Reads a process from a JSON file: a regular file of at most <see cref="InputFile.MaxJsonBytes"/> bytes of strict
    /// UTF-8 (docs/reliability.md). Errors name the file and the bad field.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is not a regular file (directory, device, FIFO), the file is larger than the
    /// limit, or it cannot be read.</exception>
    /// <exception cref="FormatException">The content is not a valid process (invalid UTF-8 or JSON, a missing or mistyped
    /// field, a transition tensor that fails validation); the message starts with the file and names the field.</exception>
    public static HiddenMarkovProcess Load(string path) => JsonFields.LoadFile(path, "process", FromJson);

    /// <summary>Parses a process from JSON text (strict: duplicate properties are refused).</summary>
    /// <exception cref="FormatException">The text is not a valid process; the message names the field.</exception>
    public static HiddenMarkovProcess FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = JsonFields.Parse(json);
        if (root is not JsonObject obj)
            throw new FormatException($"The top level must be a JSON object with \"name\", \"alphabet\", \"states\" and \"transitions\"; it is {JsonFields.Kind(root)}.");
        string name = JsonFields.String(obj, "name", "the process");
        var alphabet = JsonFields.StringArray(obj, "alphabet", $"process '{name}'");
        var states = JsonFields.StringArray(obj, "states", $"process '{name}'");
        if (obj["transitions"] is not JsonObject tr)
            throw new FormatException($"Process '{name}': field \"transitions\" is missing or not an object keyed by symbol.");
        foreach (var key in tr.Select(kv => kv.Key))
            if (!alphabet.Contains(key))
                throw new FormatException($"Process '{name}': \"transitions\" has a matrix for '{key}', which is not in the alphabet ({string.Join(", ", alphabet)}).");
        var tensor = new double[alphabet.Length][][];
        for (int x = 0; x < alphabet.Length; x++)
        {
            if (!tr.TryGetPropertyValue(alphabet[x], out var m) || m is null)
                throw new FormatException($"Process '{name}': \"transitions\" has no matrix for symbol '{alphabet[x]}'.");
            tensor[x] = JsonFields.Matrix(m, $"process '{name}', transitions[\"{alphabet[x]}\"]");
        }
        return JsonFields.Validated(() => HiddenMarkovProcess.Create(name, alphabet, states, tensor), CreateFields);
    }
}
