using System.Text;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The text preparation of the task-ecology paper (spec §3.1), for a user's own text: lower-case, whitespace collapsed to
/// single spaces, chunks of about <c>chunkLength</c> characters overlapping by 5 and cut at the last space when possible,
/// chunks with fewer than 3 letters dropped, spaces dropped from the tokens; a seeded held-out split per world.
/// </summary>
internal static class TextCorpus
{
    /// <summary>Overlap of consecutive chunks in characters (spec §3.1: 5).</summary>
    public const int Overlap = 5;

    /// <summary>The normalised text: lower-case (invariant culture), every run of whitespace replaced by one space, trimmed.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char ch in text)
        {
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>The chunks of the normalised <paramref name="text"/>, each with its spaces removed (the tokens of a chunk).</summary>
    public static IReadOnlyList<string> Chunks(string text, int chunkLength)
    {
        if (chunkLength <= Overlap + 1) throw new ArgumentException($"chunkLength {chunkLength} must exceed the overlap {Overlap} + 1.", nameof(chunkLength));
        var t = Normalise(text);
        var chunks = new List<string>();
        int i = 0;
        while (i < t.Length)
        {
            int end = Math.Min(i + chunkLength, t.Length);
            if (end < t.Length)
            {
                int cut = t.LastIndexOf(' ', end - 1, end - i);
                if (cut > i + chunkLength / 2) end = cut;
            }
            var chunk = t[i..end].Replace(" ", "", StringComparison.Ordinal);
            if (chunk.Length >= 3) chunks.Add(chunk);
            if (end >= t.Length) break;
            i = Math.Max(i + 1, end - Overlap);
        }
        return chunks;
    }

    /// <summary>A seeded split of <paramref name="chunks"/> into training and held-out chunks (Fisher–Yates shuffle with
    /// <c>new Random(seed)</c>, the first ⌈fraction·n⌉ held out; at least one of each when n ≥ 2).</summary>
    public static (IReadOnlyList<string> Train, IReadOnlyList<string> HeldOut) Split(IReadOnlyList<string> chunks, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count < 2) throw new ArgumentException($"There are {chunks.Count} chunks; a held-out split needs at least 2.", nameof(chunks));
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) throw new ArgumentException($"heldOutFraction is {heldOutFraction}; expected a value in (0, 1).", nameof(heldOutFraction));
        var order = Enumerable.Range(0, chunks.Count).ToArray();
        var rng = new Random(seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int held = Math.Clamp((int)Math.Ceiling(heldOutFraction * chunks.Count), 1, chunks.Count - 1);
        return (order.Skip(held).Select(k => chunks[k]).ToArray(), order.Take(held).Select(k => chunks[k]).ToArray());
    }
}
