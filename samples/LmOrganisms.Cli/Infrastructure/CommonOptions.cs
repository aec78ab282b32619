using System.CommandLine;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>Options shared by every command.</summary>
public static class CommonOptions
{
    /// <summary>A fresh <c>--json</c> option: machine-readable output on stdout and nothing else there.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON to stdout (and nothing else there)." };
}
