using System.Runtime.InteropServices;

namespace LmOrganisms.Ecology;

/// <summary>
/// What a path names, read with <c>stat</c> before anything opens it (opening a FIFO blocks until a writer appears;
/// reading <c>/dev/zero</c> never ends). On Unix the type comes from the .NET runtime's own native shim
/// (<c>SystemNative_Stat</c>, the call behind <see cref="File.Exists"/>); elsewhere, or if the shim is unavailable, only
/// missing paths and directories are told apart and everything else counts as a regular file (readers still stop at
/// their size limit).
/// </summary>
internal static class FileKind
{
    /// <summary>The kinds of file-system entries.</summary>
    public enum Kind { Missing, Regular, Directory, CharacterDevice, BlockDevice, Fifo, Socket, Other }

    private const int TypeMask = 0xF000;

    /// <summary>The kind of <paramref name="path"/> (symbolic links followed) and its size in bytes (0 unless regular).</summary>
    public static (Kind Kind, long Size) Of(string path)
    {
        if (Native.Stat(path) is { } status) return status;
        if (Directory.Exists(path)) return (Kind.Directory, 0);
        if (!File.Exists(path)) return (Kind.Missing, 0);
        return (Kind.Regular, new FileInfo(path).Length);
    }

    /// <summary>"a directory", "a character device", … for messages.</summary>
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Missing => "missing",
        Kind.Regular => "a regular file",
        Kind.Directory => "a directory",
        Kind.CharacterDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Fifo => "a FIFO (named pipe)",
        Kind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static Kind FromMode(int mode) => (mode & TypeMask) switch
    {
        0x8000 => Kind.Regular,
        0x4000 => Kind.Directory,
        0x2000 => Kind.CharacterDevice,
        0x6000 => Kind.BlockDevice,
        0x1000 => Kind.Fifo,
        0xC000 => Kind.Socket,
        _ => Kind.Other,
    };

    private static class Native
    {
        // The runtime's FileStatus starts with int32 Flags, int32 Mode, uint32 Uid, uint32 Gid, int64 Size (stable since
        // .NET Core 1.0); the buffer is larger than the whole struct.
        private const int BufferBytes = 512;
        private const int ModeOffset = 4;
        private const int SizeOffset = 16;
        private const int NoSuchFile = 2;   // ENOENT
        private const int NotADirectory = 20; // ENOTDIR
        private static bool unavailable = !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD();

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] output);

        public static (Kind, long)? Stat(string path)
        {
            if (unavailable) return null;
            var buffer = new byte[BufferBytes];
            int rc;
            try
            {
                rc = SystemNativeStat(path, buffer);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                unavailable = true;
                return null;
            }
            if (rc != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno is NoSuchFile or NotADirectory ? (Kind.Missing, 0) : null;
            }
            var kind = FromMode(BitConverter.ToInt32(buffer, ModeOffset));
            return (kind, kind == Kind.Regular ? BitConverter.ToInt64(buffer, SizeOffset) : 0);
        }
    }
}
