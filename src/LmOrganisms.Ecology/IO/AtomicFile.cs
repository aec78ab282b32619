using System.Diagnostics;
using System.Globalization;

namespace LmOrganisms.Ecology;

/// <summary>
/// Writes files atomically: the content goes to a temporary file <c>.NAME.PID.GUID.tmp</c> in the same folder, is
/// flushed to disk, and then replaces the target in one rename. A crash or exception mid-write leaves the previous file
/// (or none) in place, never a half-written one. A process killed mid-write (kill -9) leaves its temporary behind; the
/// next write of the same target, or <see cref="RemoveStaleTemporaries"/>, deletes the temporaries of processes that no
/// longer run. The target must be a new path or a regular file: a directory, device (<c>/dev/full</c>), FIFO or socket
/// is refused rather than replaced.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException"><paramref name="path"/> exists and is not a regular file, or the write failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var (kind, _) = FileKind.Of(full);
        if (kind is not (FileKind.Kind.Missing or FileKind.Kind.Regular))
            throw new IOException($"Cannot write '{path}': it is {FileKind.Describe(kind)}; the target of a write must be a new path or a regular file.");
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        RemoveStale(dir, $".{Path.GetFileName(full)}.*{TemporarySuffix}");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Writes UTF-8 text to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            w.Write(text);
        });
    }

    /// <summary>Writes bytes to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>
    /// Deletes the temporaries (<c>.NAME.PID.GUID.tmp</c>) that writers killed mid-write left in
    /// <paramref name="directory"/>: those whose process no longer runs. Temporaries of running processes are kept.
    /// </summary>
    /// <param name="directory">The folder (nothing happens when it does not exist).</param>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Directory.Exists(directory) ? RemoveStale(directory, "*" + TemporarySuffix) : [];
    }

    private static List<string> RemoveStale(string directory, string pattern)
    {
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, pattern))
        {
            if (WriterProcess(Path.GetFileName(file)) is not int pid || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
                removed.Add(file);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    // The PID in ".NAME.PID.GUID.tmp" (32 hex digits for the GUID), or null for any other name.
    private static int? WriterProcess(string name)
    {
        if (!name.StartsWith('.') || !name.EndsWith(TemporarySuffix, StringComparison.Ordinal)) return null;
        var parts = name[..^TemporarySuffix.Length].Split('.');
        if (parts.Length < 4 || parts[^1].Length != 32 || !parts[^1].All(char.IsAsciiHexDigit)) return null;
        return int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
