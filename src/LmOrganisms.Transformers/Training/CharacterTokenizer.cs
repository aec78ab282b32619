namespace LmOrganisms.Transformers;

/// <summary>A character-level tokenizer: token i is the i-th distinct character of the training text in ordinal order.</summary>
public sealed class CharacterTokenizer
{
    private readonly char[] characters;
    private readonly Dictionary<char, int> index;

    /// <summary>The tokenizer over exactly <paramref name="alphabet"/> (distinct characters, in the given order).</summary>
    public CharacterTokenizer(IEnumerable<char> alphabet)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        characters = alphabet.ToArray();
        index = new Dictionary<char, int>();
        for (int i = 0; i < characters.Length; i++)
            if (!index.TryAdd(characters[i], i))
                throw new ArgumentException($"Character '{characters[i]}' appears twice in the alphabet (positions {index[characters[i]]} and {i}).", nameof(alphabet));
        if (characters.Length == 0) throw new ArgumentException("The alphabet is empty.", nameof(alphabet));
    }

    /// <summary>The tokenizer of the distinct characters of <paramref name="text"/>, sorted ordinally.</summary>
    public static CharacterTokenizer FromText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new CharacterTokenizer(text.Distinct().Order());
    }

    /// <summary>Vocabulary size.</summary>
    public int VocabularySize => characters.Length;

    /// <summary>The characters, token order.</summary>
    public IReadOnlyList<char> Characters => characters;

    /// <summary>Token indices of <paramref name="text"/>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            tokens[i] = index.TryGetValue(text[i], out var t) ? t
                : throw new ArgumentException($"Character '{text[i]}' at position {i} is not in the tokenizer's alphabet.", nameof(text));
        return tokens;
    }

    /// <summary>The text of <paramref name="tokens"/>.</summary>
    public string Decode(IEnumerable<int> tokens) => new(tokens.Select(t => characters[t]).ToArray());
}
