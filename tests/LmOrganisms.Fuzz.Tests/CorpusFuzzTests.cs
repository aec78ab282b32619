using System.Text;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>
/// Corpus files (issue 15 part 5) under the fuzz contract: a mutated text either loads as a corpus (and gives an
/// empirical prefix ecology), or is refused with <see cref="ArgumentException"/> (content: empty, binary, no letters,
/// too short, a required cleaning rule finding nothing) or <see cref="FormatException"/> (invalid UTF-8) whose message is
/// one line naming the file. Half the inputs are read with the Alice rules (folder "alice"), half as plain text.
/// </summary>
[NonParallelizable]
public sealed class CorpusFuzzTests
{
    private static readonly int Inputs = FuzzSettings.PerFormat;
    private static readonly int SeedOffset = FuzzSettings.SeedOffset;

    private const string Excerpt =
        "Contents\n\n CHAPTER I.     Down the Rabbit-Hole\n CHAPTER II.    The Pool of Tears\n\n\nCHAPTER I.\nDown the Rabbit-Hole\n\n\n" +
        "Alice was beginning to get very tired of sitting by her sister on the\nbank, and of having nothing to do: once or twice she had peeped into\n" +
        "the book her sister was reading, but it had no pictures or\nconversations in it, “and what is the use of a book,” thought Alice\n" +
        "“without pictures or conversations?”\n\n[Illustration]\n\nSo she was considering in her own mind (as well as she could, for the\n" +
        "hot day made her feel very sleepy and stupid), whether the pleasure of\nmaking a daisy-chain would be worth the trouble of getting up and\n" +
        "picking the daisies, when suddenly a White Rabbit with pink eyes ran\nclose by her.\n\nCHAPTER II.\nThe Pool of Tears\n\n" +
        "“Curiouser and curiouser!” cried Alice (she was so much surprised, that\nfor the moment she quite forgot how to speak good English).\n\nTHE END\n";

    private static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] TextMutations =
    [
        ("NUL byte", (b, r) => ByteMutations.Insert(b, r.Next(b.Length + 1), [0])),
        ("byte-order mark", (b, _) => [0xEF, 0xBB, 0xBF, .. b]),
        ("UTF-16", (b, _) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b))]),
        ("no heading", (b, _) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("CHAPTER", "Chapitre", StringComparison.Ordinal))),
        ("Greek", (b, r) => Encoding.UTF8.GetBytes(new string(Encoding.UTF8.GetString(b).Select(c => char.IsLetter(c) && r.Next(2) == 0 ? 'ψ' : c).ToArray()))),
        ("only punctuation", (b, _) => Encoding.UTF8.GetBytes(new string(Encoding.UTF8.GetString(b).Select(c => char.IsLetter(c) ? '—' : c).ToArray()))),
        ("short", (b, r) => b[..r.Next(Math.Min(b.Length, 200))]),
        ("CR line ends", (b, _) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace('\n', '\r'))),
        ("control characters", (b, r) => ByteMutations.Insert(b, r.Next(b.Length + 1), [(byte)r.Next(1, 32)])),
    ];

    [Test]
    public void Mutated_corpus_files_load_or_are_refused_in_one_line_naming_the_file()
    {
        var rng = new Random(15_001 + SeedOffset);
        var seed = Encoding.UTF8.GetBytes(Excerpt);
        int loaded = 0, refused = 0;
        var other = new List<string>();
        var root = Directory.CreateTempSubdirectory("lmo-corpus-fuzz-").FullName;
        try
        {
            for (int i = 0; i < Inputs; i++)
            {
                var (name, apply) = rng.Next(2) == 0 ? ByteMutations.All[rng.Next(ByteMutations.All.Length)] : TextMutations[rng.Next(TextMutations.Length)];
                var bytes = apply(seed, rng);
                if (rng.Next(4) == 0) bytes = ByteMutations.All[rng.Next(ByteMutations.All.Length)].Apply(bytes, rng);
                var folder = Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? "alice" : "texts");
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, "en.txt");
                File.WriteAllBytes(path, bytes);
                try
                {
                    var corpus = TextCorpus.Load(folder, TextCorpusOptions.Default with { ChunkLength = 12, Overlap = 2 });
                    _ = FiniteEcology.FromCorpus(corpus, [0]);
                    loaded++;
                }
#pragma warning disable CA1031 // classifying every exception is the point
                catch (Exception e)
#pragma warning restore CA1031
                {
                    bool documented = e is ArgumentException or FormatException;
                    if (documented && e.Message.Contains(path, StringComparison.Ordinal) && !e.Message.Contains('\n', StringComparison.Ordinal)) refused++;
                    else other.Add($"{name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        TestContext.Out.WriteLine($"corpus files: {Inputs} inputs, {loaded} loaded, {refused} refused, {other.Count} other");
        Assert.That(other, Is.Empty, string.Join("\n", other.Take(15)));
        Assert.That(loaded, Is.GreaterThan(0));
        Assert.That(refused, Is.GreaterThan(0));
    }
}
