using System.Diagnostics;

namespace LmOrganisms.Ecology.Tests;

/// <summary>Makes a FIFO with mkfifo(1) (also compiled into the CLI tests).</summary>
internal static class Fifo
{
    public static bool TryCreate(string path)
    {
        try
        {
            var info = new ProcessStartInfo("mkfifo") { UseShellExecute = false };
            info.ArgumentList.Add(path);
            using var mkfifo = Process.Start(info);
            if (mkfifo is null) return false;
            mkfifo.WaitForExit();
            return mkfifo.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
