using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using static TorchSharp.torch;

namespace LmOrganisms;

public sealed partial class Transformer
{
    /// <summary>File names, next to a weights file without a stored configuration, that <see cref="Load(string)"/>
    /// reads the configuration from, in this order: ours (<c>lmo train</c>'s <c>config.json</c>) or TransformerLens'
    /// (the belief-geometry paper's <c>train_config.json</c>).</summary>
    internal static readonly string[] SiblingConfigNames = ["config.json", "train_config.json"];

    /// <summary>The tensors and metadata of a weights file, in either format; owns the tensors.</summary>
    private sealed record WeightsFile(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata, IDisposable Owner) : IDisposable
    {
        public void Dispose() => Owner.Dispose();
    }

    /// <summary>Reads a safetensors or PyTorch weights file, told apart by its first bytes (a zip archive or a pickle is
    /// PyTorch's; anything else is read as safetensors), whatever its extension.</summary>
    private static WeightsFile ReadWeightsFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new FileNotFoundException($"'{path}' is a directory, not a weights file.", path);
        long length = InputFile.CheckRegularFile(path, "weights file");
        if (length < 9)
            throw new ArgumentException($"'{path}' has {length} bytes, too few for a safetensors or PyTorch weights file.", nameof(path));
        Span<byte> head = stackalloc byte[9];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read)) stream.ReadExactly(head);
        // safetensors: an 8-byte little-endian header length, then the JSON header's '{'. The length's low bytes can
        // look like a pickle's protocol mark (0x80 0x02..0x05), so the '{' decides first.
        if (head[8] != (byte)'{' && (PyTorchArchive.IsZip(head) || PyTorchArchive.IsPickle(head)))
        {
            var content = PyTorchStateDict.Read(path);
            return new WeightsFile(content.Tensors, content.Metadata, content);
        }
        var safetensors = Safetensors.Read(path);
        return new WeightsFile(safetensors.Tensors, safetensors.Metadata, safetensors);
    }

    /// <summary>
    /// The configuration in a file next to <paramref name="path"/> (<see cref="SiblingConfigNames"/>), with the file it
    /// came from, or null when there is none. Read by <see cref="TransformerConfig.Load"/>.
    /// </summary>
    private static (TransformerConfig Config, string Source)? SiblingConfig(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        foreach (var name in SiblingConfigNames)
        {
            var candidate = Path.Combine(dir, name);
            if (!File.Exists(candidate)) continue;
            try
            {
                return (TransformerConfig.Load(candidate), candidate);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The configuration next to '{path}' is not usable: {e.Message} Pass the configuration with Transformer.Load(path, config).", nameof(path), e);
            }
        }
        return null;
    }

    /// <summary>
    /// Writes the parameters as a PyTorch state dict in TransformerLens' layout: the parameters in module order, each
    /// block's attention followed by the buffers a <c>HookedTransformer</c>'s <c>state_dict()</c> also holds (the causal
    /// <c>mask</c> and <c>IGNORE</c>), so that its <c>load_state_dict</c> accepts the file strictly.
    /// </summary>
    private void SavePyTorch(string path, IReadOnlyDictionary<string, string> metadata)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var mask = ones(Config.ContextLength, Config.ContextLength, ScalarType.Bool).tril();
        using var ignore = tensor(float.NegativeInfinity);
        foreach (var (name, p) in StateDict())
        {
            tensors[name] = p;
            // TransformerLens registers the buffers after the attention's parameters (b_O is the last with biases, W_O without).
            if (name.EndsWith(Config.Biases ? ".attn.b_O" : ".attn.W_O", StringComparison.Ordinal))
            {
                var prefix = name[..(name.LastIndexOf('.') + 1)];
                tensors[prefix + "mask"] = mask;
                tensors[prefix + "IGNORE"] = ignore;
            }
        }
        PyTorchStateDict.Write(path, tensors, metadata);
    }
}
