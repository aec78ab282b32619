using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LmOrganisms.Transformers;

/// <summary>
/// The zip container of a <c>torch.save</c> file (PyTorch ≥ 1.6): records <c>{root}/data.pkl</c> (the pickle),
/// <c>{root}/data/{key}</c> (one per storage), <c>{root}/version</c>, optionally <c>{root}/byteorder</c>, and ours,
/// <c>{root}/extra/metadata.json</c>. Checks the container of untrusted files before PyBridge unpickles it, and
/// rewrites PyBridge's output into a deterministic archive.
/// </summary>
internal static class PyTorchArchive
{
    /// <summary>The record (under the archive's root folder) holding <see cref="PyTorchStateDict.Write"/>'s metadata.</summary>
    public const string MetadataRecord = "extra/metadata.json";

    /// <summary>Largest <c>data.pkl</c> accepted: a state dict's pickle holds names and shapes only (a few KB per
    /// hundred tensors); tensor bytes live in separate records.</summary>
    public const long MaxPickleBytes = 64L << 20;

    private const long MaxMetadataBytes = 1L << 20;
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>True when the bytes start like a zip archive (<c>PK\x03\x04</c>).</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;

    /// <summary>True when the bytes start like a pickle (protocol 2 or later): PyTorch's legacy serialization or a plain
    /// pickle file.</summary>
    public static bool IsPickle(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5;

    /// <summary>
    /// Checks the container (a zip with exactly one <c>data.pkl</c> of bounded size) and reads the metadata record.
    /// Leaves <paramref name="stream"/> open and rewound.
    /// </summary>
    /// <exception cref="ArgumentException">The container is not a <c>torch.save</c> archive; the message names
    /// <paramref name="source"/> and the record.</exception>
    public static IReadOnlyDictionary<string, string> Inspect(Stream stream, string source)
    {
        var head = new byte[4];
        stream.ReadExactly(head.AsSpan(0, (int)Math.Min(4, stream.Length)));
        stream.Position = 0;
        if (!IsZip(head))
        {
            throw new ArgumentException(IsPickle(head)
                ? $"'{source}' is a bare pickle: PyTorch's legacy serialization (before 1.6, or _use_new_zipfile_serialization=False), which is not read. Re-save it in Python with torch.save(torch.load(path), path)."
                : $"'{source}' is not a PyTorch state dict: it does not start like a zip archive (torch.save's format since PyTorch 1.6).", "path");
        }
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var pickles = zip.Entries.Where(e => e.Name.EndsWith("data.pkl", StringComparison.Ordinal)).ToArray();
            if (pickles.Length != 1 || pickles[0].Name != "data.pkl")
                throw new ArgumentException($"'{source}' has {pickles.Length} records named like data.pkl ({string.Join(", ", pickles.Select(e => e.FullName))}); a torch.save archive has exactly one, '<root>/data.pkl'.", "path");
            var pickle = pickles[0];
            long actual = CountBytes(pickle, MaxPickleBytes + 1);
            if (actual > MaxPickleBytes)
                throw new ArgumentException($"'{source}' has a data.pkl record of more than {MaxPickleBytes} bytes; a state dict's pickle is far smaller (tensor bytes live in data/ records).", "path");
            var root = pickle.FullName[..^"data.pkl".Length];
            var record = zip.GetEntry(root + MetadataRecord);
            return record is null ? new Dictionary<string, string>(StringComparer.Ordinal) : ReadMetadata(record, source);
        }
        catch (Exception e) when (e is InvalidDataException or (IOException and not FileNotFoundException) or NotSupportedException)
        {
            throw new ArgumentException($"'{source}' is not a readable zip archive: {e.Message}", "path", e);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>
    /// Rewrites PyBridge's archive (deflated records, current timestamps) as a deterministic one: the same records
    /// uncompressed (as <c>torch.save</c> writes them), fixed timestamps, plus <c>{root}/byteorder</c> and, when there is
    /// metadata, <c>{root}/extra/metadata.json</c>.
    /// </summary>
    public static byte[] Repack(Stream archive, IReadOnlyDictionary<string, string>? metadata)
    {
        archive.Position = 0;
        using var source = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        var pickle = source.Entries.Single(e => e.Name == "data.pkl");
        var root = pickle.FullName[..^"data.pkl".Length];
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                Add(target, entry.FullName, from);
            }
            Add(target, root + "byteorder", new MemoryStream("little"u8.ToArray()));
            if (metadata is { Count: > 0 })
            {
                var json = new JsonObject();
                foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json[k] = v;
                Add(target, root + MetadataRecord, new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())));
            }
        }
        return output.ToArray();
    }

    private static void Add(ZipArchive target, string name, Stream content)
    {
        var entry = target.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = FixedTime;
        using var to = entry.Open();
        content.CopyTo(to);
    }

    private static long CountBytes(ZipArchiveEntry entry, long limit)
    {
        using var s = entry.Open();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while (total < limit && (n = s.Read(buffer)) > 0) total += n;
        return total;
    }

    private static Dictionary<string, string> ReadMetadata(ZipArchiveEntry record, string source)
    {
        string where = $"record '{record.FullName}' of '{source}'";
        if (CountBytes(record, MaxMetadataBytes + 1) > MaxMetadataBytes)
            throw new ArgumentException($"The metadata {where} has more than {MaxMetadataBytes} bytes.", "path");
        using var s = record.Open();
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(s);
            if (parsed is JsonObject o) _ = o.Count; // materialises the properties: duplicate keys throw here
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ArgumentException($"The metadata {where} is not valid JSON: {e.Message}", "path", e);
        }
        if (parsed is not JsonObject node) throw new ArgumentException($"The metadata {where} is not a JSON object.", "path");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in node)
        {
            metadata[k] = v is JsonValue value && value.TryGetValue<string>(out var text) ? text
                : throw new ArgumentException($"Metadata '{k}' in {where} is not a string.", "path");
        }
        return metadata;
    }
}
