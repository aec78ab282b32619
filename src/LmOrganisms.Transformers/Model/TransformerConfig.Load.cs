namespace LmOrganisms;

public sealed partial record TransformerConfig
{
    /// <summary>Largest configuration file read (1 MiB; a configuration has a few hundred bytes).</summary>
    private const long MaxFileBytes = 1L << 20;

    /// <summary>
    /// Reads a configuration file: ours (<see cref="ToJson"/>, as <c>lmo train</c> writes <c>config.json</c>) or a
    /// TransformerLens <c>HookedTransformerConfig</c> (JSON with <c>n_layers</c>, such as the belief-geometry paper's
    /// <c>train_config.json</c>; see <see cref="FromTransformerLens"/>).
    /// </summary>
    /// <param name="path">A JSON file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file is too large or not a valid configuration; the message names the
    /// file and the field.</exception>
    public static TransformerConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"Configuration file '{path}' does not exist.", path);
        if (info.Length > MaxFileBytes)
            throw new ArgumentException($"Configuration file '{path}' has {info.Length} bytes; a configuration has a few hundred (at most {MaxFileBytes} are read).", nameof(path));
        var json = File.ReadAllText(path);
        try
        {
            return json.Contains("\"n_layers\"", StringComparison.Ordinal) ? FromTransformerLens(json) : FromJson(json);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Configuration file '{path}' is invalid: {e.Message}", nameof(path), e);
        }
    }
}
