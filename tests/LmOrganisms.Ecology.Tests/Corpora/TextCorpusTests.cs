using System.Text;
using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests.Corpora;

public sealed class TextCorpusTests
{
    private static readonly string Sample = string.Join(" ", Enumerable.Repeat("the cat sat on the mat and the dog sat on the log", 6));

    // ---- the paper's corpora ----------------------------------------------------------------------------------------

    /// <summary>Spec §3.1: Alice chunk counts EN 5922, FR 6318, DE 6412, IT 5969, FI 6104; train 4738/5054/5130/4775/4883,
    /// test 1184/1264/1282/1194/1221; 24,580 training sequences; 26 letters + BOS.</summary>
    [Test]
    public void AliceReproducesThePapersChunkAndSplitCounts()
    {
        var alice = RepositoryCorpora.Alice;
        Assert.That(alice.Cleaning, Is.SameAs(CorpusCleaning.Alice));
        Assert.That(alice.Languages.Select(l => l.Chunks.Count), Is.EqualTo(new[] { 5922, 6318, 6412, 5969, 6104 }));
        Assert.That(alice.Languages.Select(l => l.Train.Count), Is.EqualTo(new[] { 4738, 5054, 5130, 4775, 4883 }));
        Assert.That(alice.Languages.Select(l => l.Test.Count), Is.EqualTo(new[] { 1184, 1264, 1282, 1194, 1221 }));
        Assert.That(alice.Languages.Sum(l => l.Train.Count), Is.EqualTo(24_580));
        Assert.That(alice.Tokenizer.VocabularySize, Is.EqualTo(27));
        Assert.That(string.Concat(alice.Tokenizer.Characters), Is.EqualTo("abcdefghijklmnopqrstuvwxyz"));
        // characters after cleaning (docs/corpora.md)
        Assert.That(alice.Languages.Select(l => l.Characters), Is.EqualTo(new[] { 133_643, 140_375, 141_957, 130_905, 130_513 }));
        Assert.That(alice["en"].Text, Does.StartWith("alice was beginning to get very tired of sitting by her sister on the bank"));
        Assert.That(alice["en"].Text, Does.EndWith("remembering her own childlife and the happy summer days"));
    }

    [Test]
    public void DanteKeepsExactlyThe14233VersesOfTheCommedia()
    {
        foreach (var language in new[] { "it", "en", "de" })
        {
            var raw = File.ReadAllText(Path.Combine(RepositoryCorpora.Folder("dante"), language + ".txt"));
            var lines = CorpusCleaning.Dante.For(language).CleanLines(raw, language).Count(l => l.Length > 0);
            Assert.That(lines, Is.EqualTo(14_233), language);
        }
        var dante = TextCorpus.Load(RepositoryCorpora.Folder("dante"));
        Assert.That(dante.Languages.Select(l => l.Name), Is.EqualTo(new[] { "de", "en", "fr", "it" }));
        Assert.That(dante["it"].Text, Does.StartWith("nel mezzo del cammin di nostra vita mi ritrovai per una selva oscura"));
        Assert.That(dante["it"].Text, Does.EndWith("lamor che move il sole e laltre stelle"));
        Assert.That(dante["fr"].Text, Does.StartWith("jetais au milieu de ma course"));
        Assert.That(dante["fr"].Text, Does.Contain("le jour baissait et les cieux plus sombres"), "chant II is kept");
        Assert.That(dante["fr"].Text, Does.Not.Contain("les commentateurs se sont beaucoup exerces"), "notes are dropped");
        // every one of the 34 chants keeps its first line of prose (the line after its argument)
        var french = File.ReadAllText(Path.Combine(RepositoryCorpora.Folder("dante"), "fr.txt")).Split('\n');
        int chants = 0;
        for (int i = 0; i < french.Length; i++)
        {
            if (french[i].Trim() is not ("ARGUMENT" or "ARGUMENT.")) continue;
            int j = i + 1;
            while (french[j].Trim().Length == 0 || french[j].StartsWith("  ", StringComparison.Ordinal)) j++;
            Assert.That(dante["fr"].Text, Does.Contain(LetterNormalisation.Line(french[j])), $"the chant whose argument is at line {i + 1}");
            chants++;
        }
        Assert.That(chants, Is.EqualTo(34));
    }

