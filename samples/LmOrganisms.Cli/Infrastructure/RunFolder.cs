using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.Ecology;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// The output folder of <c>lmo train</c> and its completeness. Every file is written atomically, and the marker
/// <see cref="Marker"/> (the files and their sizes) is written last: a folder without it was interrupted (for example
/// killed during the final writes) and <c>lmo probe --run</c> refuses it, naming what is missing. Starting a run deletes
/// the old marker first and removes the temporaries that killed writers left (docs/reliability.md).
/// </summary>
public static class RunFolder
{
    /// <summary>The trainer checkpoint (weights, Adam moments, step, losses).</summary>
    public const string Checkpoint = "checkpoint.safetensors";

    /// <summary>The weights with TransformerLens names and the configuration in the metadata.</summary>
    public const string Weights = "weights.safetensors";

    /// <summary>The configuration JSON.</summary>
    public const string Config = "config.json";

    /// <summary>Loss curve and final evaluation.</summary>
    public const string Metrics = "metrics.json";

    /// <summary>The completion marker, written after every other file.</summary>
    public const string Marker = "complete.json";

    /// <summary>The files of a complete run, in the order they are written (the marker last).</summary>
    public static readonly string[] Files = [Checkpoint, Weights, Config, Metrics];

    /// <summary>
    /// Prepares <paramref name="directory"/> for a run: creates it, removes the temporaries of writers that no longer run
    /// and deletes an old completion marker (the folder is incomplete until <see cref="Complete"/>).
    /// </summary>
    /// <returns>The stale temporaries removed.</returns>
    public static IReadOnlyList<string> Begin(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (File.Exists(directory)) throw new IOException($"--out '{directory}' exists and is not a folder; the output of a run is a folder.");
        Directory.CreateDirectory(directory);
        var removed = AtomicFile.RemoveStaleTemporaries(directory);
        File.Delete(Path.Combine(directory, Marker));
        return removed;
    }

    /// <summary>Writes the completion marker (after every file of <see cref="Files"/> has been written).</summary>
    public static void Complete(string directory)
    {
        var files = new JsonObject();
        foreach (var name in Files)
        {
            var info = new FileInfo(Path.Combine(directory, name));
            if (!info.Exists) throw new InvalidOperationException($"Run folder '{directory}' lacks {name} after its final writes.");
            files[name] = info.Length;
        }
        AtomicFile.WriteAllText(Path.Combine(directory, Marker),
            new JsonObject { ["complete"] = true, ["files"] = files }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Checks that <paramref name="directory"/> holds a complete run: the marker, and every file it lists with the size it
    /// lists. The message of the refusal says what is missing or different and how to recover.
    /// </summary>
    /// <exception cref="ArgumentException">The folder is incomplete or inconsistent.</exception>
    public static void CheckComplete(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var present = Files.Where(f => File.Exists(Path.Combine(directory, f))).ToArray();
        var missing = Files.Except(present).ToArray();
        var markerPath = Path.Combine(directory, Marker);
        if (!File.Exists(markerPath))
            throw new ArgumentException(
                $"Run folder '{directory}' is incomplete: it has no {Marker}, which 'lmo train' writes after its last file, so the run was "
                + $"interrupted or not written by 'lmo train'. Present: {List(present)}; missing: {List(missing)}. Rerun 'lmo train --out {directory}'"
                + (present.Contains(Weights) ? $", or probe the weights file itself with --run {Path.Combine(directory, Weights)}." : "."));
        JsonObject files;
        try
        {
            files = (JsonNode.Parse(InputFile.ReadAllText(markerPath, InputFile.MaxJsonBytes, "completion marker"))?["files"] as JsonObject)
                ?? throw new FormatException("field \"files\" is missing or not an object");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Run folder '{directory}': {Marker} is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Run folder '{directory}': {Marker}: {e.Message}", e);
        }
        foreach (var name in Files)
        {
            var info = new FileInfo(Path.Combine(directory, name));
            long? expected = files[name] is JsonValue v && v.TryGetValue<long>(out var size) ? size : null;
            if (!info.Exists)
                throw new ArgumentException($"Run folder '{directory}' is missing {name}, which its {Marker} lists; present: {List(present)}. Rerun 'lmo train --out {directory}'.");
            if (expected is long e2 && e2 != info.Length)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Run folder '{directory}': {name} has {info.Length} bytes but {Marker} lists {e2}; the folder was changed after the run. Rerun 'lmo train --out {directory}'."));
        }
    }

    private static string List(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
