namespace LmOrganisms.Ecology.Tests;

public sealed class ContextWordsTests
{
    // Two processes over the alphabet {"up", "down"}: symbols longer than one character, so names are space-joined.
    private static HiddenMarkovProcess Walk(string name, double p) =>
        Processes.MarkovChain(name, ["up", "down"], 1, [[p, 1 - p], [1 - p, p]]);

    [Test]
    public void FromProcessesCarriesEveryContextsTokens()
    {
        var e = FiniteEcology.FromProcesses([Walk("sticky", 0.8), Walk("flippy", 0.3)], 2);
        Assert.That(e.Contexts, Is.EqualTo(new[] { "ε", "up", "down", "up up", "up down", "down up", "down down" }));
        Assert.That(e.ContextWords, Is.Not.Null);
        Assert.That(e.ContextWords!.Select(w => w.ToArray()), Is.EqualTo(new[]
        {
            Array.Empty<int>(), [0], [1], [0, 0], [0, 1], [1, 0], [1, 1],
        }));
    }

    [Test]
    public void RestrictionByLengthWeighsEveryLengthEquallyForMultiCharacterSymbols()
    {
        var e = FiniteEcology.FromProcesses([Walk("sticky", 0.8), Walk("flippy", 0.3)], 3);
        var r = e.WithContextLengths(1, 2);
        var lengths = r.ContextWords!.Select(w => w.Count).ToArray();
        for (int l = 0; l <= 3; l++)
        {
            double mass = Enumerable.Range(0, lengths.Length).Where(c => lengths[c] == l).Sum(c => r.ContextWeights[c]);
            Assert.That(mass, Is.EqualTo(l is 1 or 2 ? 0.5 : 0).Within(1e-15), $"length {l}");
        }
        // Within a length the original proportions stay: Pr("up down") / Pr("up up") is the same before and after.
        int upUp = r.ContextIndex("up up"), upDown = r.ContextIndex("up down");
        Assert.That(r.ContextWeights[upDown] / r.ContextWeights[upUp],
            Is.EqualTo(e.ContextWeights[upDown] / e.ContextWeights[upUp]).Within(1e-12));
        Assert.Throws<ArgumentException>(() => e.WithContextLengths(2, 4));
        Assert.Throws<ArgumentException>(() => e.WithContextLengths(2, 1));
    }

    [Test]
    public void NamedEcologiesHaveNoWordsAndCannotBeRestrictedByLength()
    {
        var e = FiniteEcology.Builder().Vocabulary("a", "b").World("w", 1).Context("c1", 0.5).Context("c2", 0.5)
            .Next("w", "c1", 0.5, 0.5).Next("w", "c2", 0.1, 0.9).Build();
        Assert.That(e.ContextWords, Is.Null);
        var ex = Assert.Throws<InvalidOperationException>(() => e.WithContextLengths(0, 1));
        Assert.That(ex!.Message, Does.Contain("names"));
    }

    [Test]
    public void WordsSurviveJsonAndAreValidated()
    {
        var e = FiniteEcology.FromProcesses([Walk("sticky", 0.8), Walk("flippy", 0.3)], 2);
        var back = FiniteEcology.FromJson(e.ToJson());
        Assert.That(back.ContextWords!.Select(w => w.ToArray()), Is.EqualTo(e.ContextWords!.Select(w => w.ToArray())));
        Assert.That(back.ToJson(), Is.EqualTo(e.ToJson()));
        var json = e.ToJson().Replace("\"down\",\n        \"up\"", "\"sideways\",\n        \"up\"", StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(e.ToJson()));
        var bad = Assert.Throws<FormatException>(() => FiniteEcology.FromJson(json));
        Assert.That(bad!.Message, Does.Contain("sideways").And.Contain("word"));
        var duplicate = Assert.Throws<ArgumentException>(() => FiniteEcology.Create(["w"], [1.0], ["a", "b"], [0.5, 0.5], ["x", "y"],
            [[[0.5, 0.5], [0.5, 0.5]]], [[0], [0]]));
        Assert.That(duplicate!.Message, Does.Contain("same word"));
        var outside = Assert.Throws<ArgumentException>(() => FiniteEcology.Create(["w"], [1.0], ["a"], [1.0], ["x", "y"],
            [[[0.5, 0.5]]], [[2]]));
        Assert.That(outside!.Message, Does.Contain("Token 2"));
    }

    [Test]
    public void MixturesKeepDisjointWords()
    {
        var worlds = new[] { Walk("sticky", 0.8), Walk("flippy", 0.3) };
        var shortOnes = FiniteEcology.FromProcesses(worlds, 1);
        Assert.That(FiniteEcology.Mixture(shortOnes, shortOnes, 0.5).ContextWords, Is.Null);
    }
}
