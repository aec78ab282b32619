namespace LmOrganisms.Transformers.Tests;

/// <summary>TrainingWorld.FromCorpus: text worlds for training (spec §3.0, §3.1).</summary>
public sealed class CorpusTrainingWorldTests
{
    // Two languages with disjoint letters, so every token tells the language it came from.
    private static readonly TextCorpus Corpus = TextCorpus.FromTexts(
    [
        new("ab", string.Join(" ", Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? "abba" : i % 3 == 1 ? "baab" : "aab"))),
        new("xy", string.Join(" ", Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "xyyx" : "yxy"))),
    ], TextCorpusOptions.Default with { ChunkLength = 10, Overlap = 2 });

    [Test]
    public void SequencesStartAtAChunkAndReadOneLanguagesChunksInARow()
    {
        var world = TrainingWorld.FromCorpus(Corpus);
        Assert.That(world.VocabularySize, Is.EqualTo(5));    // a, b, x, y, BOS
        int bos = Corpus.Tokenizer.Bos!.Value;
        const int count = 400, length = 23;
        var buffer = new int[count * length];
        world.Sample(buffer, count, length, seed: 11);
        int fromAb = 0;
        for (int r = 0; r < count; r++)
        {
            var row = buffer.AsSpan(r * length, length).ToArray();
            Assert.That(row[0], Is.EqualTo(bos));
            var letters = row.Where(t => t != bos).Select(t => Corpus.Tokenizer.Characters[t]).ToArray();
            bool ab = letters.All(c => c is 'a' or 'b'), xy = letters.All(c => c is 'x' or 'y');
            Assert.That(ab || xy, Is.True, "one language per sequence");
            if (ab) fromAb++;
            // between two BOS tokens there is always one whole training chunk of that language
            var language = Corpus[ab ? "ab" : "xy"];
            var chunks = language.TrainSequences.Select(s => string.Join(",", s[1..^1])).ToHashSet();
            var bosAt = Enumerable.Range(0, length).Where(i => row[i] == bos).ToArray();
            for (int k = 0; k + 1 < bosAt.Length; k++)
                Assert.That(chunks, Does.Contain(string.Join(",", row[(bosAt[k] + 1)..bosAt[k + 1]])));
        }
        Assert.That(fromAb / (double)count, Is.EqualTo(0.5).Within(0.08));
    }

    [Test]
    public void PriorsChooseTheLanguageAndTheSeedFixesTheBatch()
    {
        var world = TrainingWorld.FromCorpus(Corpus, ["xy", "ab"], [0.9, 0.1]);
        Assert.That(world.Name, Is.EqualTo("corpus(texts: xy:0.9, ab:0.1)"));
        var a = new int[300 * 8];
        var b = new int[300 * 8];
        world.Sample(a, 300, 8, 4);
        world.Sample(b, 300, 8, 4);
        Assert.That(b, Is.EqualTo(a));
        int x = Corpus.Tokenizer.Characters.ToList().IndexOf('x'), y = Corpus.Tokenizer.Characters.ToList().IndexOf('y');
        int xyRows = Enumerable.Range(0, 300).Count(r => a[r * 8 + 1] == x || a[r * 8 + 1] == y);
        Assert.That(xyRows / 300.0, Is.EqualTo(0.9).Within(0.06));
    }

    [Test]
    public void BadLanguagesAndPriorsAreNamed()
    {
        Assert.Throws<KeyNotFoundException>(() => TrainingWorld.FromCorpus(Corpus, ["en"]));
        Assert.Throws<ArgumentException>(() => TrainingWorld.FromCorpus(Corpus, ["ab", "ab"]));
        var e = Assert.Throws<ArgumentException>(() => TrainingWorld.FromCorpus(Corpus, null, [0.5, 0.6]));
        Assert.That(e!.Message, Does.Contain("sum to 1.1"));
        e = Assert.Throws<ArgumentException>(() => TrainingWorld.FromCorpus(Corpus, null, [1.5, -0.5]));
        Assert.That(e!.Message, Does.Contain("'xy' is -0.5"));
        Assert.Throws<ArgumentException>(() => TrainingWorld.FromCorpus(Corpus, ["ab"], [0.5, 0.5]));
    }
}
