using System.Globalization;

namespace LmOrganisms.Ecology;

/// <summary>
/// Refuses work whose memory is known up front to exceed what this process can have: the estimate is compared with
/// <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> (physical memory, or the container's limit) before anything is
/// allocated, and the refusal states both (docs/reliability.md).
/// </summary>
public static class MemoryBudget
{
    /// <summary>The memory available to this process in bytes (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Throws when <paramref name="bytes"/> (an estimate; may be huge or infinite) exceeds <see cref="AvailableBytes"/>.
    /// </summary>
    /// <param name="bytes">The estimated memory of the work, in bytes.</param>
    /// <param name="what">The work and how the estimate is made, e.g. "count × length = 1 × 2,147,483,647 tokens at 4 bytes each".</param>
    /// <param name="paramName">The parameter that sets the size.</param>
    /// <exception cref="ArgumentException">The estimate exceeds the available memory (the message gives both).</exception>
    public static void Require(double bytes, string what, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(what);
        long available = AvailableBytes;
        if (double.IsNaN(bytes) || bytes > available)
            throw new ArgumentException(
                $"{what}: about {Format(bytes)}, more than the {Format(available)} of memory available to this process; refused before starting.",
                paramName);
    }

    /// <summary>A size in bytes for messages: "812 bytes", "3.4 MiB", "8.0 GiB", "2.1e+03 TiB".</summary>
    public static string Format(double bytes)
    {
        if (double.IsNaN(bytes) || double.IsInfinity(bytes)) return "an unbounded amount";
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1)
        {
            bytes /= 1024;
            u++;
        }
        return u == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0##} {units[u]}");
    }
}
