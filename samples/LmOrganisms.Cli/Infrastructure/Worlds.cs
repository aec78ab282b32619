using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>Resolves the tool's world arguments: a catalog name (with optional parameters) or a JSON file.</summary>
public static class Worlds
{
    /// <summary>A process from a catalog name such as <c>mess3</c> or <c>mess3:0.15,0.6</c>, or from a <c>.json</c> file.</summary>
    public static HiddenMarkovProcess Process(string nameOrFile)
    {
        if (nameOrFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrFile))
        {
            if (!File.Exists(nameOrFile)) throw new FileNotFoundException($"Process file '{nameOrFile}' does not exist.");
            return HiddenMarkovProcess.Load(nameOrFile);
        }
        return Processes.FromName(nameOrFile);
    }

    /// <summary>A finite ecology from a JSON file.</summary>
    public static FiniteEcology Ecology(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"Ecology file '{file}' does not exist.");
        return FiniteEcology.Load(file);
    }
}
