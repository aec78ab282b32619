using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms;

public sealed partial class Transformer
{
    /// <summary>
    /// Forward pass that also returns the activation at every hook point of this model (<see cref="HookNames.All"/>;
    /// TransformerLens <c>run_with_cache</c> without names), without gradients. The returned cache owns detached copies;
    /// dispose it.
    /// </summary>
    /// <param name="tokens">Token indices [B, T] (int64).</param>
    public ActivationCache RunWithCache(Tensor tokens) => RunWithCache(tokens, HookNames.All(Config));

    /// <summary>
    /// Forward pass that also returns the activations at <paramref name="names"/> (TransformerLens <c>run_with_cache</c>),
    /// without gradients. The returned cache owns detached copies; dispose it.
    /// </summary>
    /// <param name="tokens">Token indices [B, T] (int64).</param>
    /// <param name="names">Hook names from <see cref="HookNames"/>; each must exist in this model.</param>
    public ActivationCache RunWithCache(Tensor tokens, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.ToArray();
        CheckNames(wanted);
        var captured = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var installed = wanted.Distinct().ToDictionary(n => n, n => (Func<Tensor, Tensor>)(x =>
        {
            captured[n] = x.detach().clone().DetachFromDisposeScope();
            return x;
        }), StringComparer.Ordinal);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using (hooks.Install(installed))
        {
            var logits = call(tokens).DetachFromDisposeScope();
            return new ActivationCache(logits, captured);
        }
    }

    /// <summary>
    /// Streams the activations of a data set larger than memory: runs <paramref name="batch"/> in batches of
    /// <paramref name="batchSize"/> sequences and hands each batch's cache to <paramref name="onBatch"/> with the index of
    /// its first sequence; the cache is disposed after the callback returns.
    /// </summary>
    /// <param name="batch">Sequences (each of length ≤ n_ctx).</param>
    /// <param name="names">Hook names to capture.</param>
    /// <param name="batchSize">Sequences per forward pass.</param>
    /// <param name="onBatch">Receives (first sequence, cache) for every batch in order.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    public void RunWithCache(TokenBatch batch, IEnumerable<string> names, int batchSize, Action<int, ActivationCache> onBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(onBatch);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be at least 1; got {batchSize}.");
        var wanted = names.ToArray();
        CheckNames(wanted);
        for (int start = 0; start < batch.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(batchSize, batch.Count - start);
            using var tokens = TokenTensors.FromBatch(batch, start, rows, Device);
            using var cache = RunWithCache(tokens, wanted);
            onBatch(start, cache);
        }
    }

    /// <summary>
    /// Forward pass with functions applied at hook points (TransformerLens <c>run_with_hooks</c>): each function receives
    /// the activation and returns the tensor the forward pass continues with (return it unchanged to observe, or a new
    /// tensor of the same shape to patch). Gradients flow as usual, so this also serves interventions during training.
    /// </summary>
    /// <param name="tokens">Token indices [B, T].</param>
    /// <param name="hookFunctions">Hook name → function.</param>
    public Tensor RunWithHooks(Tensor tokens, IReadOnlyDictionary<string, Func<Tensor, Tensor>> hookFunctions)
    {
        ArgumentNullException.ThrowIfNull(hookFunctions);
        CheckNames(hookFunctions.Keys);
        using (hooks.Install(hookFunctions)) return call(tokens);
    }

    /// <summary>Activation patching: a forward pass in which the activation at <paramref name="name"/> is replaced by
    /// <paramref name="replacement"/> (same shape, broadcastable). Returns the patched logits.</summary>
    public Tensor RunWithPatch(Tensor tokens, string name, Tensor replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return RunWithHooks(tokens, new Dictionary<string, Func<Tensor, Tensor>>
        {
            [name] = x => x.shape.SequenceEqual(replacement.shape)
                ? replacement
                : throw new ArgumentException($"The patch for '{name}' has shape [{string.Join(", ", replacement.shape)}], the activation [{string.Join(", ", x.shape)}].", nameof(replacement)),
        });
    }

    /// <summary>The device the parameters live on.</summary>
    public Device Device => embed.Get("W_E").device;

    private void CheckNames(IEnumerable<string> names)
    {
        var valid = HookNames.All(Config);
        var set = new HashSet<string>(valid, StringComparer.Ordinal);
        foreach (var n in names)
            if (!set.Contains(n))
                throw new ArgumentException($"'{n}' is not a hook point of this model; its hook points are: {string.Join(", ", valid)}.", nameof(names));
    }
}
