using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Probing.Tests;

public class TransformerSequenceModelTests
{
    private static Transformer Tiny(int seed = 3) => Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 16, heads: 4, contextLength: 8, initStd: 0.5), seed);

    private static int[] RandomTokens(int count, int length, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count * length).Select(_ => rng.Next(3)).ToArray();
    }

    [Test]
    public void Laws_sum_to_one_and_equal_the_double_softmax_of_the_logits()
    {
        using var transformer = Tiny();
        var model = transformer.AsSequenceModel();
        int count = 7, length = 8;
        var tokens = RandomTokens(count, length, 1);
        var laws = model.NextTokenLaws(tokens, count, length);
        Assert.That(laws, Has.Length.EqualTo(count * length * 3));

        double[] expected;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var input = torch.tensor(Array.ConvertAll(tokens, t => (long)t), [count, length]);
            expected = transformer.call(input).to(torch.float64).softmax(-1).reshape(-1).data<double>().ToArray();
        }
        Assert.That(laws, Is.EqualTo(expected).Within(1e-12));
        for (int row = 0; row < count * length; row++)
            Assert.That(laws.AsSpan(row * 3, 3).ToArray().Sum(), Is.EqualTo(1).Within(1e-14));
        // The one batched evaluation path: the transformer's own NextTokenLaws, bit for bit.
        Assert.That(laws, Is.EqualTo(transformer.NextTokenLaws(new TokenBatch(tokens, count, length), 256)));
        // Batches of 3 rows (the last one short) give the same laws up to float32 rounding of the logits.
        Assert.That(transformer.AsSequenceModel(batchSize: 3).NextTokenLaws(tokens, count, length), Is.EqualTo(laws).Within(1e-6));
    }

    [Test]
    public void The_training_mode_is_restored()
    {
        using var transformer = Tiny();
        var model = transformer.AsSequenceModel();
        transformer.train();
        model.NextTokenLaws([0, 1, 2], 1, 3);
        Assert.That(transformer.training, Is.True);
        transformer.eval();
        model.NextTokenLaws([0, 1, 2], 1, 3);
        Assert.That(transformer.training, Is.False);
    }

    [Test]
    public void Bad_input_is_named()
    {
        using var transformer = Tiny();
        var model = transformer.AsSequenceModel();
        Assert.That((model.Vocabulary, model.ContextLength), Is.EqualTo((3, 8)));
        var e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws(new int[9], 1, 9))!;
        Assert.That(e.Message, Does.Contain("Sequences of 9 tokens exceed the model's context of 8 tokens"));
        e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws([0, 5], 1, 2))!;
        Assert.That(e.Message, Does.Contain("Token 5 at row 0, position 1 is outside the vocabulary of 3 tokens"));
        e = Assert.Throws<ArgumentException>(() => _ = transformer.AsSequenceModel(0))!;
        Assert.That(e.Message, Does.Contain("batchSize is 0"));
    }
}
