using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms;

public sealed partial class Transformer
{
    /// <summary>
    /// Trains the model for a whole run: <c>Trainer.Create(this, world, options).Run(progress, cancellationToken)</c>,
    /// the optimiser state freed afterwards. For runs in parts, checkpoints or the optimiser state use
    /// <see cref="Trainer"/>.
    /// </summary>
    /// <param name="world">Where the training sequences come from; its vocabulary must be the model's.</param>
    /// <param name="options">The run's options; validated.</param>
    /// <param name="progress">Receives a report after every step.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <returns>The losses of every step, the evaluations and the throughput.</returns>
    public TrainingResult Train(TrainingWorld world, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var trainer = Trainer.Create(this, world, options);
        return trainer.Run(progress, cancellationToken);
    }

    /// <summary>
    /// The model's next-token law at every position of every sequence, F_θ(x_1..x_k) = softmax(logits) (task-ecology
    /// paper §1.6): a double array of count × length × vocabulary, row-major (entry ((i · length) + k) · vocabulary + v
    /// is the probability of token v after the first k + 1 tokens of sequence i). Evaluated in batches of
    /// <paramref name="batchSize"/> sequences without gradients and in evaluation mode (the module's previous mode is
    /// restored afterwards); the logits leave the network as float32 and the softmax is taken in double (the maximum
    /// subtracted first), so every law sums to 1 within double rounding. The one batched evaluation path of the library.
    /// Calls must not run concurrently with training of the same model.
    /// </summary>
    /// <param name="batch">The sequences; length 1 to <see cref="TransformerConfig.ContextLength"/>, tokens below the vocabulary size.</param>
    /// <param name="batchSize">Sequences per forward pass (on the CPU 64–256 short sequences are fastest; larger on a GPU).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">A sequence is longer than the context, or a token is outside the vocabulary.</exception>
    public double[] NextTokenLaws(TokenBatch batch, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize is {batchSize}; expected at least 1.");
        int count = batch.Count, length = batch.Length, v = Config.Vocabulary;
        if (count > 0 && (length < 1 || length > Config.ContextLength))
            throw new ArgumentException($"The sequences have {length} tokens; the model's context length allows 1 to {Config.ContextLength}.", nameof(batch));
        var tokens = batch.Tokens;
        for (int i = 0; i < tokens.Length; i++)
            if ((uint)tokens[i] >= (uint)v)
                throw new ArgumentException($"Token {tokens[i]} at position {i % length} of sequence {i / length} is outside the vocabulary 0..{v - 1}.", nameof(batch));
        long size = (long)count * length * v;
        if (size > Array.MaxLength)
            throw new ArgumentException($"{count} sequences × {length} positions × {v} tokens = {size} probabilities exceed the largest array; evaluate fewer sequences at a time.", nameof(batch));
        var laws = new double[size];
        bool wasTraining = training;
        eval();
        try
        {
            for (int start = 0; start < count; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(batchSize, count - start);
                float[] logits;
                using (torch.NewDisposeScope())
                using (torch.no_grad())
                {
                    using var input = TokenTensors.FromBatch(batch, start, rows, Device);
                    logits = ActivationConversion.ToFloatArray(call(input));
                }
                Softmax(logits, laws.AsSpan(start * length * v, rows * length * v), v);
            }
        }
        finally
        {
            if (wasTraining) train();
        }
        return laws;
    }

    /// <summary>Row-wise softmax in double of float32 logits (max subtracted first).</summary>
    private static void Softmax(ReadOnlySpan<float> logits, Span<double> laws, int width)
    {
        for (int row = 0; row < laws.Length / width; row++)
        {
            var z = logits.Slice(row * width, width);
            var p = laws.Slice(row * width, width);
            double max = double.NegativeInfinity;
            for (int x = 0; x < width; x++) max = Math.Max(max, z[x]);
            double sum = 0;
            for (int x = 0; x < width; x++) sum += p[x] = Math.Exp(z[x] - max);
            for (int x = 0; x < width; x++) p[x] /= sum;
        }
    }
}
