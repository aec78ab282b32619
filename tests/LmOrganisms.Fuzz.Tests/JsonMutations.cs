using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>
/// Structural mutations of a valid JSON document: field deletion and duplication, type changes, huge numbers, hostile
/// names, array edits and deep nesting. Each returns UTF-8 bytes.
/// </summary>
internal static class JsonMutations
{
    // Values a field can be turned into (type changes and edge values); kept as raw JSON so that 1e400 survives.
    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"text\"", "\"\"", "[]", "{}", "[null]", "[[]]", "{\"x\": 1}",
        "1e308", "-1e308", "1e400", "-1e400", "1e-400", "9223372036854775808", "123456789012345678901234567890",
        "4.9e-324", "\"NaN\"", "\"Infinity\"", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]",
    ];

    // Hostile names as raw JSON strings (a lone surrogate cannot be written from a .NET string).
    private static readonly string[] HostileNames =
    [
        "\"\"", "\" \"", "\"\\u0000\"", "\"\\u001b[31mred\"", "\"a\\u2028b\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"ε\"",
        "\"a,b\"", "\"\\\"\"", "\"" + new string('x', 5000) + "\"",
    ];

    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "1e308", "1e-320", "9223372036854775807", "-0", "0.0000000000000001", "2147483648"];

    public static readonly (string Name, Func<string, Random, byte[]> Apply)[] All =
    [
        ("field deletion", (j, r) => Edit(j, r, DeleteField)),
        ("field duplication", DuplicateField),
        ("type change", (j, r) => Edit(j, r, ChangeType)),
        ("huge number", (j, r) => Edit(j, r, HugeNumber)),
        ("hostile name", (j, r) => Edit(j, r, HostileName)),
        ("hostile key", (j, r) => Edit(j, r, HostileKey)),
        ("array element removal", (j, r) => Edit(j, r, RemoveElement)),
        ("array element duplication", (j, r) => Edit(j, r, DuplicateElement)),
        ("array emptied", (j, r) => Edit(j, r, EmptyArray)),
        ("deep nesting", (j, r) => Edit(j, r, Nest)),
        ("value swap", (j, r) => Edit(j, r, SwapValues)),
        ("byte-order mark", (j, _) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(j)]),
    ];

    // Raw JSON put in place of a marker string after serialisation (a lone surrogate cannot be held by a JsonNode).
    private const string RawMarker = "\u00A7raw\u00A7";

    [ThreadStatic]
    private static string? raw;

    private static byte[] Edit(string json, Random rng, Func<JsonNode, Random, bool> change)
    {
        var root = JsonNode.Parse(json)!;
        var wrapper = new JsonArray(root);   // so that the root itself can be replaced
        raw = null;
        if (!change(wrapper, rng)) change(wrapper, rng);
        var text = wrapper[0]?.ToJsonString() ?? "null";
        if (raw is not null) text = text.Replace(JsonSerializer.Serialize(RawMarker), raw, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    // Every node under (and including) the wrapper's element, with its parent.
    private static List<(JsonNode? Node, JsonNode Parent, string? Key, int Index)> Nodes(JsonNode wrapper)
    {
        var list = new List<(JsonNode?, JsonNode, string?, int)>();
        void Walk(JsonNode? node, JsonNode parent, string? key, int index)
        {
            list.Add((node, parent, key, index));
            if (node is JsonObject o)
                foreach (var (k, v) in o.ToArray()) Walk(v, o, k, -1);
            else if (node is JsonArray a)
                for (int i = 0; i < a.Count; i++) Walk(a[i], a, null, i);
        }
        Walk(wrapper[0], wrapper, null, 0);
        return list;
    }

    private static void Replace(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject o) o[key!] = value;
        else ((JsonArray)parent)[index] = value;
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    private static bool DeleteField(JsonNode wrapper, Random rng)
    {
        var fields = Nodes(wrapper).Where(n => n.Parent is JsonObject).ToList();
        if (fields.Count == 0) return false;
        var (_, parent, key, _) = Pick(fields, rng);
        ((JsonObject)parent).Remove(key!);
        return true;
    }

    private static byte[] DuplicateField(string json, Random rng)
    {
        var wrapper = new JsonArray(JsonNode.Parse(json));
        var fields = Nodes(wrapper).Where(n => n.Parent is JsonObject).ToList();
        if (fields.Count == 0) return Encoding.UTF8.GetBytes(json);
        var (node, parent, key, _) = Pick(fields, rng);
        const string marker = "\u00A7duplicate\u00A7";
        bool sameValue = rng.Next(2) == 0;
        ((JsonObject)parent)[marker] = sameValue ? node?.DeepClone() : JsonNode.Parse(Pick(Replacements, rng));
        var text = wrapper[0]!.ToJsonString();
        return Encoding.UTF8.GetBytes(text.Replace(JsonSerializer.Serialize(marker), JsonSerializer.Serialize(key), StringComparison.Ordinal));
    }

    private static bool ChangeType(JsonNode wrapper, Random rng)
    {
        var (_, parent, key, index) = Pick(Nodes(wrapper), rng);
        Replace(parent, key, index, JsonNode.Parse(Pick(Replacements, rng)));
        return true;
    }

    private static bool HugeNumber(JsonNode wrapper, Random rng)
    {
        var numbers = Nodes(wrapper).Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList();
        if (numbers.Count == 0) return false;
        var (_, parent, key, index) = Pick(numbers, rng);
        Replace(parent, key, index, JsonNode.Parse(Pick(HugeNumbers, rng)));
        return true;
    }

    private static bool HostileName(JsonNode wrapper, Random rng)
    {
        var strings = Nodes(wrapper).Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
        if (strings.Count == 0) return false;
        var (_, parent, key, index) = Pick(strings, rng);
        // Half the time a name copied from elsewhere in the document (duplicate names), else a hostile one.
        JsonNode? value = Pick(strings, rng).Node!.DeepClone();
        if (rng.Next(2) == 0)
        {
            raw = Pick(HostileNames, rng);
            value = JsonValue.Create(RawMarker);
        }
        Replace(parent, key, index, value);
        return true;
    }

    private static bool HostileKey(JsonNode wrapper, Random rng)
    {
        var fields = Nodes(wrapper).Where(n => n.Parent is JsonObject).ToList();
        if (fields.Count == 0) return false;
        var (node, parent, key, _) = Pick(fields, rng);
        var o = (JsonObject)parent;
        o.Remove(key!);
        o[RawMarker] = node;
        raw = Pick(HostileNames, rng);
        return true;
    }

    private static bool RemoveElement(JsonNode wrapper, Random rng)
    {
        var arrays = Nodes(wrapper).Where(n => n.Node is JsonArray { Count: > 0 }).ToList();
        if (arrays.Count == 0) return false;
        var array = (JsonArray)Pick(arrays, rng).Node!;
        array.RemoveAt(rng.Next(array.Count));
        return true;
    }

    private static bool DuplicateElement(JsonNode wrapper, Random rng)
    {
        var arrays = Nodes(wrapper).Where(n => n.Node is JsonArray { Count: > 0 }).ToList();
        if (arrays.Count == 0) return false;
        var array = (JsonArray)Pick(arrays, rng).Node!;
        array.Insert(rng.Next(array.Count + 1), array[rng.Next(array.Count)]?.DeepClone());
        return true;
    }

    private static bool EmptyArray(JsonNode wrapper, Random rng)
    {
        var arrays = Nodes(wrapper).Where(n => n.Node is JsonArray { Count: > 0 }).ToList();
        if (arrays.Count == 0) return false;
        ((JsonArray)Pick(arrays, rng).Node!).Clear();
        return true;
    }

    private static bool Nest(JsonNode wrapper, Random rng)
    {
        var (node, parent, key, index) = Pick(Nodes(wrapper), rng);
        JsonNode? nested = node?.DeepClone();
        for (int i = 0, depth = 1 + rng.Next(80); i < depth; i++) nested = new JsonArray(nested);
        Replace(parent, key, index, nested);
        return true;
    }

    private static bool SwapValues(JsonNode wrapper, Random rng)
    {
        var nodes = Nodes(wrapper).Skip(1).ToList();
        if (nodes.Count < 2) return false;
        var a = Pick(nodes, rng);
        var b = Pick(nodes, rng);
        var (va, vb) = (a.Node?.DeepClone(), b.Node?.DeepClone());
        try
        {
            Replace(a.Parent, a.Key, a.Index, vb);
            Replace(b.Parent, b.Key, b.Index, va);
        }
        catch (InvalidOperationException) { return false; }   // one contained the other and is detached
        return true;
    }
}
