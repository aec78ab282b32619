using LmOrganisms.Ecology;
using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers.Tests;

[NonParallelizable]
public sealed class EcologyWorldTests
{
    private static readonly HiddenMarkovProcess A = Processes.Mess3();
    private static readonly HiddenMarkovProcess B = Processes.Mess3(0.15, 0.6).WithName("mess3b");

    [Test]
    public void SequencesFollowThePriorWeightedMixtureOfTheProcesses()
    {
        var ecology = FiniteEcology.FromProcesses([A, B], 2, [0.3, 0.7]);
        var world = TrainingWorld.FromEcology(ecology);
        Assert.That(world.VocabularySize, Is.EqualTo(3));
        Assert.That(world.Process, Is.Null);
        const int n = 40000, length = 3;
        var buffer = new int[n * length];
        world.Sample(buffer, n, length, seed: 5);
        var counts = new int[27];
        for (int r = 0; r < n; r++) counts[buffer[r * 3] * 9 + buffer[r * 3 + 1] * 3 + buffer[r * 3 + 2]]++;
        for (int code = 0; code < 27; code++)
        {
            int[] word = [code / 9, code / 3 % 3, code % 3];
            double expected = 0.3 * A.WordProbability(word) + 0.7 * B.WordProbability(word);
            double sd = Math.Sqrt(expected * (1 - expected) / n);
            Assert.That((double)counts[code] / n, Is.EqualTo(expected).Within(5 * sd), $"word {string.Join("", word)}");
        }
    }

    [Test]
    public void SamplingIsAPureFunctionOfTheSeed()
    {
        var world = TrainingWorld.FromEcology(FiniteEcology.FromProcesses([A, B], 3));
        int[] First(int seed)
        {
            var b = new int[50 * 4];
            world.Sample(b, 50, 4, seed);
            return b;
        }
        var a = First(9);
        Assert.That(First(9), Is.EqualTo(a));
        Assert.That(First(10), Is.Not.EqualTo(a));
    }

    [Test]
    public void SequencesLongerThanTheLongestContextPlusOneAreRejected()
    {
        var world = TrainingWorld.FromEcology(FiniteEcology.FromProcesses([A], 2));
        var e = Assert.Throws<ArgumentException>(() => world.Sample(new int[4], 1, 4, 0));
        Assert.That(e!.Message, Does.Contain("longest context has 2 tokens"));
    }

    [Test]
    public void AnEcologyWhoseContextsAreNamesCannotBeSampled()
    {
        var ecology = FiniteEcology.Create(["w"], [1.0], ["greeting", "farewell"], [0.5, 0.5], ["a", "b"],
            [[[0.5, 0.5], [0.25, 0.75]]]);
        var e = Assert.Throws<ArgumentException>(() => TrainingWorld.FromEcology(ecology));
        Assert.That(e!.Message, Does.Contain("names without token words"));
    }

    [Test]
    public void APrefixExcludedAsImpossibleInAnotherWorldIsNamed()
    {
        // "11" is impossible under the golden mean, so FromProcesses excludes it; the even process produces it.
        var ecology = FiniteEcology.FromProcesses([Processes.GoldenMean(), Processes.Even()], 2);
        var world = TrainingWorld.FromEcology(ecology);
        var e = Assert.Throws<InvalidOperationException>(() => world.Sample(new int[300 * 3], 300, 3, 1));
        Assert.That(e!.Message, Does.Contain("'11'").And.Contain("not a context"));
    }

    [Test]
    public void TheTrainerTrainsOnAnEcology()
    {
        using var model = Transformer.Create(new TransformerConfig(1, 16, 2, 8, 32, 4, 3), seed: 1);
        var options = new TrainingOptions { Steps = 3, BatchSize = 8, SequenceLength = 3, EvalInterval = 0, EvalSequences = 32 };
        using var trainer = Trainer.Create(model, TrainingWorld.FromEcology(FiniteEcology.FromProcesses([A, B], 3)), options);
        var result = trainer.Run();
        Assert.That(result.Losses, Has.Count.EqualTo(3));
        Assert.That(result.Losses, Is.All.Matches<double>(l => l > 0.5 && l < 3));
        Assert.That(result.FinalEvaluation!.LossPerPosition, Has.Count.EqualTo(3));
    }
}
