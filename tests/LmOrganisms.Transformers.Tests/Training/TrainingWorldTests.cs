using LmOrganisms.Ecology;
using LmOrganisms.Transformers;

namespace LmOrganisms.Transformers.Tests;

public sealed class TrainingWorldTests
{
    [Test]
    public void TextWindowsAreSubstringsAndTokenizerRoundTrips()
    {
        const string text = "the cat sat on the mat";
        var tokenizer = CharacterTokenizer.FromText(text);
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(text.Distinct().Count()));
        Assert.That(tokenizer.Decode(tokenizer.Encode(text)), Is.EqualTo(text));
        var world = TrainingWorld.FromText(text, tokenizer);
        var buffer = new int[5 * 6];
        world.Sample(buffer, 5, 6, seed: 3);
        for (int r = 0; r < 5; r++) Assert.That(text.Contains(tokenizer.Decode(buffer.Skip(r * 6).Take(6)), StringComparison.Ordinal), Is.True);
        var e = Assert.Throws<ArgumentException>(() => tokenizer.Encode("dog!"));
        Assert.That(e!.Message, Does.Contain("'d'").And.Contain("position 0"));
    }

    [Test]
    public void MixtureDrawsEachSequenceFromOneProcessByWeight()
    {
        // Two deterministic coins: every sequence is constant, and its symbol tells which process it came from.
        var ones = Processes.BiasedCoin(1.0);
        var zeros = Processes.BiasedCoin(0.0).WithName("zeros");
        var world = TrainingWorld.FromProcesses([ones, zeros], [0.25, 0.75]);
        var buffer = new int[4000 * 4];
        world.Sample(buffer, 4000, 4, seed: 1);
        int onesSymbol = ones.WordProbability([0]) > 0.5 ? 0 : 1;
        int pure = 0, fromOnes = 0;
        for (int r = 0; r < 4000; r++)
        {
            var row = buffer.AsSpan(r * 4, 4).ToArray();
            if (row.Distinct().Count() == 1) pure++;
            if (row[0] == onesSymbol) fromOnes++;
        }
        Assert.That(pure, Is.EqualTo(4000));
        Assert.That(fromOnes / 4000.0, Is.EqualTo(0.25).Within(0.03));
    }

    [Test]
    public void SameSeedSameBatch()
    {
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        var a = new int[64 * 11];
        var b = new int[64 * 11];
        world.Sample(a, 64, 11, 5);
        world.Sample(b, 64, 11, 5);
        Assert.That(b, Is.EqualTo(a));
    }
}
