using System.Globalization;

namespace LmOrganisms.Ecology;

/// <summary>
/// A character-level tokenizer: token i is the i-th character of its alphabet. With a begin-of-sequence token
/// (<see cref="WithBos"/>, task-ecology spec §3.1) the BOS token comes after the characters (id = number of
/// characters, the paper's id 27 after 26 letters, 1-based) and <see cref="EncodeChunk"/> frames a chunk of text as
/// <c>[BOS, letters…, BOS]</c> with its spaces not tokenised.
/// </summary>
public sealed class CharacterTokenizer
{
    /// <summary>The name of the BOS token in <see cref="Vocabulary"/>.</summary>
    public const string BosName = "<bos>";

    private readonly char[] characters;
    private readonly Dictionary<char, int> index;
    private readonly string[] vocabulary;

    /// <summary>The tokenizer over exactly <paramref name="alphabet"/> (distinct characters, in the given order), without BOS.</summary>
    public CharacterTokenizer(IEnumerable<char> alphabet) : this(alphabet, bos: false, nameof(alphabet))
    {
    }

    private CharacterTokenizer(IEnumerable<char> alphabet, bool bos, string paramName)
    {
        ArgumentNullException.ThrowIfNull(alphabet, paramName);
        characters = alphabet.ToArray();
        index = new Dictionary<char, int>();
        for (int i = 0; i < characters.Length; i++)
            if (!index.TryAdd(characters[i], i))
                throw new ArgumentException($"Character '{Show(characters[i])}' appears twice in the alphabet (positions {index[characters[i]]} and {i}).", paramName);
        if (characters.Length == 0) throw new ArgumentException("The alphabet is empty.", paramName);
        Bos = bos ? characters.Length : null;
        vocabulary = characters.Select(c => c.ToString()).Concat(bos ? [BosName] : []).ToArray();
    }

    /// <summary>The tokenizer of the distinct characters of <paramref name="text"/>, sorted ordinally (no BOS).</summary>
    public static CharacterTokenizer FromText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new CharacterTokenizer(text.Distinct().Order());
    }

    /// <summary>
    /// The tokenizer of the task-ecology paper (spec §3.1): <paramref name="letters"/> (distinct, in the given order; the
    /// paper sorts the letters that occur in its corpora) followed by one BOS token. The space is not a token.
    /// </summary>
    /// <exception cref="ArgumentException">A letter repeats, the list is empty or holds a space.</exception>
    public static CharacterTokenizer WithBos(IEnumerable<char> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var list = letters.ToArray();
        if (Array.IndexOf(list, ' ') >= 0)
            throw new ArgumentException("The letters of a BOS tokenizer include the space; spaces are not tokenised.", nameof(letters));
        return new CharacterTokenizer(list, bos: true, nameof(letters));
    }

    /// <summary>Vocabulary size: the characters, plus one when there is a BOS token.</summary>
    public int VocabularySize => vocabulary.Length;

    /// <summary>The characters, token order (without BOS).</summary>
    public IReadOnlyList<char> Characters => characters;

    /// <summary>The BOS token id (= the number of characters), or null when the tokenizer has none.</summary>
    public int? Bos { get; }

    /// <summary>The token names, token order: each character as a string, then <see cref="BosName"/> when there is a BOS
    /// token (the vocabulary of <c>FiniteEcology.FromPrefixes</c>).</summary>
    public IReadOnlyList<string> Vocabulary => vocabulary;

    /// <summary>The token of <paramref name="character"/>, or −1 when it is not in the alphabet.</summary>
    public int TokenOf(char character) => index.TryGetValue(character, out int t) ? t : -1;

    /// <summary>Token indices of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the alphabet (the message gives it and its position).</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            tokens[i] = index.TryGetValue(text[i], out var t) ? t
                : throw new ArgumentException($"Character '{Show(text[i])}' at position {i} is not in the tokenizer's alphabet.", nameof(text));
        return tokens;
    }

    /// <summary>
    /// A chunk of text as the paper's training sequence <c>[BOS, t₁, …, tₙ, BOS]</c>: the tokens of its characters with the
    /// spaces skipped (spec §3.1). Needs a tokenizer <see cref="WithBos"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tokenizer has no BOS token.</exception>
    /// <exception cref="ArgumentException">A character other than the space is not in the alphabet.</exception>
    public int[] EncodeChunk(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        int bos = Bos ?? throw new InvalidOperationException("EncodeChunk needs a tokenizer with a BOS token (CharacterTokenizer.WithBos).");
        int letters = 0;
        foreach (char c in chunk)
            if (c != ' ') letters++;
        var tokens = new int[letters + 2];
        tokens[0] = bos;
        int k = 1;
        for (int i = 0; i < chunk.Length; i++)
        {
            char c = chunk[i];
            if (c == ' ') continue;
            tokens[k++] = index.TryGetValue(c, out int t) ? t
                : throw new ArgumentException($"Character '{Show(c)}' at position {i} is not in the tokenizer's alphabet ({Alphabet()}).", nameof(chunk));
        }
        tokens[k] = bos;
        return tokens;
    }

    /// <summary>The text of <paramref name="tokens"/>; the BOS token decodes to nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token is outside the vocabulary.</exception>
    public string Decode(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var sb = new System.Text.StringBuilder();
        foreach (int t in tokens)
        {
            if (t == Bos) continue;
            if ((uint)t >= (uint)characters.Length)
                throw new ArgumentOutOfRangeException(nameof(tokens), t, $"Token {t} is outside the vocabulary of {VocabularySize} tokens.");
            sb.Append(characters[t]);
        }
        return sb.ToString();
    }

    /// <summary>The alphabet as one string for messages (control characters escaped).</summary>
    internal string Alphabet() => string.Concat(characters.Select(Show));

    /// <summary>A character for a message: printable as itself, otherwise as <c>\uXXXX</c>.</summary>
    internal static string Show(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) && c != ' '
            ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : c.ToString();
}
