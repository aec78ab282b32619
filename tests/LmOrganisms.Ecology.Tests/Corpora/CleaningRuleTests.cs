using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests.Corpora;

/// <summary>
/// Every rule of every named corpus cleaning, alone, on a small excerpt of its corpus (or a line made like one):
/// before → after (the text as the corpus keeps it: a–z and single spaces). <see cref="EveryRuleHasACase"/> fails when a
/// rule is added without a case here.
/// </summary>
public sealed class CleaningRuleTests
{
    /// <summary>(corpus cleaning, language or null for its default, rule description, before, after).</summary>
    private static readonly (string Corpus, string? Language, string Rule, string Before, string After)[] Cases =
    [
        // Project Gutenberg matter (every corpus; the paper's strip_gutenberg)
        ("plain", null, "Gutenberg header: the text starts after the START line",
            "The Project Gutenberg eBook of Alice\nLicence text\n*** START OF THE PROJECT GUTENBERG EBOOK ALICE ***\nAlice was",
            "start of the project gutenberg ebook alice alice was"),
        ("plain", null, "Gutenberg START line", "Title\n*** START OF THIS PROJECT GUTENBERG EBOOK ALICE ***\nAlice", "title alice"),
        ("plain", null, "Gutenberg footer: the text ends before the END line",
            "happy summer days.\n\n*** END OF THE PROJECT GUTENBERG EBOOK ALICE ***\nUpdated editions will replace", "happy summer days"),
        ("plain", null, "Gutenberg closing line",
            "Durch Liebe, die beweget Sonn und Sterne.\r\n\r\n\r\nEnde dieses Projekt Gutenberg Etextes Die Göttliche Komödie,\r\nvon Dante Alighieri.\r\n",
            "durch liebe die beweget sonn und sterne"),
        ("plain", null, "Gutenberg credit paragraphs",
            "Note: Project Gutenberg also has an HTML version of this\n      file which includes the original illustrations.\n\nLE AVVENTURE D'ALICE",
            "le avventure dalice"),

        // Alice: raw lines (clean_alice.jl)
        ("alice", "it", "end matter: transcriber's notes, correction lists, separator lines and printer's colophons near the end",
            "e le gioconde giornate dell'estate.\n\nFINE.\n\nLONDRA:\n\nR. CLAY, FIGLI, E TAYLOR, STAMPATORI,\n\n       *       *       *       *       *\n\nNota del Trascrittore\n\nLa punteggiatura",
            "e le gioconde giornate dellestate fine londra"),
        // Alice: normalised lines (reclean_alice.jl)
        ("alice", "en", "illustration markers", "[Illustration]\n\nAlice’s Adventures in Wonderland", "alices adventures in wonderland"),
        ("alice", "it", "illustration markers", "[Illustrazione]\nLE AVVENTURE D'ALICE", "le avventure dalice"),
        ("alice", "en", "tables of contents, end marks and other artifact lines", "Contents\n\nhappy summer days.\n\nTHE END", "happy summer days"),
        ("alice", "en", "the story starts at the first chapter heading (front matter and table of contents before it)",
            "Contents\n\n CHAPTER I.     Down the Rabbit-Hole\n CHAPTER II.    The Pool of Tears\n\nCHAPTER I.\nDown the Rabbit-Hole\n\n\nAlice was beginning",
            "chapter i down the rabbithole alice was beginning"),
        ("alice", "en", "chapter headings", "very glad to find herself talking familiarly with them.\n\nCHAPTER IV.\nThe Rabbit", "very glad to find herself talking familiarly with them the rabbit"),
        ("alice", "en", "chapter titles", "CHAPTER VIII.\nThe Queen’s Croquet-Ground\n\nA large rose-tree", "chapter viii a large rosetree"),
        ("alice", "fr", "the story starts at the first chapter heading (front matter and table of contents before it)",
            "  AVENTURES D'ALICE\n\n  Notre barque glisse sur l'onde\n\n  CHAPITRE PREMIER.\n\n  AU FOND DU TERRIER.\n\nAlice, assise auprès de sa sœur",
            "chapitre premier au fond du terrier alice assise aupres de sa soeur"),
        ("alice", "fr", "chapter headings", "la fin de sa leçon.\n\n  CHAPITRE II.\n\nLA MARE", "la fin de sa lecon la mare"),
        ("alice", "fr", "chapter titles", "CHAPITRE VII.\n\n  UN THÉ DE FOUS.\n\nIl y avait", "chapitre vii il y avait"),
        ("alice", "de", "the story starts at the first chapter heading (front matter and table of contents before it)",
            "\uFEFFInhalt\r\nErstes Kapitel\r\n\r\nHinunter in den Kaninchenbau.\r\n\r\nAlice fing an sich zu langweilen;",
            "erstes kapitel hinunter in den kaninchenbau alice fing an sich zu langweilen"),
        ("alice", "de", "chapter headings", "Zweites Kapitel\r\n\r\nDer Thränenpfuhl.\r\n", "der thranenpfuhl"),
        ("alice", "de", "chapter titles", "Zwölftes Kapitel\r\nAlice ist die Klügste.\r\n»Hier!« rief Alice", "zwolftes kapitel hier rief alice"),
        ("alice", "it", "the story starts at the first chapter heading (front matter and table of contents before it)",
            "INDICE\n\nCAPITOLO I.\n\nGiù nella Conigliera.\n\nAlice cominciava a sentirsi",
            "capitolo i giu nella conigliera alice cominciava a sentirsi"),
        ("alice", "it", "chapter headings", "CAPITOLO XII.\n\nTestimonianza d'Alice.", "testimonianza dalice"),
        ("alice", "it", "chapter titles", "CAPITOLO VII.\n\nUn tè di matti.\n\nC'era una tavola", "capitolo vii cera una tavola"),
        ("alice", "fi", "the story starts at the first chapter title after the table of contents",
            "SISÄLLYS:\n\n Alhaalla kaninpesässä\n Kyynellammikko\n\n\nAlhaalla kaninpesässä\n\n\nHyvänen aika, kuinka Liisaa väsytti!",
            "alhaalla kaninpesassa hyvanen aika kuinka liisaa vasytti"),
        ("alice", "fi", "chapter titles", "ja sitten hän lähti.\n\n\nKyynellammikko\n\n\n\"Yhä kummempaa ja kummempaa!\"", "ja sitten han lahti yha kummempaa ja kummempaa"),

        // Dante (clean_dante.jl with the heading patterns of these editions)
        ("dante", "it", "the text starts at the first verse (title pages, prefaces and table of contents before it)",
            "LA DIVINA COMMEDIA\ndi Dante Alighieri\n\nINFERNO\n\nInferno • Canto I\n\nNel mezzo del cammin di nostra vita",
            "nel mezzo del cammin di nostra vita"),
        ("dante", "it", "canto headings (\"Inferno • Canto I\")",
            "l’amor che move il sole e l’altre stelle.\n\nParadiso • Canto XXXIII\n\ncanto che tanto vince nostre muse,",
            "lamor che move il sole e laltre stelle canto che tanto vince nostre muse"),
        ("dante", "it", "cantica headings", "e quindi uscimmo a riveder le stelle.\n\nPURGATORIO\n\nPer correr miglior acque", "e quindi uscimmo a riveder le stelle per correr miglior acque"),
        ("dante", "it", "illustration markers", "[Illustration: Dante]\nNel mezzo", "nel mezzo"),
        ("dante", "en", "the text starts at the first verse (title pages, prefaces and table of contents before it)",
            "    Contents\n\n    INFERNO\n    I. The Dark Forest.\n\nInferno: Canto I\n\n\nMidway upon the journey of our life\n    I found myself within a forest dark,",
            "midway upon the journey of our life i found myself within a forest dark"),
        ("dante", "en", "the text ends before Longfellow's appendix (his own sonnets on Dante)",
            "The Love which moves the sun and the other stars.\n\n\n\n\nAPPENDIX\n\nSIX SONNETS ON DANTE’S DIVINE COMEDY", "the love which moves the sun and the other stars"),
        ("dante", "en", "canto headings (\"Inferno: Canto I\")", "Inferno: Canto I\n\n\nMidway upon the journey of our life", "midway upon the journey of our life"),
        ("dante", "en", "Longfellow's footnote (his English for Arnaut Daniel's Provençal verses in Purgatorio XXVI)",
            "Then hid him in the fire that purifies them.\n* So pleases me your courteous demand,\n    I cannot and I will not hide me from you.\n\n\nPurgatorio: Canto XXVII",
            "then hid him in the fire that purifies them purgatorio canto xxvii"),
        ("dante", "en", "cantica headings", "To issue forth, and once more see the stars.\n\n\n\nPURGATORIO\n\n\n\nTo run o’er better waters", "to issue forth and once more see the stars to run oer better waters"),
        ("dante", "de", "the text starts at the first verse (title pages, prefaces and table of contents before it)",
            "Inhalt:\r\n\r\nDie Hölle\r\n\r\nErster Gesang\r\n\r\nAuf halbem Weg des Menschenlebens fand\r\nich mich in einen finstern Wald verschlagen,",
            "auf halbem weg des menschenlebens fand ich mich in einen finstern wald verschlagen"),
        ("dante", "de", "canto headings (\"Erster Gesang\")", "Einunddreißigster Gesang\r\n\r\nWie dich mein Lächeln, wie dich der Gesang", "wie dich mein lacheln wie dich der gesang"),
        ("dante", "de", "cantica headings", "Das Fegefeuer\r\n\r\nErster Gesang\r\nZu bessern Fluten", "erster gesang zu bessern fluten"),
        ("dante", "fr", "the text starts at the first verse (title pages, prefaces and table of contents before it)",
            "                               ARGUMENT\n\n  À la chute du jour, le poëte s'égare dans une forêt.\n\n\nJ'étais au milieu de ma course, et j'avais déjà perdu la bonne voie,",
            "jetais au milieu de ma course et javais deja perdu la bonne voie"),
        ("dante", "fr", "the notes after each chant, up to the next chant's argument",
            "je marchai sur ses traces [10].\n\n\n                                NOTES\n\n                        SUR LE PREMIER CHANT\n\n[1] Les commentateurs se sont beaucoup exercés\n\n                               CHANT II\n\n                               ARGUMENT.\n\n  Le jour dont la naissance",
            "je marchai sur ses traces argument le jour dont la naissance"),
        ("dante", "fr", "the tables of contents, up to the next chant's argument",
            "Cerbère.\n\n                            TABLE DES MATIÈRES\n\nCHANT PREMIER.--A la chute du jour\n\n                            CHANT XVIII\n\n                              ARGUMENT\n",
            "cerbere argument"),
        ("dante", "fr", "the argument before each chant: its indented summary, up to the first unindented line of prose",
            "                               ARGUMENT.\n\n  Le jour dont la naissance est indiquée dans le premier chant\n  commence à finir.\n\n\nLe jour baissait, et les cieux plus sombres",
            "le jour baissait et les cieux plus sombres"),
        ("dante", "fr", "the argument before each chant: its indented summary, up to the first unindented line of prose",
            "                              ARGUMENT\n\n  Dernier coup d'oeil sur les hérétiques.\n\n\nSur les derniers bords de cette vallée, des roches",
            "sur les derniers bords de cette vallee des roches"),
        ("dante", "fr", "chant headings", "                               CHANT II\nLe jour baissait", "le jour baissait"),
        ("dante", "fr", "title lines", "                               L'ENFER\n\nJ'étais", "jetais"),
        ("dante", "fr", "printer's colophon", "                                FIN\n\n         Paris.--Imprimerie de Dubuisson et Ce, rue Coq-Héron 5\n", "fin"),
        ("dante", null, "canto headings", "Canto XII.\n\nEra lo loco\nParadiso: Canto I", "era lo loco"),

        // Voynich (clean_voynich.jl), each rule alone
        ("voynich", null, "Takahashi's complete transcription: the data lines whose locator ends in ;H>",
            "# <f1r.1,@P0;H> a comment\n<f1r.1,@P0;H>      fachys.ykal\n<f1r.1,@P0;C>      fachys.ykal.ar", "frph fachysykal"),
        ("voynich", null, "the text after the locator <f1r.1,@P0;H>", "<f1r.1,@P0;H>      fachys.ykal.ar.ataiin.shol", "fachysykalarataiinshol"),
        ("voynich", null, "inline comments {…}", "ykal{plant}ar{&a}x", "ykalarx"),
        ("voynich", null, "inline markup <…>", "o<!@o'>oiin.oteey<->dair", "ooiinoteeydair"),
        ("voynich", null, "EVA word breaks . and , become spaces", "fachys.ykal,ar", "fachys ykal ar"),
        ("voynich", null, "fillers and uncertain readings ! ? % - = @ ' *", "cth!res.cth?ar-o%r=y@k'a*l", "cthresctharorykal"),
        ("voynich", null, "only the lowercase EVA letters a–z and the space", "dAiin ¤ qokeey7", "diin qokeey"),
    ];

