using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>The tensors (CPU) and string metadata read from a safetensors file. Owns the tensors; dispose to free them.</summary>
/// <param name="Tensors">Tensors by name.</param>
/// <param name="Metadata">The <c>__metadata__</c> map (empty when absent).</param>
public sealed record SafetensorsContent(IReadOnlyDictionary<string, torch.Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) : IDisposable
{
    /// <summary>Disposes every tensor.</summary>
    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