    [Test]
    public void VoynichKeepsTakahashisLines()
    {
        var raw = File.ReadAllText(Path.Combine(RepositoryCorpora.Folder("voynich"), "voynich.txt"));
        Assert.That(CorpusCleaning.Voynich.Default.CleanLines(raw, "voynich").Count, Is.EqualTo(5216));
        var voynich = TextCorpus.Load(RepositoryCorpora.Folder("voynich"));
        Assert.That(voynich["voynich"].Text, Does.StartWith("fachys ykal ar ataiin shol shory cthres y kor sholdy sory ckhar or y kair"));
        // on the Alice tokenizer (the paper's Exp4 projects EVA onto a–z)
        var onAlice = TextCorpus.Load(RepositoryCorpora.Folder("voynich"), TextCorpusOptions.Default with { Letters = "abcdefghijklmnopqrstuvwxyz" });
        Assert.That(onAlice.Tokenizer.VocabularySize, Is.EqualTo(27));
        Assert.That(onAlice["voynich"].Chunks, Is.EqualTo(voynich["voynich"].Chunks));
    }

    // ---- split ------------------------------------------------------------------------------------------------------

    [Test]
    public void TheSplitIsAFunctionOfTheSeedTheNameAndTheChunksOnly()
    {
        var a = TextCorpus.FromTexts([new("en", Sample), new("fr", Sample + " le chat")]);
        var b = TextCorpus.FromTexts([new("en", Sample), new("fr", Sample + " le chat")]);
        Assert.That(b["en"].Train, Is.EqualTo(a["en"].Train));
        Assert.That(b["en"].Test, Is.EqualTo(a["en"].Test));
        var alone = TextCorpus.FromTexts([new("en", Sample)]);
        Assert.That(alone["en"].Test, Is.EqualTo(a["en"].Test), "other languages do not change a language's split");
        var other = TextCorpus.FromTexts([new("en", Sample)], TextCorpusOptions.Default with { Seed = 1 });
        Assert.That(other["en"].Test, Is.Not.EqualTo(a["en"].Test));
        Assert.That(a["fr"].Train.Concat(a["fr"].Test).Order(StringComparer.Ordinal), Is.EqualTo(a["fr"].Chunks.Order(StringComparer.Ordinal)));
    }

