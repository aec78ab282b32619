using LmOrganisms.Populations;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Tests;

public sealed class HeldOutCrossEntropyTests
{
    /// <summary>Per-world CE computed independently: one forward pass over all sequences, log-sum-exp in double (the evaluator
    /// takes the CE in float32, hence a 1e-6 tolerance).</summary>
    private static double DirectCrossEntropy(Transformer model, TokenBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tokens = torch.tensor(Array.ConvertAll(batch.Tokens, x => (long)x), [batch.Count, batch.Length]);
        var logits = model.call(tokens.narrow(1, 0, batch.Length - 1)).to(torch.float64).data<double>().ToArray();
        int v = model.Config.Vocabulary, n = batch.Length - 1;
        double sum = 0;
        for (int r = 0; r < batch.Count; r++)
            for (int t = 0; t < n; t++)
            {
                var row = logits.AsSpan(((r * n) + t) * v, v);
                double max = row.ToArray().Max();
                double lse = max + Math.Log(row.ToArray().Sum(x => Math.Exp(x - max)));
                sum += lse - row[batch[r, t + 1]];
            }
        return sum / (batch.Count * n);
    }

    [Test]
    public void RiskIsTheWorldBalancedMeanOfPerWorldCrossEntropies()
    {
        var worlds = TinyPopulation.Worlds;
        var sets = new[] { worlds[0].Sample(10, 9, 1), worlds[1].Sample(3, 9, 2) };
        var risk = new HeldOutCrossEntropy(sets, ["a", "b"], batchSize: 4);
        using var model = Transformer.Create(TinyPopulation.Config, seed: 3);
        var perWorld = risk.WorldRisks(model);
        Assert.That(perWorld[0], Is.EqualTo(DirectCrossEntropy(model, sets[0])).Within(1e-6));
        Assert.That(perWorld[1], Is.EqualTo(DirectCrossEntropy(model, sets[1])).Within(1e-6));
        Assert.That(risk.Risk(model), Is.EqualTo((perWorld[0] + perWorld[1]) / 2).Within(1e-15));
        double first = risk.Risk(model);
        Assert.That(risk.Risk(model), Is.EqualTo(first), "deterministic");
        Assert.That(risk.WorldNames, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void FromProcessesNamesWorldsAndBadInputIsNamed()
    {
        var risk = HeldOutCrossEntropy.FromProcesses(TinyPopulation.Worlds, 4, 9, seed: 1);
        Assert.That(risk.WorldCount, Is.EqualTo(2));
        Assert.That(risk.WorldNames[0], Is.EqualTo(TinyPopulation.Worlds[0].Name));
        var tooLong = HeldOutCrossEntropy.FromProcesses(TinyPopulation.Worlds, 4, 10, seed: 1);
        using var model = Transformer.Create(TinyPopulation.Config, seed: 3);
        var e = Assert.Throws<ArgumentException>(() => tooLong.Risk(model))!;
        Assert.That(e.Message, Does.Contain("have 10 tokens; the model's context 8 allows at most 9"));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldOutCrossEntropy.FromProcesses(TinyPopulation.Worlds, 0, 9, 1));
        Assert.That(Assert.Throws<ArgumentException>(() => new HeldOutCrossEntropy([], null))!.Message, Does.Contain("At least one world"));
    }

    [Test]
    public void FromStreamsCutsWindowsOfEachWorldsStream()
    {
        int[] a = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
        int[] b = Enumerable.Range(0, 12).Select(i => (i / 2) % 3).ToArray();
        var risk = HeldOutCrossEntropy.FromStreams([a, b], sequences: 5, length: 9, seed: 2, names: ["cyclic", "pairs"]);
        using var model = Transformer.Create(TinyPopulation.Config, seed: 3);
        var perWorld = risk.WorldRisks(model);
        // Independent: the same windows (offsets from Random(seed + w)) scored directly.
        for (int w = 0; w < 2; w++)
        {
            var stream = w == 0 ? a : b;
            var rng = new Random(2 + w);
            var tokens = new int[5 * 9];
            for (int r = 0; r < 5; r++) stream.AsSpan(rng.Next(stream.Length - 8), 9).CopyTo(tokens.AsSpan(r * 9, 9));
            Assert.That(perWorld[w], Is.EqualTo(DirectCrossEntropy(model, new TokenBatch(tokens, 5, 9))).Within(1e-6));
        }
        Assert.That(risk.WorldNames, Is.EqualTo(new[] { "cyclic", "pairs" }));
        var e = Assert.Throws<ArgumentException>(() => HeldOutCrossEntropy.FromStreams([a, [0, 1, 2]], 5, 9, 2))!;
        Assert.That(e.Message, Does.Contain("world 1 has 3 tokens, fewer than one held-out window of 9"));
    }
}
