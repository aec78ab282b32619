namespace LmOrganisms.Ecology;

/// <summary>
/// The task-ecology paper's chunking of a cleaned text (spec §3.1, its <c>chunk_text</c>): windows of
/// <c>length</c> characters that overlap by <c>overlap</c>, each cut back to just after the last space before its hard end
/// when that space is not the window's first character and the cut window is longer than the overlap; near the end of
/// the text, where at most <c>overlap</c> characters remain after a window, the next window starts right after it
/// (no overlap), so no tiny fragment repeats; windows shorter than <c>minLength</c> characters are dropped. Chunks keep
/// their spaces (the tokenizer skips them).
/// </summary>
public static class TextChunker
{
    /// <summary>The paper's window length: 30 characters.</summary>
    public const int PaperLength = 30;

    /// <summary>The paper's overlap: 5 characters.</summary>
    public const int PaperOverlap = 5;

    /// <summary>The paper's shortest kept chunk: 3 characters.</summary>
    public const int PaperMinLength = 3;

    /// <summary>The chunks of <paramref name="text"/> in text order.</summary>
    /// <param name="text">A cleaned text (see <see cref="LetterNormalisation.Text"/>; any string is accepted).</param>
    /// <param name="length">Window length in characters, at least 1.</param>
    /// <param name="overlap">Overlap in characters, 0 ≤ overlap &lt; length.</param>
    /// <param name="minLength">Chunks shorter than this are dropped (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static IReadOnlyList<string> Chunks(string text, int length = PaperLength, int overlap = PaperOverlap, int minLength = PaperMinLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        if (overlap >= length)
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"The overlap ({overlap}) must be shorter than the chunk length ({length}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        var chunks = new List<string>(text.Length / Math.Max(1, length - overlap) + 1);
        int n = text.Length, start = 0;
        while (start < n)
        {
            int end = Math.Min(start + length, n);              // exclusive hard end
            if (end < n)
            {
                // The last space of the window (a space before the window could never pass the test below).
                int space = text.LastIndexOf(' ', end - 1, end - start);
                if (space > start && space - start + 1 > overlap) end = space + 1;
            }
            if (end - start >= minLength) chunks.Add(text[start..end]);
            int next = end - (n - end > overlap ? overlap : 0);
            start = Math.Max(next, start + 1);
        }
        return chunks;
    }
}
