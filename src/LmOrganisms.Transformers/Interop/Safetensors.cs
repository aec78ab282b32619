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

    /// <summary>Size limit of a safetensors file read by <see cref="Read"/>: <see cref="Array.MaxLength"/> bytes (about
    /// 2 GiB, one .NET array).</summary>
    public const long MaxFileBytes = 0x7FFFFFC7;

    /// <summary>Size limit of the JSON header: 100,000,000 bytes (the limit of the safetensors reference implementation).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Reads every tensor (onto the CPU) and the string metadata of a safetensors file: a regular file of at most
    /// <see cref="MaxFileBytes"/> bytes whose header passes every check of <see cref="Parse"/>. The file and the tensors
    /// made from it must fit in memory together (twice the file size), or the read is refused before it starts.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is not a regular file (directory, device, FIFO), the file is larger than the
    /// limit, or it cannot be read.</exception>
    /// <exception cref="ArgumentException">The content is not valid safetensors (see <see cref="Parse"/>), or it would not
    /// fit in memory; the message names the file and the field or tensor.</exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long size = InputFile.CheckRegularFile(path, "safetensors file");
        MemoryBudget.Require(2.0 * size, $"Reading safetensors file '{path}' ({size:N0} bytes, held twice: the file and its tensors)", nameof(path));
        return Parse(InputFile.ReadAllBytes(path, MaxFileBytes, "safetensors file"), path);
    }

    /// <summary>
    /// Parses safetensors bytes (untrusted input): the 8-byte header length is at most <see cref="MaxHeaderBytes"/> and
    /// within the bytes; the header is strict UTF-8 JSON without duplicate keys; <c>__metadata__</c> is an object of
    /// strings; every tensor entry is an object with exactly a supported <c>dtype</c> (F32, F64, I64, I32; other
    /// safetensors dtypes are refused by name), a <c>shape</c> of non-negative integers and <c>data_offsets</c>
    /// [begin, end] whose length is the shape's byte size (overflow checked); and the tensors' byte ranges, sorted, are
    /// contiguous from 0 and cover the data exactly (no gap, overlap or trailing byte).
    /// </summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="source">Names the origin in error messages.</param>
    /// <exception cref="ArgumentException">Any check fails; the message names <paramref name="source"/> and the field or
    /// tensor.</exception>
    public static SafetensorsContent Parse(ReadOnlySpan<byte> bytes, string source = "safetensors data")
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = SafetensorsHeader.Parse(bytes, source);
        var data = bytes[header.DataStart..];
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in header.Tensors)
            {
                var raw = data[(int)entry.Begin..(int)entry.End];
                tensors[entry.Name] = entry.Dtype switch
                {
                    "F32" => torch.tensor(Values<float>(raw), entry.Shape),
                    "F64" => torch.tensor(Values<double>(raw), entry.Shape),
                    "I64" => torch.tensor(Values<long>(raw), entry.Shape),
                    _ => torch.tensor(Values<int>(raw), entry.Shape),
                };
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new SafetensorsContent(tensors, new Dictionary<string, string>(header.Metadata, StringComparer.Ordinal));
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
            bool empty = cpu.numel() == 0;   // TorchSharp's accessor cannot read a zero-element tensor
            var (dtype, blob) = cpu.dtype switch
            {
                torch.ScalarType.Float32 => ("F32", empty ? [] : MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Float64 => ("F64", empty ? [] : MemoryMarshal.AsBytes(cpu.data<double>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Int64 => ("I64", empty ? [] : MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray()),
                torch.ScalarType.Int32 => ("I32", empty ? [] : MemoryMarshal.AsBytes(cpu.data<int>().ToArray().AsSpan()).ToArray()),
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

    private static T[] Values<T>(ReadOnlySpan<byte> raw) where T : struct
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Safetensors import needs a little-endian machine.");
        return MemoryMarshal.Cast<byte, T>(raw).ToArray();
    }
}
