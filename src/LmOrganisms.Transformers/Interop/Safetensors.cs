using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.Ecology;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Reader and writer of the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
/// header <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>, then the raw
/// little-endian tensor bytes. Supported dtypes: F32, F64, I64, I32. Python reads the files with
/// <c>safetensors.torch.load_file</c> or numpy.
/// </summary>
public static class Safetensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Reads every tensor (onto the CPU) and the string metadata of a safetensors file.</summary>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names the origin in error messages.</summary>
    public static SafetensorsContent Parse(ReadOnlySpan<byte> bytes, string source = "safetensors data")
    {
        if (bytes.Length < 8) throw new ArgumentException($"'{source}' has {bytes.Length} bytes, too few for a safetensors header.", nameof(bytes));
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new ArgumentException($"'{source}' declares a {headerLength}-byte header but has only {bytes.Length - 8} bytes after the length; the file is truncated or not safetensors.", nameof(bytes));
        var data = bytes[(8 + (int)headerLength)..];
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.Slice(8, (int)headerLength)) as JsonObject
                ?? throw new ArgumentException($"'{source}' has a safetensors header that is not a JSON object.", nameof(bytes));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"'{source}' has an invalid safetensors JSON header: {e.Message}", nameof(bytes), e);
        }
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == MetadataKey)
                {
                    if (node is not JsonObject entries)
                        throw new ArgumentException($"'{source}' has a '{MetadataKey}' that is not a JSON object.", nameof(bytes));
                    foreach (var (k, v) in entries)
                        metadata[k] = v is JsonValue value && value.TryGetValue<string>(out var text) ? text
                            : throw new ArgumentException($"Metadata '{k}' in '{source}' is not a string.", nameof(bytes));
                    continue;
                }
                tensors[name] = ParseTensor(name, node, data, source);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new SafetensorsContent(tensors, metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> (any device; F32, F64, I64 or I32) and <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically (temporary file, then one rename). Tensors are written in ordinal name order.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = Serialize(tensors, metadata);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>The safetensors bytes of <paramref name="tensors"/> and <paramref name="metadata"/>.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) meta[k] = v;
            header[MetadataKey] = meta;
        }
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor.", nameof(tensors));
            using var scope = torch.NewDisposeScope();
            var cpu = tensor.detach().to(torch.CPU).contiguous();
            var (dtype, blob) = cpu.dtype switch
            {
                torch.ScalarType.Float32 => ("F32", MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Float64 => ("F64", MemoryMarshal.AsBytes(cpu.data<double>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Int64 => ("I64", MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Int32 => ("I32", MemoryMarshal.AsBytes(cpu.data<int>().ToArray().AsSpan()).ToArray()),
                _ => throw new ArgumentException($"Tensor '{name}' has dtype {cpu.dtype}; safetensors export supports float32, float64, int64 and int32.", nameof(tensors)),
            };
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Safetensors export needs a little-endian machine.");
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(cpu.shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + blob.Length)),
            };
            offset += blob.Length;
            blobs.Add(blob);
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        var result = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        json.CopyTo(result, 8);
        for (int i = 8 + json.Length; i < 8 + padded; i++) result[i] = (byte)' ';
        long at = 8 + padded;
        foreach (var blob in blobs)
        {
            blob.CopyTo(result, at);
            at += blob.Length;
        }
        return result;
    }

    // One header entry {dtype, shape, data_offsets} as a CPU tensor; every field checked against the data (untrusted input).
    private static torch.Tensor ParseTensor(string name, JsonNode? node, ReadOnlySpan<byte> data, string source)
    {
        string dtype;
        long[] shape, offsets;
        try
        {
            var entry = node?.AsObject() ?? throw new InvalidOperationException("the entry is null");
            dtype = entry["dtype"]?.GetValue<string>() ?? throw new InvalidOperationException("it has no dtype");
            shape = (entry["shape"] ?? throw new InvalidOperationException("it has no shape")).AsArray().Select(v => v!.GetValue<long>()).ToArray();
            offsets = (entry["data_offsets"] ?? throw new InvalidOperationException("it has no data_offsets")).AsArray().Select(v => v!.GetValue<long>()).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new ArgumentException($"Tensor '{name}' in '{source}' has an invalid header entry ({e.Message}); expected {{\"dtype\": string, \"shape\": [integers], \"data_offsets\": [begin, end]}}.", "bytes", e);
        }
        if (shape.Any(n => n < 0))
            throw new ArgumentException($"Tensor '{name}' in '{source}' has shape [{string.Join(", ", shape)}] with a negative dimension.", "bytes");
        long size = ElementSize(dtype, name, source);
        foreach (var n in shape) size = n == 0 || size <= data.Length / n ? size * n : long.MaxValue;
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[0] > offsets[1] || offsets[1] > data.Length || offsets[1] - offsets[0] != size)
            throw new ArgumentException($"Tensor '{name}' in '{source}' has data_offsets [{string.Join(", ", offsets)}] that do not fit its shape [{string.Join(", ", shape)}] of {dtype} within {data.Length} data bytes.", "bytes");
        var raw = data[(int)offsets[0]..(int)offsets[1]];
        return dtype switch
        {
            "F32" => torch.tensor(Values<float>(raw), shape),
            "F64" => torch.tensor(Values<double>(raw), shape),
            "I64" => torch.tensor(Values<long>(raw), shape),
            _ => torch.tensor(Values<int>(raw), shape),
        };
    }

    private static int ElementSize(string dtype, string name, string source) => dtype switch
    {
        "F32" or "I32" => 4,
        "F64" or "I64" => 8,
        _ => throw new ArgumentException($"Tensor '{name}' in '{source}' has dtype {dtype}; supported are F32, F64, I64 and I32.", nameof(dtype)),
    };

    private static T[] Values<T>(ReadOnlySpan<byte> raw) where T : struct
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Safetensors import needs a little-endian machine.");
        return MemoryMarshal.Cast<byte, T>(raw).ToArray();
    }
}
