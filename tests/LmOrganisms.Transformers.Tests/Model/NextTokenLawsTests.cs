using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary><c>model.NextTokenLaws(batch, batchSize)</c>: the softmax in double of the float32 logits, row-major
/// (sequence, position, token), in batches, in evaluation mode.</summary>
[NonParallelizable]
public sealed class NextTokenLawsTests
{
    private static readonly TransformerConfig Config = TransformerPresets.MicroGpt(vocabulary: 4, layers: 1, dModel: 16, heads: 4, contextLength: 8, initStd: 0.5);

    private static TokenBatch Batch(int count, int length, int seed)
    {
        var rng = new Random(seed);
        return new TokenBatch(Enumerable.Range(0, count * length).Select(_ => rng.Next(4)).ToArray(), count, length);
    }

    [Test]
    public void LawsAreTheDoubleSoftmaxOfTheFloatLogitsRowMajor()
    {
        using var model = Transformer.Create(Config, seed: 3);
        var batch = Batch(7, 6, 1);
        var laws = model.NextTokenLaws(batch, batchSize: 16);
        Assert.That(laws, Has.Length.EqualTo(7 * 6 * 4));
        float[] logits;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            using var tokens = TokenTensors.FromBatch(batch);
            logits = model.call(tokens).data<float>().ToArray();
        }
        var expected = new double[laws.Length];
        for (int row = 0; row < 7 * 6; row++)
        {
            double max = Enumerable.Range(0, 4).Max(v => (double)logits[row * 4 + v]);
            double sum = 0;
            for (int v = 0; v < 4; v++) sum += expected[row * 4 + v] = Math.Exp(logits[row * 4 + v] - max);
            for (int v = 0; v < 4; v++) expected[row * 4 + v] /= sum;
        }
        Assert.That(laws, Is.EqualTo(expected));
        for (int row = 0; row < 7 * 6; row++)
            Assert.That(laws.AsSpan(row * 4, 4).ToArray().Sum(), Is.EqualTo(1).Within(1e-14));
        // Sequence 5, position 2: the law after its first three tokens.
        Assert.That(laws.AsSpan(((5 * 6) + 2) * 4, 4).ToArray(), Is.EqualTo(expected.AsSpan(((5 * 6) + 2) * 4, 4).ToArray()));
    }

    [Test]
    public void SmallerBatchesGiveTheSameLawsToFloatRounding()
    {
        using var model = Transformer.Create(Config, seed: 4);
        var batch = Batch(11, 8, 2);
        var whole = model.NextTokenLaws(batch, batchSize: 64);
        Assert.That(model.NextTokenLaws(batch, batchSize: 3), Is.EqualTo(whole).Within(1e-6));
        Assert.That(model.NextTokenLaws(batch, batchSize: 1), Is.EqualTo(whole).Within(1e-6));
        Assert.That(model.NextTokenLaws(new TokenBatch([], 0, 8), batchSize: 4), Is.Empty);
    }

    [Test]
    public void TheTrainingModeIsRestoredAndCancellationIsChecked()
    {
        using var model = Transformer.Create(Config, seed: 5);
        model.train();
        model.NextTokenLaws(Batch(2, 3, 3), 1);
        Assert.That(model.training, Is.True);
        model.eval();
        model.NextTokenLaws(Batch(2, 3, 3), 1);
        Assert.That(model.training, Is.False);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => model.NextTokenLaws(Batch(2, 3, 3), 1, cts.Token));
    }

    [Test]
    public void BadInputIsNamed()
    {
        using var model = Transformer.Create(Config, seed: 6);
        var e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws(new TokenBatch([0, 1, 2, 3, 4, 0], 2, 3), 2));
        Assert.That(e!.Message, Does.Contain("Token 4").And.Contain("position 1 of sequence 1"));
        e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws(Batch(1, 9, 1), 2));
        Assert.That(e!.Message, Does.Contain("9 tokens").And.Contain("1 to 8"));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.NextTokenLaws(Batch(1, 3, 1), 0));
    }
}