    private static IEnumerable<TestCaseData> CaseData() => Cases.Select(c =>
        new TestCaseData(c.Corpus, c.Language, c.Rule, c.Before, c.After).SetArgDisplayNames($"{c.Corpus}/{c.Language ?? "*"}: {c.Rule}"));

    private static TextCleaning Cleaning(string corpus, string? language)
    {
        var cleaning = CorpusCleaning.FromName(corpus);
        return language is null ? cleaning.Default : cleaning.Languages[language];
    }

    [TestCaseSource(nameof(CaseData))]
    public void RuleAloneTurnsBeforeIntoAfter(string corpus, string? language, string rule, string before, string after)
    {
        var cleaning = Cleaning(corpus, language);
        var raw = cleaning.Raw.Where(r => r.Description == rule).ToArray();
        var normalised = cleaning.Normalised.Where(r => r.Description == rule).ToArray();
        Assert.That(raw.Length + normalised.Length, Is.EqualTo(1), $"{cleaning.Name} has one rule described '{rule}'");
        var alone = new TextCleaning(rule, raw, normalised);
        Assert.That(alone.Clean(before, "excerpt"), Is.EqualTo(after));
    }

    [Test]
    public void EveryRuleHasACase()
    {
        var covered = Cases.Select(c => Cleaning(c.Corpus, c.Language))
            .Zip(Cases, (cleaning, c) => cleaning.Raw.Concat(cleaning.Normalised).Single(r => r.Description == c.Rule))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        var missing = CorpusCleaning.All
            .SelectMany(c => c.Languages.Values.Append(c.Default))
            .SelectMany(t => t.Raw.Concat(t.Normalised).Select(r => (Text: t.Name, Rule: r)))
            .Where(x => !covered.Contains(x.Rule))
            .Select(x => $"{x.Text}: {x.Rule.Description}")
            .Distinct().ToArray();
        Assert.That(missing, Is.Empty, "rules without a before/after case");
    }

