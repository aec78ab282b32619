using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class FromProcessesTests
{
    [Test]
    public void ContextsAreAllWordsInShortlexOrder()
    {
        var e = FiniteEcology.FromProcesses([Processes.BiasedCoin(0.3), Processes.BiasedCoin(0.8).WithName("coin2")], 2);
        Assert.That(e.Contexts, Is.EqualTo(new[] { "ε", "0", "1", "00", "01", "10", "11" }));
        Assert.That(e.Priors, Is.EqualTo(new[] { 0.5, 0.5 }));
        // i.i.d. worlds: the next-token law ignores the context.
        for (int c = 0; c < e.ContextCount; c++)
        {
            Assert.That(e.Next(0, c).ToArray(), Is.EqualTo(new[] { 0.7, 0.3 }).Within(1e-15));
            Assert.That(e.Next(1, c).ToArray(), Is.EqualTo(new[] { 0.2, 0.8 }).Within(1e-15));
        }
    }

    [Test]
    public void PooledWeightsGiveEachLengthEqualMassAndMixtureProbabilityWithin()
    {
        var coinA = Processes.BiasedCoin(0.3);
        var coinB = Processes.BiasedCoin(0.8).WithName("coin2");
        var e = FiniteEcology.FromProcesses([coinA, coinB], 2, [0.25, 0.75]);
        var d = e.ContextWeights;
        Assert.That(d[0], Is.EqualTo(1.0 / 3).Within(1e-15));
        // Length 1: Pr("1") = 0.25·0.3 + 0.75·0.8 = 0.675.
        Assert.That(d[2] * 3, Is.EqualTo(0.675).Within(1e-15));
        // Length 2: Pr("01") = 0.25·0.7·0.3 + 0.75·0.2·0.8 = 0.1725.
        Assert.That(d[4] * 3, Is.EqualTo(0.1725).Within(1e-15));
        Assert.That(d.Sum(), Is.EqualTo(1).Within(1e-15));
        var uniform = FiniteEcology.FromProcesses([coinA, coinB], 2, [0.25, 0.75], ContextLaw.Uniform);
        Assert.That(uniform.ContextWeights, Is.All.EqualTo(1.0 / 7).Within(1e-15));
    }

    [Test]
    public void NextTokenLawsAreExactPredictiveDistributions()
    {
        // Mess3 after "A": belief η = π T(A) / Pr(A); Pr(next = B | A) = Pr(AB) / Pr(A).
        var mess3 = Processes.Mess3();
        var z1r = Processes.Z1R().WithName("z1r");
        var e = FiniteEcology.FromProcesses([mess3, Processes.Mess3(0.15, 0.6).WithName("mess3b")], 3);
        foreach (var word in new[] { "A", "AB", "CCA", "" })
        {
            int c = e.ContextIndex(word.Length == 0 ? "ε" : word);
            var w = mess3.Encode(word);
            double pw = mess3.WordProbability(w);
            for (int v = 0; v < 3; v++)
                Assert.That(e[0, c, v], Is.EqualTo(mess3.WordProbability([.. w, v]) / pw).Within(1e-13), $"{word}+{v}");
        }
        // Z1R: after "00" the state is 1, so the next symbol is 1 for sure.
        var ez = FiniteEcology.FromProcesses([z1r], 2);
        Assert.That(ez.Next(0, ez.ContextIndex("00")).ToArray(), Is.EqualTo(new[] { 0.0, 1.0 }).Within(1e-15));
        Assert.That(ez.Next(0, ez.ContextIndex("ε")).ToArray(), Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-15));
    }

    [Test]
    public void ImpossibleContextsAreExcludedOrReported()
    {
        // Golden mean forbids "11"; the coin allows it.
        var gm = Processes.GoldenMean();
        var coin = Processes.BiasedCoin();
        var e = FiniteEcology.FromProcesses([gm, coin], 2);
        Assert.That(e.Contexts, Is.EqualTo(new[] { "ε", "0", "1", "00", "01", "10" }));
        var ex = Assert.Throws<ArgumentException>(() => FiniteEcology.FromProcesses([gm, coin], 2, impossible: ImpossibleContexts.Throw));
        Assert.That(ex!.Message, Does.Contain("Context '11' has probability 0 in world 'golden-mean'"));
    }

    [Test]
    public void InputsAreValidated()
    {
        var mess3 = Processes.Mess3();
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.FromProcesses([mess3, Processes.Rrxor()], 1))!.Message,
            Does.Contain("Process 'rrxor' has alphabet (0, 1), but 'mess3' has (A, B, C)"));
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.FromProcesses([mess3, mess3], 1))!.Message,
            Does.Contain("Duplicate world (process) name 'mess3'"));
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.FromProcesses([mess3], 1, [0.5]))!.Message,
            Does.Contain("The world prior sums to 0.5"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => FiniteEcology.FromProcesses([mess3], 30))!.Message,
            Does.Contain("ProcessWords.MaxCount"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteEcology.FromProcesses([mess3], -1));
    }
}
