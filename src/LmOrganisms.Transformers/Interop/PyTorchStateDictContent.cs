using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>The tensors (CPU) and string metadata read from a PyTorch <c>.pt</c> state dict. Owns the tensors; dispose to
/// free them.</summary>
/// <param name="Tensors">Tensors by state-dict name, in any dtype PyTorch stored (float32, float64, bool, int64, …).</param>
/// <param name="Metadata">The string map stored by <see cref="PyTorchStateDict.Write"/> in the archive's
/// <c>extra/metadata.json</c> record (empty for files written by <c>torch.save</c>).</param>
public sealed record PyTorchStateDictContent(IReadOnlyDictionary<string, torch.Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) : IDisposable
{
    /// <summary>Disposes every tensor.</summary>
    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}
