using MathNet.Numerics.LinearAlgebra;
using TorchSharp;

namespace LmOrganisms.Transformers;

/// <summary>
/// Logits and named activations of one forward pass (TransformerLens <c>run_with_cache</c>): detached float tensors
/// on the model's device, keyed by <see cref="HookNames"/>. Owns its tensors; dispose it to free them.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private readonly Dictionary<string, torch.Tensor> activations;

    internal ActivationCache(torch.Tensor logits, Dictionary<string, torch.Tensor> activations)
    {
        Logits = logits;
        this.activations = activations;
    }

    /// <summary>Logits [B, T, d_vocab].</summary>
    public torch.Tensor Logits { get; }

    /// <summary>The names captured.</summary>
    public IReadOnlyCollection<string> Names => activations.Keys;

    /// <summary>The activation captured at <paramref name="name"/>.</summary>
    public torch.Tensor this[string name] => activations.TryGetValue(name, out var t)
        ? t
        : throw new ArgumentException($"The cache holds no activation '{name}'; it holds: {string.Join(", ", activations.Keys)}.", nameof(name));

    /// <summary>True when <paramref name="name"/> was captured.</summary>
    public bool Contains(string name) => activations.ContainsKey(name);

    /// <summary>The activation as a float array, row-major (see <see cref="ActivationConversion.ToFloatArray"/>).</summary>
    public float[] ToArray(string name) => ActivationConversion.ToFloatArray(this[name]);

    /// <summary>The activation as a matrix with one row per (sequence, position) (see <see cref="ActivationConversion.ToMatrix"/>).</summary>
    public Matrix<double> ToMatrix(string name) => ActivationConversion.ToMatrix(this[name]);

    /// <summary>Fraction of (token, slot) routing decisions that went to each expert in a mixture-of-experts layer
    /// (from <see cref="HookNames.RouterChoices"/>, which must have been captured): the load of experts 0..E−1, summing to 1.</summary>
    /// <param name="layer">Block index.</param>
    /// <param name="experts">Number of experts E.</param>
    public double[] RouterLoad(int layer, int experts)
    {
        var choices = ActivationConversion.ToFloatArray(this[HookNames.RouterChoices(layer)]);
        var load = new double[experts];
        foreach (var c in choices) load[(int)c] += 1.0 / choices.Length;
        return load;
    }

    /// <summary>Disposes the logits and every captured activation.</summary>
    public void Dispose()
    {
        Logits.Dispose();
        foreach (var t in activations.Values) t.Dispose();
        activations.Clear();
    }
}
