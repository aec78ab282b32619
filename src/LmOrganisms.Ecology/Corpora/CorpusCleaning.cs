using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace LmOrganisms.Ecology;

/// <summary>
/// The cleaning of a corpus: one <see cref="TextCleaning"/> per language (file name without extension), and a
/// <see cref="Default"/> for the other languages. The task-ecology paper's corpora have their rules here, written as
/// data from the paper's public cleaning scripts (spec §3.1, corpora/SOURCES.md): <see cref="Alice"/>,
/// <see cref="Dante"/> and <see cref="Voynich"/>; a user's own texts get <see cref="Plain"/> (Gutenberg matter removed,
/// then letters only). docs/corpora.md lists every rule.
/// </summary>
/// <param name="Name">The corpus kind ("alice", "dante", "voynich", "plain").</param>
/// <param name="Default">The cleaning of a language without its own rules.</param>
/// <param name="Languages">The cleaning of each language that has its own rules.</param>
public sealed record CorpusCleaning(string Name, TextCleaning Default, IReadOnlyDictionary<string, TextCleaning> Languages)
{
    /// <summary>The cleaning of <paramref name="language"/>: its own rules, or <see cref="Default"/>.</summary>
    public TextCleaning For(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Languages.TryGetValue(language, out var cleaning) ? cleaning : Default;
    }

    /// <summary>Project Gutenberg matter, as the paper's scripts remove it: everything up to the <c>*** START OF …</c> line
    /// and from the <c>*** END OF …</c> line, the closing "End of (the) Project Gutenberg …" lines, and the credit
    /// paragraphs ("Produced by", "E-text prepared by", "Note: Project Gutenberg …", "Images of the original …").</summary>
    public static IReadOnlyList<CleaningRule> GutenbergRules { get; } =
    [
        CleaningRule.StartAt(@"(?i)\*\*\*\s*START OF (THE|THIS) PROJECT GUTENBERG", "Gutenberg header: the text starts after the START line"),
        CleaningRule.DropLines(@"(?i)\*\*\*\s*START OF (THE|THIS) PROJECT GUTENBERG", "Gutenberg START line"),
        CleaningRule.EndAt(@"(?i)\*\*\*\s*END OF (THE|THIS) PROJECT GUTENBERG", "Gutenberg footer: the text ends before the END line"),
        CleaningRule.EndAt(@"(?i)^\s*(End of (the )?Project Gutenberg|Ende dieses Projekt Gutenberg)", "Gutenberg closing line", withinLastLines: 20),
        CleaningRule.DropParagraphs(@"(?i)^\s*(Produced by|E-text prepared by|Note:\s*Project Gutenberg|Images of the original)",
            "Gutenberg credit paragraphs"),
    ];

    /// <summary>A user's own texts: <see cref="GutenbergRules"/>, then letters only.</summary>
    public static CorpusCleaning Plain { get; } = new("plain", new TextCleaning("plain", GutenbergRules, []), FrozenDictionary<string, TextCleaning>.Empty);

    /// <summary>The five Alice translations (corpora/alice; the paper's <c>clean_alice.jl</c> and <c>reclean_alice.jl</c>, applied
    /// literally, which reproduces its chunk counts exactly; see docs/corpora.md).</summary>
    public static CorpusCleaning Alice { get; } = MakeAlice();

    /// <summary>The four Divine Comedy translations (corpora/dante; the paper's <c>clean_dante.jl</c>, with the heading patterns
    /// of these editions; see docs/corpora.md).</summary>
    public static CorpusCleaning Dante { get; } = MakeDante();

    /// <summary>The Voynich IVTFF transcription (corpora/voynich; the paper's <c>clean_voynich.jl</c>): Takahashi's lines only.</summary>
    public static CorpusCleaning Voynich { get; } = MakeVoynich();

    /// <summary>Every named cleaning: <see cref="Alice"/>, <see cref="Dante"/>, <see cref="Voynich"/>, <see cref="Plain"/>.</summary>
    public static IReadOnlyList<CorpusCleaning> All { get; } = [Alice, Dante, Voynich, Plain];

