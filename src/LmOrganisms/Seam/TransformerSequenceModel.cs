using LmOrganisms.Probing;

namespace LmOrganisms;

/// <summary>
/// A trained <see cref="Transformer"/> as a frozen map <c>F_θ : V* → Δ(V)</c> (task-ecology paper §1.6): the softmax
/// of its logits at every position, computed by <see cref="Transformer.NextTokenLaws"/> (in batches, without gradients,
/// in evaluation mode, softmax in double). Calls on one instance must not run concurrently with training of the same
/// module.
/// </summary>
internal sealed class TransformerSequenceModel : ISequenceModel
{
    private readonly Transformer model;
    private readonly int batchSize;

    /// <summary>Wraps <paramref name="model"/>; at most <paramref name="batchSize"/> sequences go through one forward pass.
    /// On the CPU, batches of 64–256 short sequences keep the activations in cache and ran about 3× faster than 1024
    /// for a 2-layer × 32 model (docs/performance.md); on a GPU pass a larger batch.</summary>
    public TransformerSequenceModel(Transformer model, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (batchSize < 1) throw new ArgumentException($"batchSize is {batchSize}; expected at least 1.", nameof(batchSize));
        this.model = model;
        this.batchSize = batchSize;
    }

    /// <summary>The wrapped transformer.</summary>
    public Transformer Model => model;

    /// <inheritdoc />
    public int Vocabulary => model.Config.Vocabulary;

    /// <inheritdoc />
    public int ContextLength => model.Config.ContextLength;

    /// <inheritdoc />
    public double[] NextTokenLaws(ReadOnlySpan<int> tokens, int count, int length)
    {
        SequenceInput.Check(this, tokens, count, length);
        return model.NextTokenLaws(new TokenBatch(tokens.ToArray(), count, length), batchSize);
    }
}
