using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests.Corpora;

public sealed class CharacterTokenizerTests
{
    [Test]
    public void BosComesAfterTheLettersAndFramesAChunkWithoutItsSpaces()
    {
        var tokenizer = CharacterTokenizer.WithBos("abc");
        Assert.That(tokenizer.Bos, Is.EqualTo(3));
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(4));
        Assert.That(tokenizer.Vocabulary, Is.EqualTo(new[] { "a", "b", "c", CharacterTokenizer.BosName }));
        // spec §4.14: "ab c" → [BOS, 1, 2, 3, BOS] with 1-based letters; here 0-based letters and BOS = 3
        Assert.That(tokenizer.EncodeChunk("ab c"), Is.EqualTo(new[] { 3, 0, 1, 2, 3 }));
        Assert.That(tokenizer.EncodeChunk(" "), Is.EqualTo(new[] { 3, 3 }));
        Assert.That(tokenizer.Decode(tokenizer.EncodeChunk("ab c")), Is.EqualTo("abc"));
    }

    [Test]
    public void ThePaperTokenizerHas27Tokens()
    {
        var tokenizer = CharacterTokenizer.WithBos("abcdefghijklmnopqrstuvwxyz");
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(27));
        Assert.That(tokenizer.Bos, Is.EqualTo(26));
        Assert.That(tokenizer.TokenOf('z'), Is.EqualTo(25));
        Assert.That(tokenizer.TokenOf('é'), Is.EqualTo(-1));
    }

    [Test]
    public void UnknownCharactersAreNamedWithTheirPosition()
    {
        var tokenizer = CharacterTokenizer.WithBos("abc");
        var e = Assert.Throws<ArgumentException>(() => tokenizer.EncodeChunk("ab d"));
        Assert.That(e!.Message, Does.Contain("'d' at position 3").And.Contain("(abc)"));
        e = Assert.Throws<ArgumentException>(() => tokenizer.EncodeChunk("a\u001Bb"));
        Assert.That(e!.Message, Does.Contain("\\u001B"));
        e = Assert.Throws<ArgumentException>(() => new CharacterTokenizer("abc").Encode("ab c"));
        Assert.That(e!.Message, Does.Contain("' ' at position 2"));
    }

    [Test]
    public void AlphabetsAreValidated()
    {
        Assert.Throws<ArgumentException>(() => CharacterTokenizer.WithBos(""));
        Assert.Throws<ArgumentException>(() => CharacterTokenizer.WithBos("aba"));
        Assert.Throws<ArgumentException>(() => CharacterTokenizer.WithBos("a b"));
        Assert.Throws<InvalidOperationException>(() => new CharacterTokenizer("ab").EncodeChunk("ab"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CharacterTokenizer("ab").Decode([2]));
    }

    [Test]
    public void WithoutBosTheTokenizerIsUnchanged()
    {
        var tokenizer = CharacterTokenizer.FromText("the cat");
        Assert.That(tokenizer.Characters, Is.EqualTo(" aceht".ToCharArray()));
        Assert.That(tokenizer.Bos, Is.Null);
        Assert.That(tokenizer.Decode(tokenizer.Encode("the cat")), Is.EqualTo("the cat"));
    }
}
