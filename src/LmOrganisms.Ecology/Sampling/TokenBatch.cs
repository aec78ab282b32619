using LmOrganisms.Ecology;
namespace LmOrganisms;

/// <summary>
/// A compact batch of token sequences of equal length: one row per sequence, row-major in <see cref="Tokens"/>
/// (<c>Tokens[row * Length + position]</c>). This is the layout the belief filters and the transformer trainer use.
/// </summary>
public sealed class TokenBatch
{
    /// <summary>Wraps an existing row-major token array (not copied).</summary>
    public TokenBatch(int[] tokens, int count, int length)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (tokens.Length != (long)count * length)
            throw new ArgumentException($"The token array has {tokens.Length} entries, expected count × length = {count} × {length}.", nameof(tokens));
        Tokens = tokens;
        Count = count;
        Length = length;
    }

    /// <summary>All tokens, row-major.</summary>
    public int[] Tokens { get; }

    /// <summary>Number of sequences (rows).</summary>
    public int Count { get; }

    /// <summary>Tokens per sequence.</summary>
    public int Length { get; }

    /// <summary>The token at <paramref name="position"/> of sequence <paramref name="row"/>.</summary>
    public int this[int row, int position] => Tokens[row * Length + position];

    /// <summary>One sequence.</summary>
    public ReadOnlySpan<int> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return Tokens.AsSpan(row * Length, Length);
    }

    /// <summary>The sequences as separate arrays (copies).</summary>
    public int[][] ToArrays()
    {
        var result = new int[Count][];
        for (int r = 0; r < Count; r++) result[r] = Row(r).ToArray();
        return result;
    }
}
