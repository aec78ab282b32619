using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Probing;

/// <summary>
/// A trained <see cref="Transformer"/> as a frozen map <c>F_θ : V* → Δ(V)</c> (task-ecology paper §1.6): the softmax
/// of its logits at every position, evaluated in batches without gradients and in evaluation mode (the module's
/// previous training/evaluation mode is restored afterwards). The logits leave the network as float32 and the
/// softmax is taken in double, so every law sums to 1 within double rounding. Calls on one instance must not run
/// concurrently with training of the same module.
/// </summary>
public sealed class TransformerSequenceModel : ISequenceModel
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
    public int Context => model.Config.Context;

    /// <inheritdoc />
    public double[] NextTokenLaws(ReadOnlySpan<int> tokens, int count, int length)
    {
        SequenceInput.Check(this, tokens, count, length);
        int v = Vocabulary;
        var laws = new double[count * length * v];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            for (int start = 0; start < count; start += batchSize)
            {
                int rows = Math.Min(batchSize, count - start);
                var ids = new long[rows * length];
                var slice = tokens.Slice(start * length, rows * length);
                for (int i = 0; i < ids.Length; i++) ids[i] = slice[i];
                float[] logits;
                using (torch.NewDisposeScope())
                using (torch.no_grad())
                {
                    using var input = torch.tensor(ids, [rows, length]).to(model.Device);
                    logits = ActivationConversion.ToFloatArray(model.call(input));
                }
                Softmax(logits, laws.AsSpan(start * length * v, rows * length * v), v);
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        return laws;
    }

    /// <summary>Row-wise softmax in double of float32 logits (max subtracted first).</summary>
    internal static void Softmax(ReadOnlySpan<float> logits, Span<double> laws, int width)
    {
        for (int row = 0; row < laws.Length / width; row++)
        {
            var z = logits.Slice(row * width, width);
            var p = laws.Slice(row * width, width);
            double max = double.NegativeInfinity;
            for (int v = 0; v < width; v++) max = Math.Max(max, z[v]);
            double sum = 0;
            for (int v = 0; v < width; v++) sum += p[v] = Math.Exp(z[v] - max);
            for (int v = 0; v < width; v++) p[v] /= sum;
        }
    }
}
