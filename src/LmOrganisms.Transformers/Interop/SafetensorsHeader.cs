using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using LmOrganisms.Ecology;

namespace LmOrganisms.Transformers;

/// <summary>
/// The validated header of a safetensors file (untrusted input). Checks, in order: the 8-byte length is at most
/// <see cref="Safetensors.MaxHeaderBytes"/> and within the file; the header is strict UTF-8 JSON (no duplicate keys) holding
/// an object; <c>__metadata__</c>, when present, is an object of strings; every other entry is an object with exactly
/// <c>dtype</c> (a supported dtype string), <c>shape</c> (non-negative integers) and <c>data_offsets</c> ([begin, end],
/// integers, begin ≤ end ≤ the data size); shape product × dtype size (overflow checked) equals end − begin; and the
/// byte ranges, sorted, are contiguous from 0 and cover the data buffer exactly (no gap, no overlap, no trailing bytes).
/// Errors are <see cref="ArgumentException"/>s naming the source and the field or tensor.
/// </summary>
internal sealed record SafetensorsHeader(IReadOnlyList<SafetensorsHeader.Entry> Tensors, IReadOnlyDictionary<string, string> Metadata, int DataStart)
{
    /// <summary>One tensor: name, dtype, shape and its byte range within the data buffer.</summary>
    internal sealed record Entry(string Name, string Dtype, long[] Shape, long Begin, long End);

