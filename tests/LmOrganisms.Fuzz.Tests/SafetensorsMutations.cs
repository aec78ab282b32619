using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>
/// Lying safetensors headers, made from a valid file: dtypes, shapes and data offsets that do not match the data (the
/// issue's cases: dtype changed, offsets into another tensor, every tensor at offset 0), missing and null entries and
/// fields, bad metadata (including mutated configuration and checkpoint metadata), and header and data lengths that
/// lie.
/// </summary>
internal static class SafetensorsMutations
{
    private const string Metadata = "__metadata__";
    private const string DuplicateMarker = "\u00A7duplicate\u00A7";

    public static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] All =
    [
        ("dtype change", (b, r) => Header(b, r, Dtype)),
        ("shape lie", (b, r) => Header(b, r, Shape)),
        ("offset lie", (b, r) => Header(b, r, Offsets)),
        ("every tensor at offset 0", (b, r) => Header(b, r, AllAtZero)),
        ("entry lie", (b, r) => Header(b, r, Entry)),
        ("metadata lie", (b, r) => Header(b, r, MetadataLie)),
        ("header length lie", HeaderLength),
        ("data length lie", DataLength),
        ("header padding", Padding),
    ];

    private static (JsonObject Header, byte[] Data) Split(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return ((JsonObject)JsonNode.Parse(file.AsSpan(8, length))!, file[(8 + length)..]);
    }

    private static byte[] Join(string header, byte[] data, ulong? declared = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declared ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private static byte[] Header(byte[] file, Random rng, Func<JsonObject, Random, string?> change)
    {
        var (header, data) = Split(file);
        var text = change(header, rng) ?? header.ToJsonString();
        return Join(text, data);
    }

    private static List<string> Tensors(JsonObject h) => h.Select(kv => kv.Key).Where(k => k != Metadata).ToList();

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    private static JsonObject PickEntry(JsonObject h, Random rng, out string name)
    {
        name = Pick(Tensors(h), rng);
        return (JsonObject)h[name]!;
    }

    private static string? Dtype(JsonObject h, Random rng)
    {
        var e = PickEntry(h, rng, out _);
        string[] values = ["\"I32\"", "\"F64\"", "\"I64\"", "\"F32\"", "\"F16\"", "\"BF16\"", "\"U8\"", "\"BOOL\"", "\"X\"", "\"\"", "null", "4", "[\"F32\"]"];
        if (rng.Next(8) == 0) e.Remove("dtype");
        else e["dtype"] = JsonNode.Parse(Pick(values, rng));
        return null;
    }

    private static string? Shape(JsonObject h, Random rng)
    {
        var e = PickEntry(h, rng, out _);
        var shape = e["shape"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
        string Array(IEnumerable<long> dims) => "[" + string.Join(",", dims) + "]";
        var choices = new List<string>
        {
            Array(shape.Select(d => -d)),                               // negative, same product for an even count
            Array(shape.Select((d, i) => i == 0 ? 2 * d : d)),
            Array(shape.Append(1)), Array(shape.Append(0)), Array(shape.Prepend(2)),
            "[4611686018427387904,4]", "[9223372036854775807]", "[-1]", "[\"2\"]", "[1.5]", "[]", "null", "{}", "[null]",
        };
        if (shape.Length > 0) choices.Add(Array(shape.Reverse()));
        if (rng.Next(10) == 0) e.Remove("shape");
        else e["shape"] = JsonNode.Parse(Pick(choices, rng));
        return null;
    }

    private static string? Offsets(JsonObject h, Random rng)
    {
        var e = PickEntry(h, rng, out var name);
        var o = e["data_offsets"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
        var other = (JsonObject)h[Pick(Tensors(h), rng)]!;
        var choices = new List<string>
        {
            other["data_offsets"]!.ToJsonString(),                      // into another tensor
            $"[{o[0] + 4},{o[1] + 4}]", $"[{o[0] - 4},{o[1] - 4}]", $"[{o[1]},{o[0]}]", $"[{o[0]},{o[1]},{o[1]}]",
            $"[-1,{o[1]}]", $"[{o[0]},9223372036854775807]", $"[0.5,{o[1]}]", "[0]", "null", "[]", $"[{o[0]},{o[1] + 1}]",
        };
        if (rng.Next(10) == 0) e.Remove("data_offsets");
        else e["data_offsets"] = JsonNode.Parse(Pick(choices, rng));
        return null;
    }

    private static string? AllAtZero(JsonObject h, Random rng)
    {
        foreach (var name in Tensors(h))
        {
            var o = h[name]!["data_offsets"]!.AsArray();
            long size = o[1]!.GetValue<long>() - o[0]!.GetValue<long>();
            h[name]!["data_offsets"] = new JsonArray(0, size);
        }
        return null;
    }

    private static string? Entry(JsonObject h, Random rng)
    {
        var e = PickEntry(h, rng, out var name);
        switch (rng.Next(8))
        {
            case 6:
                // A name that is valid JSON but not valid text: an escaped lone surrogate.
                h[DuplicateMarker] = e.DeepClone();
                h.Remove(name);
                return h.ToJsonString().Replace(JsonSerializer.Serialize(DuplicateMarker), "\"x\\ud800\"", StringComparison.Ordinal);
            case 0: h[name] = null; return null;
            case 1: h[name] = JsonNode.Parse(Pick(new[] { "3", "[]", "\"x\"", "true" }, rng)); return null;
            case 2: e["extra"] = 1; return null;
            case 3: h.Remove(name); return null;
            case 4:
                h[DuplicateMarker] = e.DeepClone();
                return h.ToJsonString().Replace(JsonSerializer.Serialize(DuplicateMarker), JsonSerializer.Serialize(name), StringComparison.Ordinal);
            case 5:
                var copy = e.DeepClone();
                h.Remove(name);
                h[Pick(new[] { "", Metadata, name + "\u0000", "\u001b[2J" }, rng)] = copy;
                return null;
            default: e.Remove(Pick(new[] { "dtype", "shape", "data_offsets" }, rng)); return null;
        }
    }

    private static string? MetadataLie(JsonObject h, Random rng)
    {
        if (h[Metadata] is JsonObject meta && meta.Count > 0 && rng.Next(3) > 0)
        {
            // Mutate one metadata value: JSON values (configuration, options, losses) structurally, others textually.
            var key = Pick(meta.Select(kv => kv.Key).ToList(), rng);
            var value = meta[key]!.GetValue<string>();
            string mutated;
            try
            {
                JsonNode.Parse(value);
                var (_, apply) = Pick(JsonMutations.All, rng);
                mutated = Encoding.UTF8.GetString(apply(value, rng));
            }
            catch (JsonException)
            {
                mutated = Pick(new[] { "-1", "", "1e400", "abc", "99999999999", "0", value + value }, rng);
            }
            meta[key] = rng.Next(10) == 0 ? JsonNode.Parse(Pick(new[] { "null", "3", "{}", "[\"a\"]" }, rng)) : mutated;
            return null;
        }
        h[Metadata] = JsonNode.Parse(Pick(new[] { "null", "3", "[]", "{\"k\": null}", "{\"k\": 1}", "{\"k\": {\"a\": \"b\"}}", "\"text\"" }, rng));
        return null;
    }

    private static byte[] HeaderLength(byte[] file, Random rng)
    {
        var (header, data) = Split(file);
        var text = header.ToJsonString();
        long n = Encoding.UTF8.GetByteCount(text);
        ulong[] lies = [0, 1, (ulong)(n - 1), (ulong)(n + 1), (ulong)(n + 8), (ulong)(n + data.Length + 1), 100_000_001, ulong.MaxValue, 1UL << 63];
        return Join(text, data, Pick(lies, rng));
    }

    private static byte[] DataLength(byte[] file, Random rng)
    {
        var (header, data) = Split(file);
        int cut = rng.Next(1, 9);
        return Join(header.ToJsonString(), rng.Next(2) == 0 ? data[..Math.Max(0, data.Length - cut)] : [.. data, .. new byte[cut]]);
    }

    private static byte[] Padding(byte[] file, Random rng)
    {
        var (header, data) = Split(file);
        var pad = Pick(new[] { "        ", "\u0000\u0000", " x", "\n\t ", " {}" }, rng);
        return Join(header.ToJsonString() + pad, data);
    }
}
