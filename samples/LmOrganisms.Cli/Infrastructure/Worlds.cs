using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// Resolves the tool's world arguments: a catalog name (with optional parameters) or a JSON file. Files go through the
/// library loaders (regular files only, size limit, strict UTF-8; docs/reliability.md).
/// </summary>
public static class Worlds
{
    /// <summary>
    /// A process from a catalog name such as <c>mess3</c> or <c>mess3:0.15,0.6</c>, or from a <c>.json</c> file (any
    /// argument ending in .json, or naming an existing file or device). Every command samples from the
    /// stationary process, so a process without a unique stationary distribution is refused here.
    /// </summary>
    public static HiddenMarkovProcess Process(string nameOrFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrFile);
        var process = IsPath(nameOrFile) ? HiddenMarkovProcess.Load(nameOrFile) : Processes.FromName(nameOrFile);
        try
        {
            _ = process.StationaryDistribution;
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(IsPath(nameOrFile) ? $"Process file '{nameOrFile}': {e.Message}" : e.Message, e);
        }
        return process;
    }

    /// <summary>A finite ecology from a JSON file.</summary>
    public static FiniteEcology Ecology(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        return FiniteEcology.Load(file);
    }

    /// <summary>True when the argument names a file rather than a catalog entry: it ends in .json or a file (or device)
    /// exists there.</summary>
    public static bool IsPath(string nameOrFile) =>
        nameOrFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrFile);
}
