namespace LmOrganisms.Fuzz.Tests;

/// <summary>Mutations of raw bytes: bit flips, truncation, insertion, deletion, duplication, invalid UTF-8.</summary>
internal static class ByteMutations
{
    // Invalid UTF-8: a lone continuation byte, bytes never used, an overlong '/', a truncated 3-byte sequence, an encoded
    // surrogate, a code point above U+10FFFF.
    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xFF], [0xFE], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3, 0x28],
    ];

    public static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] All =
    [
        ("bit flip", BitFlip),
        ("bit flips", (b, r) => BitFlip(BitFlip(BitFlip(b, r), r), r)),
        ("truncation", (b, r) => b[..r.Next(b.Length)]),
        ("byte insertion", (b, r) => Insert(b, r.Next(b.Length + 1), [(byte)r.Next(256)])),
        ("byte deletion", Delete),
        ("chunk duplication", Duplicate),
        ("invalid UTF-8", (b, r) => Insert(b, r.Next(b.Length + 1), InvalidUtf8[r.Next(InvalidUtf8.Length)])),
        ("byte overwrite", (b, r) => Overwrite(b, r, (byte)r.Next(256))),
        ("trailing garbage", (b, r) => [.. b, .. RandomBytes(r, 1 + r.Next(16))]),
    ];

    public static byte[] BitFlip(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
        return copy;
    }

    public static byte[] Insert(byte[] bytes, int at, byte[] what) => [.. bytes.AsSpan(0, at), .. what, .. bytes.AsSpan(at)];

    private static byte[] Delete(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0) return bytes;
        int at = rng.Next(bytes.Length), n = 1 + rng.Next(Math.Min(8, bytes.Length - at));
        return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + n)];
    }

    private static byte[] Duplicate(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0) return bytes;
        int at = rng.Next(bytes.Length), n = 1 + rng.Next(Math.Min(32, bytes.Length - at));
        return Insert(bytes, at, bytes[at..(at + n)]);
    }

    private static byte[] Overwrite(byte[] bytes, Random rng, byte value)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[rng.Next(copy.Length)] = value;
        return copy;
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