    [Test]
    public void WholeAliceCleaningOfAnExcerpt()
    {
        const string excerpt = "[Illustration]\n\n\n\n\nAlice’s Adventures in Wonderland\n\nContents\n\n CHAPTER I.     Down the Rabbit-Hole\n\n" +
            "CHAPTER I.\nDown the Rabbit-Hole\n\n\nAlice was beginning to get very tired of sitting by her sister on the\nbank, " +
            "and of having nothing to do: once or twice she had peeped into\n\nCHAPTER II.\nThe Pool of Tears\n\n“Curiouser and curiouser!”\n\nTHE END";
        Assert.That(CorpusCleaning.Alice.For("en").Clean(excerpt, "excerpt"), Is.EqualTo(
            "alice was beginning to get very tired of sitting by her sister on the bank and of having nothing to do once or twice she had peeped into curiouser and curiouser"));
    }

    [Test]
    public void RequiredStartThatIsMissingNamesTheFileAndTheRule()
    {
        var e = Assert.Throws<ArgumentException>(() => CorpusCleaning.Alice.For("en").Clean("Just some text\nwith no chapters", "Corpus file 'alice/en.txt'"));
        Assert.That(e!.Message, Does.StartWith("Corpus file 'alice/en.txt': the cleaning rule 'the story starts at the first chapter heading"));
        Assert.That(e.Message, Does.Contain("CorpusCleaning.Plain"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
        e = Assert.Throws<ArgumentException>(() => CorpusCleaning.Alice.For("fi").Clean("Alhaalla kaninpesässä\nHyvänen aika", "fi.txt"));
        Assert.That(e!.Message, Does.Contain("found 1 of the 2 lines"));
    }

    [Test]
    public void OptionalRulesThatFindNothingDoNothing()
    {
        Assert.That(CorpusCleaning.Plain.Default.Clean("No Gutenberg matter here.\nJust text.", "t"), Is.EqualTo("no gutenberg matter here just text"));
    }

    [Test]
    public void EndAtLooksOnlyAtTheLastLinesWhenAsked()
    {
        var rule = CleaningRule.EndAt("^END$", "end", withinLastLines: 2);
        var cleaning = new TextCleaning("t", [rule], []);
        Assert.That(cleaning.Clean("a\nEND\nb\nc\nd\n\n\n", "t"), Is.EqualTo("a end b c d"));   // END is 4 lines from the end
        Assert.That(cleaning.Clean("a\nb\nEND\nc\n\n", "t"), Is.EqualTo("a b"));
    }

    [Test]
    public void SectionsRunToTheirEndPatternOrToTheEnd()
    {
        var rule = CleaningRule.DropSections("^NOTES$", "^ARGUMENT$", "notes");
        var cleaning = new TextCleaning("t", [rule], []);
        Assert.That(cleaning.Clean("a\nNOTES\nx\ny\nARGUMENT\nb\nNOTES\nz", "t"), Is.EqualTo("a argument b"));
        var toEnd = new TextCleaning("t", [CleaningRule.DropSections("^APPENDIX$", null, "appendix")], []);
        Assert.That(toEnd.Clean("a\nAPPENDIX\nb", "t"), Is.EqualTo("a"));
    }

    [Test]
    public void LineBreaksOfEveryKindAndCaseInsensitivePatterns()
    {
        var cleaning = new TextCleaning("t", [CleaningRule.DropLines("(?i)^chapter", "headings")], []);
        Assert.That(cleaning.Clean("one\r\nCHAPTER 1\rtwo\nchapter 2\n", "t"), Is.EqualTo("one two"));
    }

    [Test]
    public void BadPatternsAndArgumentsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => CleaningRule.DropLines("([a-z", "broken"));
        Assert.That(e!.Message, Does.Contain("'([a-z' is not a valid regular expression"));
        Assert.Throws<ArgumentOutOfRangeException>(() => CleaningRule.StartAt("x", "x", occurrence: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CleaningRule.EndAt("x", "x", withinLastLines: 0));
        Assert.Throws<ArgumentException>(() => CleaningRule.DropLines("x", " "));
        Assert.That(CorpusCleaning.FromName("ALICE"), Is.SameAs(CorpusCleaning.Alice));
        e = Assert.Throws<ArgumentException>(() => CorpusCleaning.FromName("manifesto"));
        Assert.That(e!.Message, Does.Contain("alice, dante, voynich, plain"));
    }

    [Test]
    public void FolderNamesChooseTheCleaning()
    {
        Assert.That(CorpusCleaning.ForDirectory("/data/corpora/alice/"), Is.SameAs(CorpusCleaning.Alice));
        Assert.That(CorpusCleaning.ForDirectory("corpora/Dante"), Is.SameAs(CorpusCleaning.Dante));
        Assert.That(CorpusCleaning.ForDirectory("voynich"), Is.SameAs(CorpusCleaning.Voynich));
        Assert.That(CorpusCleaning.ForDirectory("/home/me/my-texts"), Is.SameAs(CorpusCleaning.Plain));
        Assert.That(CorpusCleaning.Alice.For("es").Name, Is.EqualTo("alice"));
        Assert.That(CorpusCleaning.Alice.For("en").Name, Is.EqualTo("alice/en"));
    }
}
