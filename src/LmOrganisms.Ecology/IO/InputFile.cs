using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace LmOrganisms.Ecology;

/// <summary>
/// Reads the files LmOrganisms loads (process and ecology JSON, safetensors, configurations), refusing what is not one:
/// the path must name a regular file (not a directory, device such as <c>/dev/zero</c>, FIFO or socket; checked before
/// anything opens it), no larger than a size limit, and text must be strict UTF-8. Errors name the file
/// (docs/reliability.md).
/// </summary>
public static class InputFile
{
    /// <summary>Size limit of a JSON file (process, ecology, configuration): 64 MiB.</summary>
    public const long MaxJsonBytes = 64L << 20;

    /// <summary>
    /// Reads a whole file. Refuses a path that does not name a regular file, a file larger than
    /// <paramref name="maxBytes"/>, and a file that grows past it while being read.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest accepted size in bytes (at most <see cref="Array.MaxLength"/>).</param>
    /// <param name="what">What the file is, for messages ("process file", "safetensors file").</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The path is a directory, device, FIFO or socket, the file is larger than the limit, or
    /// it cannot be read; the message names the file.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(what);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, (long)Array.MaxLength);
        long size = CheckRegularFile(path, what);
        if (size > maxBytes) throw TooLarge(path, what, $"{size:N0} bytes", maxBytes);
        byte[] buffer;
        int filled;
        try
        {
            (buffer, filled) = ReadUpTo(path, size, maxBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not FileNotFoundException)
        {
            throw new IOException($"Cannot read {what} '{path}': {e.Message}", e);
        }
        // The file grew while being read, or its type could not be told and it is a stream.
        if (filled > maxBytes) throw TooLarge(path, what, $"more than {maxBytes:N0} bytes", maxBytes);
        if (filled != buffer.Length) Array.Resize(ref buffer, filled);
        return buffer;
    }

    // Reads at most `cap` bytes (the buffer starts at the size stat reported and grows only if the file does).
    private static (byte[] Buffer, int Filled) ReadUpTo(string path, long size, long cap)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(Math.Max(size, 4096), cap)];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled >= cap) return (buffer, filled);
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, cap));
            }
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0) return (buffer, filled);
            filled += read;
        }
    }

    /// <summary>
    /// Reads a whole file as strict UTF-8 text (a leading byte-order mark is dropped). Invalid UTF-8 is refused with the
    /// byte offset of the first bad sequence, never replaced by U+FFFD.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest accepted size in bytes.</param>
    /// <param name="what">What the file is, for messages ("process file").</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">As <see cref="ReadAllBytes"/>.</exception>
    /// <exception cref="FormatException">The file is not valid UTF-8 (the message names the file and the byte offset).</exception>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        var bytes = ReadAllBytes(path, maxBytes, what);
        return DecodeUtf8(bytes, $"{what} '{path}'");
    }

    /// <summary>
    /// Decodes strict UTF-8 (a leading byte-order mark is dropped).
    /// </summary>
    /// <param name="bytes">The encoded text.</param>
    /// <param name="source">Names the origin in the message ("process file 'p.json'").</param>
    /// <exception cref="FormatException">The bytes are not valid UTF-8; the message gives the byte offset.</exception>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string source)
    {
        int bad = InvalidUtf8Offset(bytes);
        if (bad >= 0)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"{Capitalised(source)} is not valid UTF-8: invalid byte 0x{bytes[bad]:X2} at byte offset {bad}."));
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The byte offset of the first invalid UTF-8 sequence in <paramref name="bytes"/>, or −1 when they are valid.</summary>
    public static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return -1;
        int offset = 0;
        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                var status = Utf8.ToUtf16(bytes[offset..], chars, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status != OperationStatus.DestinationTooSmall) return status == OperationStatus.Done ? -1 : offset;
            }
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> names an existing regular file without opening it, and returns its size.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for messages.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The path is a directory, device, FIFO or socket.</exception>
    public static long CheckRegularFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (kind, size) = FileKind.Of(path);
        return kind switch
        {
            FileKind.Kind.Regular => size,
            FileKind.Kind.Missing => throw new FileNotFoundException($"{Capitalised(what)} '{path}' does not exist.", path),
            _ => throw new IOException($"{Capitalised(what)} '{path}' is {FileKind.Describe(kind)}, not a regular file; only regular files are read."),
        };
    }

    private static IOException TooLarge(string path, string what, FormattableString size, long maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{Capitalised(what)} '{path}' has {size.ToString(CultureInfo.InvariantCulture)}; the limit for a {what} is {maxBytes:N0} bytes (docs/reliability.md)."));

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