    private const string MetadataKey = "__metadata__";
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    // Every dtype of the safetensors format, with its size in bytes; only F32, F64, I64 and I32 are read.
    private static readonly Dictionary<string, int> KnownDtypes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1, ["I16"] = 2, ["U16"] = 2, ["F16"] = 2,
        ["BF16"] = 2, ["I32"] = 4, ["U32"] = 4, ["F32"] = 4, ["I64"] = 8, ["U64"] = 8, ["F64"] = 8,
    };

    /// <summary>The dtypes read into tensors.</summary>
    public static readonly string[] Supported = ["F32", "F64", "I64", "I32"];

    /// <summary>The element size of a supported dtype.</summary>
    public static int ElementSize(string dtype) => KnownDtypes[dtype];

    /// <summary>Parses and validates the header of <paramref name="bytes"/>.</summary>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 8)
            throw Bad(source, $"has {bytes.Length} bytes, fewer than the 8-byte header length; it is truncated or not safetensors");
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (declared > Safetensors.MaxHeaderBytes)
            throw Bad(source, $"declares a {declared:N0}-byte header; the limit is {Safetensors.MaxHeaderBytes:N0} bytes (the header length field is corrupt or the file is not safetensors)");
        if (declared > (ulong)(bytes.Length - 8))
            throw Bad(source, $"declares a {declared:N0}-byte header but has only {bytes.Length - 8:N0} bytes after the length; the file is truncated or not safetensors");
        int headerLength = (int)declared;
        var header = bytes.Slice(8, headerLength);
        int bad = InputFile.InvalidUtf8Offset(header);
        if (bad >= 0)
            throw Bad(source, $"has a header that is not valid UTF-8: invalid byte 0x{header[bad]:X2} at byte offset {8 + bad}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header.ToArray(), Strict);
        }
        catch (JsonException e)
        {
            throw Bad(source, $"has a header that is not valid JSON (byte {8 + e.BytePositionInLine + 1} of line {e.LineNumber + 1}): {Trim(e.Message)}");
        }
        catch (InvalidOperationException e)
        {
            // Duplicate detection reads the names: an escaped lone surrogate ("\ud800") is valid syntax, invalid text.
            throw Bad(source, $"has a header with a name that is not valid text: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(source, $"has a header that is not a JSON object but {Kind(root)}");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            long dataLength = bytes.Length - 8 - headerLength;
            try
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, source);
                    else entries.Add(ReadEntry(property.Name, property.Value, dataLength, source));
                }
            }
            catch (InvalidOperationException e)
            {
                // An escaped lone surrogate ("\ud800") in a name or string: valid JSON syntax, invalid text.
                throw Bad(source, $"has a header with a name or string that is not valid text: {e.Message}");
            }
            CheckLayout(entries, dataLength, source);
            return new SafetensorsHeader(entries, metadata, 8 + headerLength);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(source, $"has a '{MetadataKey}' that is {Kind(value)}, not a JSON object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Bad(source, $"has metadata '{item.Name}' in '{MetadataKey}' that is {Kind(item.Value)}, not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw BadTensor(name, source, $"has a header entry that is {Kind(value)}; expected {{\"dtype\": string, \"shape\": [integers], \"data_offsets\": [begin, end]}}");
        JsonElement? dtypeNode = null, shapeNode = null, offsetsNode = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype": dtypeNode = field.Value; break;
                case "shape": shapeNode = field.Value; break;
                case "data_offsets": offsetsNode = field.Value; break;
                default: throw BadTensor(name, source, $"has an unknown field '{field.Name}'; a header entry has exactly dtype, shape and data_offsets");
            }
        }
        if (dtypeNode is not { } dtypeValue) throw BadTensor(name, source, $"has no dtype");
        if (shapeNode is not { } shapeValue) throw BadTensor(name, source, $"has no shape");
        if (offsetsNode is not { } offsetsValue) throw BadTensor(name, source, $"has no data_offsets");

        if (dtypeValue.ValueKind != JsonValueKind.String)
            throw BadTensor(name, source, $"has a dtype that is {Kind(dtypeValue)}, not a string");
        var dtype = dtypeValue.GetString()!;
        if (!KnownDtypes.TryGetValue(dtype, out int size))
            throw BadTensor(name, source, $"has dtype '{dtype}', which is not a safetensors dtype");
        if (!Supported.Contains(dtype))
            throw BadTensor(name, source, $"has dtype {dtype}; supported are {string.Join(", ", Supported)}");

        var shape = Integers(shapeValue, name, source, "shape");
        foreach (var n in shape)
            if (n < 0) throw BadTensor(name, source, $"has shape [{string.Join(", ", shape)}] with a negative dimension");
        var offsets = Integers(offsetsValue, name, source, "data_offsets");
        if (offsets.Length != 2)
            throw BadTensor(name, source, $"has data_offsets with {offsets.Length} entries; expected [begin, end]");
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin < 0 || end < begin || end > dataLength)
            throw BadTensor(name, source, $"has data_offsets [{begin}, {end}] outside the {dataLength:N0} data bytes (0 ≤ begin ≤ end ≤ data size)");

        // Bytes of the shape, overflow checked; the product of the non-zero dimensions is bounded too, so that a
        // zero-element tensor cannot describe an absurd layout.
        long bytes = size, span = size;
        foreach (var n in shape)
        {
            if (n == 0) bytes = 0;
            else bytes = bytes <= long.MaxValue / n ? bytes * n : -1;
            span = span <= Safetensors.MaxFileBytes / Math.Max(n, 1) ? span * Math.Max(n, 1) : -1;
            if (bytes < 0 || span < 0)
                throw BadTensor(name, source, $"has shape [{string.Join(", ", shape)}] of {dtype} describing more than {Safetensors.MaxFileBytes:N0} bytes; it cannot match its data_offsets [{begin}, {end}]");
        }
        if (end - begin != bytes)
            throw BadTensor(name, source, $"has data_offsets [{begin}, {end}] ({end - begin:N0} bytes) but its shape [{string.Join(", ", shape)}] of {dtype} needs {bytes:N0} bytes");
        return new Entry(name, dtype, shape, begin, end);
    }

    // The byte ranges sorted by (begin, end) must start at 0, follow each other without gap or overlap, and end at the
    // end of the data buffer (safetensors' own validation).
    private static void CheckLayout(List<Entry> entries, long dataLength, string source)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
        long expected = 0;
        Entry? previous = null;
        foreach (var e in sorted)
        {
            if (e.Begin < expected)
                throw BadTensor(e.Name, source, $"has data_offsets [{e.Begin}, {e.End}] overlapping tensor '{previous!.Name}' [{previous.Begin}, {previous.End}]; tensors must not share bytes");
            if (e.Begin > expected)
                throw BadTensor(e.Name, source, $"has data_offsets [{e.Begin}, {e.End}] leaving bytes {expected}…{e.Begin - 1} of the data buffer to no tensor; tensors must be contiguous");
            expected = e.End;
            previous = e;
        }
        if (expected != dataLength)
            throw Bad(source, $"has {dataLength - expected:N0} data bytes after the last tensor (data_offsets cover {expected:N0} of {dataLength:N0} bytes); the tensors must cover the data buffer exactly");
    }

    private static long[] Integers(JsonElement value, string name, string source, string field)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw BadTensor(name, source, $"has a {field} that is {Kind(value)}, not an array of integers");
        var result = new long[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out result[i]))
                throw BadTensor(name, source, $"has {field}[{i}] = {Shorten(item.GetRawText())}, not an integer");
            i++;
        }
        return result;
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Trim(string message)
    {
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private static ArgumentException Bad(string source, FormattableString problem) =>
        new($"'{source}' {problem.ToString(CultureInfo.InvariantCulture)}.", "bytes");

    private static ArgumentException BadTensor(string name, string source, FormattableString problem) =>
        new($"Tensor '{name}' in '{source}' {problem.ToString(CultureInfo.InvariantCulture)}.", "bytes");
}
