using System.Diagnostics;
using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests.Corpora;

/// <summary>The paper's chunk_text (spec §3.1): windows of 30 overlapping by 5, cut after the last space, &lt; 3 dropped.
/// The expected chunks were computed with a line-by-line port of the paper's Julia function.</summary>
public sealed class TextChunkerTests
{
    [Test]
    public void CutsAfterTheLastSpaceAndOverlapsByFive()
    {
        Assert.That(TextChunker.Chunks("alice was beginning to get very tired of sitting by her sister"),
            Is.EqualTo(new[] { "alice was beginning to get ", " get very tired of sitting by ", "g by her sister" }));
    }

    [Test]
    public void AWordLongerThanTheWindowIsCutHard()
    {
        Assert.That(TextChunker.Chunks("abcdefghijklmnopqrstuvwxyz", 10, 3), Is.EqualTo(new[] { "abcdefghij", "hijklmnopq", "opqrstuvwx" }));
    }

    [Test]
    public void ASpaceThatLeavesNoMoreThanTheOverlapIsNotACut()
    {
        // "ab cde": the space leaves "ab " (3 > 2 characters): cut. "b cdef": the space leaves "b " (2, not > 2): hard cut.
        Assert.That(TextChunker.Chunks("ab cdefghijkl", 6, 2), Is.EqualTo(new[] { "ab ", "b cdef", "efghij" }));
        Assert.That(TextChunker.Chunks("abcd efghij klm", 8, 5), Is.EqualTo(new[] { "abcd efg", "d efghij", " klm" }));
    }

    [Test]
    public void ASpaceAtTheWindowStartIsNotACut()
    {
        Assert.That(TextChunker.Chunks("a bcdefghi", 5, 2), Is.EqualTo(new[] { "a bcd", "cdefg" }));
        Assert.That(TextChunker.Chunks(" abcdefgh", 5, 0), Is.EqualTo(new[] { " abcd", "efgh" }));
    }

    [Test]
    public void NearTheEndTheNextWindowDoesNotOverlap()
    {
        // after "dddd eeee " only "ffff" (4 ≤ 5 characters) remains: it is not repeated with an overlap
        Assert.That(TextChunker.Chunks("aaaa bbbb cccc dddd eeee ffff", 12, 5),
            Is.EqualTo(new[] { "aaaa bbbb ", "bbbb cccc ", "cccc dddd ", "dddd eeee ", "ffff" }));
    }

    [Test]
    public void ShortTextsAndShortTailsFollowTheMinimumLength()
    {
        Assert.That(TextChunker.Chunks(""), Is.Empty);
        Assert.That(TextChunker.Chunks("ab"), Is.Empty);
        Assert.That(TextChunker.Chunks("abc"), Is.EqualTo(new[] { "abc" }));
        Assert.That(TextChunker.Chunks("the cat sat"), Is.EqualTo(new[] { "the cat sat" }));
        // a 2-character tail is dropped (< 3)
        Assert.That(TextChunker.Chunks("abcdefghijklmnopqrstuvwxyz", 10, 3).Last(), Is.EqualTo("opqrstuvwx"));
        Assert.That(TextChunker.Chunks("ab", 30, 5, minLength: 1), Is.EqualTo(new[] { "ab" }));
    }

    [Test]
    public void ChunksAreSubstringsWithinTheSizeBoundsAndProgressIsMade()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(0, 200);
            var text = new string(Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.2 ? ' ' : (char)('a' + rng.Next(26))).ToArray());
            int length = rng.Next(1, 40), overlap = rng.Next(0, length), minLength = rng.Next(1, length + 1);
            var chunks = TextChunker.Chunks(text, length, overlap, minLength);
            Assert.That(chunks.Count, Is.LessThanOrEqualTo(n));
            int from = 0;
            foreach (var c in chunks)
            {
                Assert.That(c.Length, Is.InRange(minLength, length), $"'{text}' {length}/{overlap}/{minLength}");
                int at = text.IndexOf(c, from, StringComparison.Ordinal);
                Assert.That(at, Is.GreaterThanOrEqualTo(from), "chunks appear in text order");
                from = at + 1;
            }
        }
    }

    [Test]
    public void AMegabyteWithoutSpacesIsChunkedInLinearTime()
    {
        var text = new string('a', 1 << 20);
        var clock = Stopwatch.StartNew();
        var chunks = TextChunker.Chunks(text);
        Assert.That(chunks, Has.Count.EqualTo(41_943));   // the paper's chunk_text gives the same count
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
    }

    [Test]
    public void SizesAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Chunks("abc", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Chunks("abc", 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Chunks("abc", 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Chunks("abc", 5, 1, 0));
        Assert.Throws<ArgumentNullException>(() => TextChunker.Chunks(null!));
    }
}
