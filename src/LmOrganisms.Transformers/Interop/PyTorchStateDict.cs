using System.Collections;
using System.Collections.Specialized;
using LmOrganisms.Ecology;
using TorchSharp;
using TorchSharp.PyBridge;

namespace LmOrganisms.Transformers;

/// <summary>
/// Reader and writer of PyTorch state dicts: the <c>.pt</c> files of <c>torch.save(model.state_dict(), path)</c>
/// (PyTorch ≥ 1.6, a zip archive holding a pickle and one record per storage), through TorchSharp.PyBridge.
/// Reading never runs code from the file: PyBridge's unpickler (Razorvine.Pickle) builds plain .NET objects and refuses
/// any Python callable it does not know (only tensors, storages and <c>collections.OrderedDict</c> are known), and the
/// archive is checked before it is unpickled (see docs/transformers.md, "PyTorch checkpoints").
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>Largest file read, 4 GiB (the models of this library are far smaller).</summary>
    public const long MaxFileBytes = 4L << 30;

    private static readonly torch.ScalarType[] WritableTypes =
    [
        torch.ScalarType.Float32, torch.ScalarType.Float64, torch.ScalarType.Float16, torch.ScalarType.BFloat16,
        torch.ScalarType.Int64, torch.ScalarType.Int32, torch.ScalarType.Int16, torch.ScalarType.Int8,
        torch.ScalarType.Byte, torch.ScalarType.Bool,
    ];

    /// <summary>True when <paramref name="path"/> ends in <c>.pt</c> or <c>.pth</c> (any case): the names
    /// <see cref="Transformer.Save"/> writes as PyTorch state dicts (every other name is written as safetensors).</summary>
    public static bool HasPyTorchExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() is ".pt" or ".pth";
    }

    /// <summary>
    /// Reads every tensor (onto the CPU) of a <c>.pt</c> state dict, and the metadata that <see cref="Write"/> stored.
    /// The file must hold a flat dict (or <c>OrderedDict</c>) from names to tensors, as <c>model.state_dict()</c> gives.
    /// </summary>
    /// <param name="path">A file written by <c>torch.save</c> or <see cref="Write"/>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file is not a readable state dict: not a zip archive, the legacy
    /// format, a pickle of anything but a dict of tensors (a whole module, a nested checkpoint, a Python object),
    /// a tensor PyBridge cannot rebuild (views sharing a storage, non-contiguous strides), or storages shorter than
    /// their shapes; the message names the file and, where known, the entry.</exception>
    public static PyTorchStateDictContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new FileNotFoundException($"'{path}' is a directory, not a PyTorch state dict file.", path);
        long length = InputFile.CheckRegularFile(path, "PyTorch state dict file");
        if (length > MaxFileBytes)
            throw new ArgumentException($"'{path}' has {length} bytes, more than the {MaxFileBytes} read (PyTorchStateDict.MaxFileBytes).", nameof(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadFrom(stream, path);
    }

    /// <summary>Reads a <c>.pt</c> state dict from bytes; <paramref name="source"/> names the origin in error messages
    /// (see <see cref="Read(string)"/>).</summary>
    public static PyTorchStateDictContent Parse(byte[] bytes, string source = "PyTorch data")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return ReadFrom(stream, source);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; float32, float64, float16, bfloat16, integer or bool) as a
    /// <c>.pt</c> state dict that <c>torch.load(path)</c> reads as a dict of tensors (also with
    /// <c>weights_only=True</c>), in the dictionary's order, atomically (temporary file, then one rename).
    /// <paramref name="metadata"/> goes into the archive record <c>&lt;root&gt;/extra/metadata.json</c>, which
    /// <c>torch.load</c> ignores and <see cref="Read(string)"/> returns. The bytes are deterministic.
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="tensors">Tensors by state-dict name.</param>
    /// <param name="metadata">String metadata (optional).</param>
    /// <exception cref="ArgumentException">A tensor has a dtype PyTorch files do not store here (the message names
    /// it).</exception>
    public static void Write(string path, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Serialize(tensors, metadata);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>The <c>.pt</c> bytes of <paramref name="tensors"/> and <paramref name="metadata"/> (see
    /// <see cref="Write"/>).</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        using var scope = torch.NewDisposeScope();
        var ordered = new OrderedDictionary(tensors.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, $"tensors['{name}']");
            if (!WritableTypes.Contains(tensor.dtype))
                throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}; PyTorch state dicts are written for {string.Join(", ", WritableTypes)}.", nameof(tensors));
            // Detached (requires_grad False, as model.state_dict() gives), on the CPU, contiguous from offset 0.
            ordered.Add(name, tensor.detach().cpu().contiguous());
        }
        using var pickled = new MemoryStream();
        PyTorchPickler.PickleStateDict(pickled, ordered, leaveOpen: true);
        return PyTorchArchive.Repack(pickled, metadata);
    }

    private static PyTorchStateDictContent ReadFrom(Stream stream, string source)
    {
        var metadata = PyTorchArchive.Inspect(stream, source);
        using var scope = torch.NewDisposeScope();
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw PyTorchRefusal.From(e, source);
        }
        var tensors = PyTorchRefusal.Tensors(table, source);
        foreach (var t in tensors.Values) t.MoveToOuterDisposeScope();
        return new PyTorchStateDictContent(tensors, metadata);
    }
}