    [Test]
    public void TheSplitOfAliceIsStable()
    {
        // pins the shuffle (new Random(seed) in .NET is stable across versions): a change here changes every split
        Assert.That(RepositoryCorpora.Alice["en"].Test[0], Is.EqualTo(RepositoryCorpora.Alice["en"].Chunks[TextCorpus.Permutation(5922, TextCorpus.SplitSeed(12345, "en"))[4738]]));
        Assert.That(TextCorpus.SplitSeed(12345, "en"), Is.EqualTo(1_613_835_747));   // FNV-1a("en") ^ 12345 · 2654435761, 31 bits
        Assert.That(TextCorpus.SplitSeed(12345, "fr"), Is.Not.EqualTo(TextCorpus.SplitSeed(12345, "en")));
        var first = TextCorpus.Permutation(8, 3);
        var second = TextCorpus.Permutation(8, 3);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Order(), Is.EqualTo(Enumerable.Range(0, 8)));
    }

    [TestCase(3, 0.8, 2), TestCase(5, 0.5, 2), TestCase(7, 0.5, 4), TestCase(5922, 0.8, 4738), TestCase(6318, 0.8, 5054)]
    public void TrainingCountsRoundHalfToEven(int chunks, double fraction, int train)
    {
        // chunks of 3 letters with no overlap: "abc abc …" cut at every space
        var text = string.Join(" ", Enumerable.Repeat("abc", chunks));
        var corpus = TextCorpus.FromTexts([new("x", text)], TextCorpusOptions.Default with { ChunkLength = 4, Overlap = 0, TrainFraction = fraction });
        Assert.That(corpus["x"].Chunks, Has.Count.EqualTo(chunks));
        Assert.That(corpus["x"].Train, Has.Count.EqualTo(train));
        Assert.That(corpus["x"].Test, Has.Count.EqualTo(chunks - train));
    }

    // ---- tokens and prefixes ----------------------------------------------------------------------------------------

    [Test]
    public void SequencesAreTheFramedChunksAndPrefixesTheirStarts()
    {
        var corpus = TextCorpus.FromTexts([new("en", Sample)]);
        var en = corpus["en"];
        int bos = corpus.Tokenizer.Bos!.Value;
        Assert.That(string.Concat(corpus.Tokenizer.Characters), Is.EqualTo("acdeghlmnost"));
        for (int i = 0; i < en.Test.Count; i++)
        {
            var s = en.TestSequences[i];
            Assert.That(s[0], Is.EqualTo(bos));
            Assert.That(s[^1], Is.EqualTo(bos));
            Assert.That(corpus.Tokenizer.Decode(s), Is.EqualTo(en.Test[i].Replace(" ", "", StringComparison.Ordinal)));
        }
        var prefixes = en.Prefixes(3);
        var expected = en.TestSequences.Where(s => s.Length - 2 >= 3).ToArray();
        Assert.That(prefixes.Count, Is.EqualTo(expected.Length));
        Assert.That(prefixes.Length, Is.EqualTo(4));
        for (int i = 0; i < expected.Length; i++) Assert.That(prefixes.Row(i).ToArray(), Is.EqualTo(expected[i][..4]));
        var some = en.Prefixes(3, maxCount: 2, seed: 5);
        Assert.That(some.Count, Is.EqualTo(2));
        Assert.That(some.Tokens, Is.EqualTo(en.Prefixes(3, 2, 5).Tokens));
        Assert.That(en.Prefixes(3, 1000, 5).Tokens, Is.EqualTo(prefixes.Tokens));
        var e = Assert.Throws<ArgumentException>(() => en.Prefixes(40));
        Assert.That(e!.Message, Does.StartWith("Text 'en': none of its"));
    }

    [Test]
    public void SelectKeepsTheTokenizerAndTheSplits()
    {
        var alice = RepositoryCorpora.Alice;
        var two = alice.Select(["fi", "en"]);
        Assert.That(two.Languages.Select(l => l.Name), Is.EqualTo(new[] { "fi", "en" }));
        Assert.That(two.Tokenizer, Is.SameAs(alice.Tokenizer));
        Assert.That(two["en"], Is.SameAs(alice["en"]));
        var e = Assert.Throws<KeyNotFoundException>(() => alice.Select(["es"]));
        Assert.That(e!.Message, Does.Contain("no language 'es'; it has en, fr, de, it, fi"));
    }

    // ---- bad input (issue 15 part 5): one line, naming the file -------------------------------------------------------

    private string folder = "";

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("lmo-corpus-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static void OneLineNaming<T>(Action load, string file, string words) where T : Exception
    {
        var e = Assert.Throws<T>(() => load());
        Assert.That(e!.Message, Does.Contain(file).And.Contain(words));
        Assert.That(e.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void AnEmptyFileIsRefused()
    {
        Write("en.txt", Sample);
        var empty = Write("fr.txt", "");
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), empty, "is empty");
    }

    [Test]
    public void ABinaryFileIsRefused()
    {
        var png = Write("en.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        OneLineNaming<FormatException>(() => TextCorpus.Load(folder), png, "not valid UTF-8: invalid byte 0x89 at byte offset 0");
        File.Delete(png);
        var nul = Write("en.txt", [(byte)'a', (byte)'b', 0, (byte)'c']);
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), nul, "is not a text file: it holds a NUL character (character 2)");
    }

    [Test]
    public void TextWithoutLettersIsRefused()
    {
        var digits = Write("el.txt", "Ελληνικά 12345 — ψ!");
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), digits, "has no letters a–z after cleaning");
    }

    [Test]
    public void TextTooShortForTheChunksOrTheSplitIsRefused()
    {
        Write("en.txt", Sample);
        var tiny = Write("fr.txt", "Le chat.");    // one chunk: no split
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), tiny, "is too short: 7 characters after cleaning give 1 chunk(s)");
        File.WriteAllText(tiny, "ab");             // no chunk at all
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), tiny, "give 0 chunk(s)");
    }

    [Test]
    public void ALetterOutsideTheTokenizerIsRefused()
    {
        var en = Write("en.txt", Sample + " quiz");
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder, TextCorpusOptions.Default with { Letters = "abcdefghijklmnopqrstuvwxy" }),
            en, "the letter 'z' (first at character");
    }

    [Test]
    public void AMissingFolderOrFileIsRefused()
    {
        var missing = Path.Combine(folder, "nowhere");
        OneLineNaming<DirectoryNotFoundException>(() => TextCorpus.Load(missing), missing, "does not exist");
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(folder), folder, "has no .txt files");
        var file = Write("en.txt", Sample);
        OneLineNaming<DirectoryNotFoundException>(() => TextCorpus.Load(file), file, "is a file");
        OneLineNaming<FileNotFoundException>(() => TextCorpus.Load(folder, TextCorpusOptions.Default with { Languages = ["en", "fr"] }),
            Path.Combine(folder, "fr.txt"), "does not exist");
    }

    [Test]
    public void AFileOverTheSizeLimitIsRefusedBeforeItIsRead()
    {
        var big = Write("en.txt", Sample);
        OneLineNaming<IOException>(() => TextCorpus.Load(folder, TextCorpusOptions.Default with { MaxFileBytes = 100 }), big, "the limit for a corpus file is 100 bytes");
    }

    [Test]
    public void AWrongEditionForTheNamedRulesIsRefused()
    {
        var alice = Directory.CreateDirectory(Path.Combine(folder, "alice")).FullName;
        var en = Write(Path.Combine("alice", "en.txt"), Sample);
        OneLineNaming<ArgumentException>(() => TextCorpus.Load(alice), en, "the story starts at the first chapter heading");
        Assert.That(TextCorpus.Load(alice, TextCorpusOptions.Default with { Cleaning = CorpusCleaning.Plain })["en"].Chunks, Is.Not.Empty);
    }

    [Test]
    public void OptionsAreValidatedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => TextCorpus.FromTexts([new("en", Sample)], TextCorpusOptions.Default with { Overlap = 30 }));
        Assert.That(e!.Message, Is.EqualTo("TextCorpusOptions.Overlap is 30; it must be in 0..29 (below ChunkLength)."));
        e = Assert.Throws<ArgumentException>(() => TextCorpus.FromTexts([new("en", Sample)], TextCorpusOptions.Default with { TrainFraction = 1 }));
        Assert.That(e!.Message, Does.StartWith("TextCorpusOptions.TrainFraction is 1"));
        e = Assert.Throws<ArgumentException>(() => TextCorpus.FromTexts([new("en", Sample)], TextCorpusOptions.Default with { Letters = "abcé" }));
        Assert.That(e!.Message, Does.StartWith("TextCorpusOptions.Letters is 'abcé'"));
        e = Assert.Throws<ArgumentException>(() => TextCorpus.Load(folder, TextCorpusOptions.Default with { Languages = ["../en"] }));
        Assert.That(e!.Message, Does.StartWith("TextCorpusOptions.Languages is '../en' at index 0"));
        Assert.Throws<ArgumentException>(() => TextCorpus.FromTexts([new("en", Sample), new("en", Sample)]));
        Assert.Throws<ArgumentException>(() => TextCorpus.FromTexts([]));
    }
}
