using System.Text;
using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests.Corpora;

/// <summary>The paper's letter normalisation: lowercase, the ligature table, NFD, base letters a–z.</summary>
public sealed class LetterNormalisationTests
{
    [TestCase("æ", "ae"), TestCase("Æ", "ae"), TestCase("œ", "oe"), TestCase("Œ", "oe"), TestCase("ß", "ss"), TestCase("ð", "d"),
     TestCase("Ð", "d"), TestCase("þ", "th"), TestCase("Þ", "th"), TestCase("ł", "l"), TestCase("Ł", "l"), TestCase("đ", "d"),
     TestCase("Đ", "d"), TestCase("ı", "i")]
    public void TheLigatureTableSpellsLettersOut(string letter, string spelled) =>
        Assert.That(LetterNormalisation.Line(letter), Is.EqualTo(spelled));

    [TestCase("é", "e"), TestCase("È", "e"), TestCase("ü", "u"), TestCase("Ö", "o"), TestCase("ñ", "n"), TestCase("ç", "c"), TestCase("Å", "a"),
     TestCase("İ", "i"), TestCase("Ǆ", "")]
    public void NfdKeepsTheBaseLetter(string letter, string baseLetter) =>
        Assert.That(LetterNormalisation.Line(letter), Is.EqualTo(baseLetter));

    [TestCase("ø"), TestCase("α"), TestCase("ж"), TestCase("中"), TestCase("𝐀"), TestCase("7"), TestCase("—"), TestCase("'"), TestCase("\u00A0")]
    public void NonLatinLettersAndEverythingElseDisappear(string character) =>
        Assert.That(LetterNormalisation.Line("a" + character + "b"), Is.EqualTo("ab"));

    [Test]
    public void PunctuationJoinsWordsAsInThePaper()
    {
        Assert.That(LetterNormalisation.Line("looking up into hers—she could hear"), Is.EqualTo("looking up into hersshe could hear"));
        Assert.That(LetterNormalisation.Line("  »Hier!« rief  Alice,\tdie Klügste. "), Is.EqualTo("hier rief alice die klugste"));
        Assert.That(LetterNormalisation.Line("a - b"), Is.EqualTo("a b"));
    }

    [Test]
    public void LinesAreJoinedBySingleSpaces()
    {
        Assert.That(LetterNormalisation.Text(["Alice was", "", "   ", "beginning—", "42", " to get"]), Is.EqualTo("alice was beginning to get"));
        Assert.That(LetterNormalisation.Text([]), Is.EqualTo(""));
    }

    [Test]
    public void EveryCharacterOfTheBmpNormalisesToLettersOnly()
    {
        for (int c = 0; c < 0x10000; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF) continue;
            var spelled = LetterNormalisation.Letter(new Rune(c));
            Assert.That(spelled.All(ch => ch is >= 'a' and <= 'z'), $"U+{c:X4} → '{spelled}'");
        }
    }
}