    /// <summary>The cleaning named <paramref name="name"/> (alice, dante, voynich or plain; any case).</summary>
    /// <exception cref="ArgumentException">No cleaning has that name.</exception>
    public static CorpusCleaning FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No corpus cleaning is named '{name}'; the names are {string.Join(", ", All.Select(c => c.Name))}.");
    }

    /// <summary>The cleaning for a corpus folder: the named cleaning whose name is the folder's name (corpora/alice,
    /// corpora/dante, corpora/voynich), otherwise <see cref="Plain"/>.</summary>
    public static CorpusCleaning ForDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? Plain;
    }

    /// <summary>A whole-line pattern matching any of <paramref name="lines"/> exactly.</summary>
    private static string AnyLine(params string[] lines) => "^(" + string.Join("|", lines.Select(Regex.Escape)) + ")$";

    private static CorpusCleaning MakeAlice()
    {
        // Raw lines (clean_alice.jl's strip_gutenberg): the Gutenberg matter, then the transcriber's notes, correction lists,
        // separator lines and printer's colophons among the last 200 lines. The separator rule also ends the German and
        // Italian texts before their last section (the sister's dream), as in the paper.
        IReadOnlyList<CleaningRule> raw =
        [
            .. GutenbergRules,
            CleaningRule.EndAt(@"(?i)^\s*Nota del Trascrittore\s*$|^\s*Liste des modifications|^\s*\*\s+\*\s+\*\s+\*\s+\*\s*$|IMPRIMERIE|STAMPATORI",
                "end matter: transcriber's notes, correction lists, separator lines and printer's colophons near the end", withinLastLines: 200),
        ];
        // Normalised lines (reclean_alice.jl): illustration markers and short artifact lines.
        CleaningRule[] common =
        [
            CleaningRule.DropLines(AnyLine("illustration", "illustrazione"), "illustration markers"),
            CleaningRule.DropLines(AnyLine("contents", "table", "inhalt", "indice", "sisallys", "the end", "fin", "ende", "fine",
                "chapitre page", "cap page", "originally published in"), "tables of contents, end marks and other artifact lines"),
        ];
        TextCleaning Language(string language, CleaningRule start, CleaningRule? heading, string[] titles) => new("alice/" + language, raw,
        [
            start,
            .. heading is null ? [] : new[] { heading },
            CleaningRule.DropLines(AnyLine(titles), "chapter titles"),
            .. common,
        ]);
        const string storyStart = "the story starts at the first chapter heading (front matter and table of contents before it)";
        var languages = new Dictionary<string, TextCleaning>(StringComparer.Ordinal)
        {
            ["en"] = Language("en", CleaningRule.StartAt("^chapter [ivxlc]+$", storyStart, required: true),
                CleaningRule.DropLines("^chapter [ivxlc]+$", "chapter headings"),
                ["down the rabbithole", "the pool of tears", "a caucusrace and a long tale", "the rabbit sends in a little bill",
                 "advice from a caterpillar", "pig and pepper", "a mad teaparty", "the queens croquetground", "the mock turtles story",
                 "the lobster quadrille", "who stole the tarts", "alices evidence"]),
            ["fr"] = Language("fr", CleaningRule.StartAt("^chapitre premier$", storyStart, required: true),
                CleaningRule.DropLines("^chapitre ", "chapter headings"),
                ["au fond du terrier", "la mare aux larmes", "la course cocasse", "lhabitation du lapin blanc", "conseils dune chenille",
                 "porc et poivre", "un the de fous", "le croquet de la reine", "histoire de la faussetortue", "le quadrille de homards",
                 "qui a vole les tartes", "deposition dalice"]),
            ["de"] = Language("de", CleaningRule.StartAt("kapitel$", storyStart, required: true),
                CleaningRule.DropLines("kapitel$", "chapter headings"),
                ["hinunter in den kaninchenbau", "der thranenpfuhl", "caucusrennen und was daraus wird", "die wohnung des kaninchens",
                 "guter rath von einer raupe", "ferkel und pfeffer", "die tolle theegesellschaft", "das croquetfeld der konigin",
                 "die geschichte der falschen schildkrote", "das hummerballet", "wer hat die kuchen gestohlen", "alice ist die klugste"]),
            ["it"] = Language("it", CleaningRule.StartAt("^capitolo [ivxlc]+$", storyStart, required: true),
                CleaningRule.DropLines("^capitolo [ivxlc]+$", "chapter headings"),
                ["giu nella conigliera", "lo stagno di lagrime", "corsa arruffata e racconto con la coda", "la casettina del coniglio",
                 "consigli dun bruco", "porco e pepe", "un te di matti", "il croquet della regina", "storia della falsatestuggine",
                 "la contraddanza de gamberi", "chi ha rubato le torte", "testimonianza dalice"]),
            // Finnish has chapter titles but no "chapter" headings: the story starts at the second "Alhaalla kaninpesässä"
            // (the first is in the table of contents).
            ["fi"] = Language("fi", CleaningRule.StartAt("^alhaalla kaninpesassa$", "the story starts at the first chapter title after the table of contents",
                occurrence: 2, required: true), null,
                ["alhaalla kaninpesassa", "kyynellammikko", "vaalikilpajuoksu", "kanin kodissa", "kaalimato antaa hyvan neuvon",
                 "porsas ja pippuri", "hullu teeseura", "kuningattaren krokettikentta", "valekilpikonnan tarina", "meriayriaisen hyppy",
                 "kuka varasti leivokset", "liisan todistus"]),
        };
        return new CorpusCleaning("alice", new TextCleaning("alice", raw, common), languages.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static CorpusCleaning MakeDante()
    {
        const string start = "the text starts at the first verse (title pages, prefaces and table of contents before it)";
        var cantiche = CleaningRule.DropLines(@"^\s*(INFERNO|PURGATORIO|PARADISO)\s*$", "cantica headings");
        CleaningRule[] illustrations = [CleaningRule.DropLines(@"(?i)^\s*\[(Illustra|Grabado|Gravure|Ilustraci)", "illustration markers")];
        TextCleaning Language(string language, params CleaningRule[] rules) => new("dante/" + language, [.. GutenbergRules, .. rules, .. illustrations], []);
        var languages = new Dictionary<string, TextCleaning>(StringComparer.Ordinal)
        {
            ["it"] = Language("it",
                CleaningRule.StartAt(@"^\s*Nel mezzo del cammin", start, required: true),
                CleaningRule.DropLines(@"^\s*(Inferno|Purgatorio|Paradiso)\s*•\s*Canto\s+[IVXLC]+\s*$", "canto headings (\"Inferno • Canto I\")"),
                cantiche),
            ["en"] = Language("en",
                CleaningRule.StartAt(@"^\s*Midway upon the journey of our life", start, required: true),
                CleaningRule.EndAt(@"^\s*APPENDIX\s*$", "the text ends before Longfellow's appendix (his own sonnets on Dante)", required: true),
                CleaningRule.DropLines(@"^\s*(Inferno|Purgatorio|Paradiso):\s*Canto\s+[IVXLC]+\s*$", "canto headings (\"Inferno: Canto I\")"),
                CleaningRule.DropParagraphs(@"^\*\s", "Longfellow's footnote (his English for Arnaut Daniel's Provençal verses in Purgatorio XXVI)"),
                cantiche),
            ["de"] = Language("de",
                CleaningRule.StartAt(@"^\s*Auf halbem Weg des Menschenlebens", start, required: true),
                CleaningRule.DropLines(@"^\s*\p{Lu}\p{Ll}+\s+Gesang\s*$", "canto headings (\"Erster Gesang\")"),
                CleaningRule.DropLines(@"^\s*(Die Hölle|Das Fegefeuer|Das Paradies)\s*$", "cantica headings")),
            // Rivarol's prose Inferno: each chant is "CHANT …", an indented ARGUMENT, the prose, then NOTES on it.
            ["fr"] = Language("fr",
                CleaningRule.StartAt(@"^\s*J['’]étais au milieu", start, required: true),
                CleaningRule.DropSections(@"^\s*NOTES\s*$", @"^\s*ARGUMENT\.?\s*$", "the notes after each chant, up to the next chant's argument"),
                CleaningRule.DropSections(@"^\s*TABLE DES MATI", @"^\s*ARGUMENT\.?\s*$", "the tables of contents, up to the next chant's argument"),
                CleaningRule.DropSections(@"^\s*ARGUMENT\.?\s*$", @"^(?!  |\t)(?!\s*(?i:CHANT\s))(?!\s*SUR LE\b)\s*\S",
                    "the argument before each chant: its indented summary, up to the first unindented line of prose"),
                CleaningRule.DropLines(@"^\s*CHANT\s+(PREMIER|[IVXLC]+)\b", "chant headings"),
                CleaningRule.DropLines(@"^\s*L'ENFER\s*$", "title lines"),
                CleaningRule.EndAt(@"(?i)^\s*(Paris.*)?Imprimerie", "printer's colophon", withinLastLines: 50)),
        };
        var generic = new TextCleaning("dante", [.. GutenbergRules, .. illustrations,
            CleaningRule.DropLines(@"(?i)^\s*((Inferno|Purgatorio|Paradiso)\s*[•:]\s*)?Canto\s+[IVXLC]+\.?\s*$", "canto headings"), cantiche], []);
        return new CorpusCleaning("dante", generic, languages.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static CorpusCleaning MakeVoynich()
    {
        var cleaning = new TextCleaning("voynich",
        [
            CleaningRule.KeepLines(@"^(?!#).*;H>", "Takahashi's complete transcription: the data lines whose locator ends in ;H>"),
            CleaningRule.Replace("^[^>]*>", "", "the text after the locator <f1r.1,@P0;H>"),
            CleaningRule.Replace(@"\{[^}]*\}", "", "inline comments {…}"),
            CleaningRule.Replace("<[^>]*>", "", "inline markup <…>"),
            CleaningRule.Replace("[.,]", " ", "EVA word breaks . and , become spaces"),
            CleaningRule.Replace(@"[!?%\-=@'*]", "", "fillers and uncertain readings ! ? % - = @ ' *"),
            CleaningRule.Replace("[^a-z ]", "", "only the lowercase EVA letters a–z and the space"),
        ], []);
        return new CorpusCleaning("voynich", cleaning, FrozenDictionary<string, TextCleaning>.Empty);
    }
}
