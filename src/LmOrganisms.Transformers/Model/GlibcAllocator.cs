using System.Runtime.InteropServices;

namespace LmOrganisms.Transformers;

/// <summary>
/// Keeps glibc from returning libtorch's large tensor buffers to the kernel after every step. By default glibc serves
/// blocks above a dynamic threshold (128 KiB up to 32 MiB) with mmap and trims the heap top above 128 KiB, so a training
/// step that frees and re-allocates the same activation buffers pays munmap, mmap and a page fault per page every step;
/// measured on the 2-core build machine, 30 % of <c>lmo train</c>'s wall time was system time. On first use of a
/// <see cref="Transformer"/> on Linux with glibc this sets <c>M_MMAP_THRESHOLD</c> = 64 MiB and <c>M_TRIM_THRESHOLD</c>
/// = 256 MiB (process-wide <c>mallopt</c>; the same as <c>MALLOC_MMAP_THRESHOLD_=67108864
/// MALLOC_TRIM_THRESHOLD_=268435456</c> in the environment). Freed memory stays in the process heap for reuse, so the
/// resident size may stay up to the trim threshold above what is live. Nothing is changed when the environment variable
/// <c>LMO_GLIBC_MALLOC_TUNING</c> is <c>0</c>, when the user set <c>MALLOC_MMAP_THRESHOLD_</c>,
/// <c>MALLOC_TRIM_THRESHOLD_</c> or a malloc tunable in <c>GLIBC_TUNABLES</c> (their choice wins), or on other C libraries.
/// </summary>
internal static class GlibcAllocator
{
    /// <summary>The opt-out environment variable (<c>0</c> or <c>false</c> leaves glibc's defaults).</summary>
    internal const string OptOutVariable = "LMO_GLIBC_MALLOC_TUNING";

    /// <summary>Blocks of at least this many bytes are still served by mmap (64 MiB).</summary>
    internal const int MmapThreshold = 64 << 20;

    /// <summary>Free memory at the heap top beyond this many bytes is returned to the kernel (256 MiB).</summary>
    internal const int TrimThreshold = 256 << 20;

    private const int MTrimThreshold = -1, MMmapThreshold = -3;
    private static readonly Lazy<bool> Tuned = new(Tune, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when this process runs with the thresholds above (set by this class).</summary>
    internal static bool IsTuned => Tuned.Value;

    /// <summary>Applies the thresholds once per process (idempotent, thread-safe).</summary>
    internal static void EnsureTuned() => _ = Tuned.Value;

    /// <summary>Whether the environment leaves the choice to this class.</summary>
    internal static bool ShouldTune(Func<string, string?> environment)
    {
        if (environment(OptOutVariable) is { } optOut && (optOut.Trim() == "0" || optOut.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)))
            return false;
        if (environment("MALLOC_MMAP_THRESHOLD_") is not null || environment("MALLOC_TRIM_THRESHOLD_") is not null) return false;
        return environment("GLIBC_TUNABLES") is not { } tunables || !tunables.Contains("glibc.malloc.", StringComparison.Ordinal);
    }

    private static bool Tune()
    {
        if (!OperatingSystem.IsLinux() || !ShouldTune(Environment.GetEnvironmentVariable)) return false;
        try
        {
            _ = NativeMethods.gnu_get_libc_version();   // glibc only: musl has no such symbol
            return NativeMethods.mallopt(MMmapThreshold, MmapThreshold) == 1 & NativeMethods.mallopt(MTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int mallopt(int param, int value);

        [DllImport("libc.so.6", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern IntPtr gnu_get_libc_version();
    }
}
