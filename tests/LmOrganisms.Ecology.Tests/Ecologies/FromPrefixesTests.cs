using LmOrganisms.Ecology.Tests.Corpora;

namespace LmOrganisms.Ecology.Tests.Ecologies;

/// <summary>The empirical prefix ecology (spec §3.2 empirical_prefix_ecology) against counting by hand.</summary>
public sealed class FromPrefixesTests
{
    private static readonly string[] Vocabulary = ["a", "b", "c", "<bos>"];
    private const int Bos = 3;

    [Test]
    public void HandMadeSequencesReproduceTheCounts()
    {
        // [BOS, letters…, BOS]. "en": after 1 letter: b, b, c, c; after 3 letters: a, c and BOS (the chunk of exactly 3 letters).
        IReadOnlyList<int[]> en = [[Bos, 0, 1, 2, 0, Bos], [Bos, 1, 1, 0, 2, Bos], [Bos, 2, 2, Bos], [Bos, 0, 2, 1, Bos]];
        // "fr": after 1 letter: a, a; after 3 letters: b.
        IReadOnlyList<int[]> fr = [[Bos, 2, 0, 1, 1, Bos], [Bos, 0, 0]];
        var e = FiniteEcology.FromPrefixes(["en", "fr"], [en, fr], Vocabulary, [1, 3, 7]);
        Assert.That(e.Contexts, Is.EqualTo(new[] { "r=1", "r=3" }));    // r = 7 has no data
        Assert.That(e.ContextWeights, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(e.Priors, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(e.Vocabulary, Is.EqualTo(Vocabulary));
        Assert.That(e.Next(0, 0).ToArray(), Is.EqualTo(new[] { 0.0, 0.5, 0.5, 0.0 }).Within(1e-15));
        Assert.That(e.Next(0, 1).ToArray(), Is.EqualTo(new[] { 1.0 / 3, 0.0, 1.0 / 3, 1.0 / 3 }).Within(1e-15));
        Assert.That(e.Next(1, 0).ToArray(), Is.EqualTo(new[] { 1.0, 0.0, 0.0, 0.0 }));
        Assert.That(e.Next(1, 1).ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 0.0, 0.0 }));
    }

    [Test]
    public void LawsOfRandomSequencesMatchCounting()
    {
        var rng = new Random(3);
        int[] lengths = [0, 1, 2, 4, 9];
        var worlds = new[] { "w0", "w1", "w2" };
        var sequences = worlds.Select(_ => (IReadOnlyList<int[]>)Enumerable.Range(0, 200)
            .Select(_ => new[] { Bos }.Concat(Enumerable.Range(0, rng.Next(0, 12)).Select(_ => rng.Next(3))).Append(Bos).ToArray()).ToArray()).ToArray();
        var e = FiniteEcology.FromPrefixes(worlds, sequences, Vocabulary, lengths);
        Assert.That(e.ContextCount, Is.EqualTo(lengths.Length));
        for (int w = 0; w < worlds.Length; w++)
            for (int c = 0; c < lengths.Length; c++)
            {
                int r = lengths[c];
                var targets = sequences[w].Where(s => s.Length > r + 1).Select(s => s[r + 1]).ToArray();
                var expected = Enumerable.Range(0, Vocabulary.Length).Select(v => targets.Count(t => t == v) / (double)targets.Length).ToArray();
                Assert.That(e.Next(w, c).ToArray(), Is.EqualTo(expected).Within(1e-15), $"{worlds[w]} r={r}");
            }
    }

    [Test]
    public void AliceHeldOutLawsMatchCountingLetters()
    {
        var alice = RepositoryCorpora.Alice;
        var e = FiniteEcology.FromCorpus(alice, [3, 5, 8]);
        Assert.That(e.Worlds, Is.EqualTo(RepositoryCorpora.AliceLanguages));
        Assert.That(e.Contexts, Is.EqualTo(new[] { "r=3", "r=5", "r=8" }));
        Assert.That(e.Vocabulary, Has.Count.EqualTo(27));
        // count on the chunk strings: the letter after r letters, or the end of the chunk (BOS) after exactly r letters
        for (int w = 0; w < 5; w++)
            foreach (var (r, c) in new[] { (3, 0), (5, 1), (8, 2) })
            {
                var letters = alice.Languages[w].Test.Select(t => t.Replace(" ", "", StringComparison.Ordinal)).Where(t => t.Length >= r).ToArray();
                for (int v = 0; v < 27; v++)
                {
                    double count = v == 26 ? letters.Count(t => t.Length == r) : letters.Count(t => t.Length > r && t[r] == 'a' + v);
                    Assert.That(e.Next(w, c)[v], Is.EqualTo(count / letters.Length).Within(1e-15), $"{e.Worlds[w]} r={r} v={e.Vocabulary[v]}");
                }
            }
        var two = FiniteEcology.FromCorpus(alice, [3], ["fi", "en"]);
        Assert.That(two.Worlds, Is.EqualTo(new[] { "fi", "en" }));
        Assert.That(two.Next(1, 0).ToArray(), Is.EqualTo(e.Next(0, 0).ToArray()));
    }

    [Test]
    public void EachLawIsADistribution()
    {
        var e = FiniteEcology.FromCorpus(RepositoryCorpora.Alice, [0, 3, 5, 8, 20]);
        for (int w = 0; w < e.WorldCount; w++)
            for (int c = 0; c < e.ContextCount; c++)
                Assert.That(e.Next(w, c).ToArray().Sum(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void BadInputIsNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en"], [[new[] { Bos, 0, 7 }]], Vocabulary, [1]));
        Assert.That(ex!.Message, Does.Contain("World 'en', sequence 0, index 2: token 7 is outside the vocabulary of 4 tokens"));
        ex = Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en", "fr"], [[new[] { Bos, 0, 1 }], [new[] { Bos, 0 }]], Vocabulary, [1]));
        Assert.That(ex!.Message, Does.Contain("No prefix length (1) has data for every world"));
        ex = Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en"], [[new[] { Bos, 0, 1 }]], Vocabulary, [1, 1]));
        Assert.That(ex!.Message, Does.Contain("Prefix length 1 appears twice"));
        Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en"], [[new[] { Bos, 0, 1 }]], Vocabulary, [-1]));
        Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en"], [[new[] { Bos, 0, 1 }]], Vocabulary, []));
        Assert.Throws<ArgumentException>(() => FiniteEcology.FromPrefixes(["en", "fr"], [[new[] { Bos, 0, 1 }]], Vocabulary, [0]));
        Assert.Throws<KeyNotFoundException>(() => FiniteEcology.FromCorpus(RepositoryCorpora.Alice, [3], ["es"]));
    }
}
