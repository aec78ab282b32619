using LmOrganisms.Evolution;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// The on-disk state of a population run: <c>population.json</c> (options, last complete generation, every record, the
/// current members' ids, traits and risks) and <c>members/&lt;id&gt;.safetensors</c> (their states). Member files are
/// written first, then <c>population.json</c> (atomically), then files of members no longer alive are deleted, so an
/// interruption at any point leaves the last complete generation readable.
/// </summary>
internal static class PopulationStore
{
    public const string StateFile = "population.json";
    public const string MembersFolder = "members";
    private const string Format = "lmorganisms.population";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    internal sealed record Snapshot(
        string Format, int Version, PopulationOptions Options, int CompletedGenerations,
        IReadOnlyList<MemberRecord> InitialMembers, IReadOnlyList<GenerationRecord> Generations, IReadOnlyList<MemberEntry> Members);

    internal sealed record MemberEntry(int Id, int? ParentId, int Generation, double Trait, double Risk);

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFile));

    public static void Save(string directory, PopulationOptions options, int completed, IReadOnlyList<MemberRecord> initial,
        IReadOnlyList<GenerationRecord> generations, IReadOnlyList<Organism> members)
    {
        var folder = Path.Combine(directory, MembersFolder);
        Directory.CreateDirectory(folder);
        foreach (var m in members) AtomicFile.WriteAllBytes(MemberPath(directory, m.Id), m.State);
        var snapshot = new Snapshot(Format, 1, options, completed, initial, generations,
            members.Select(m => new MemberEntry(m.Id, m.ParentId, m.Generation, m.Trait, m.Risk)).ToArray());
        AtomicFile.WriteAllText(Path.Combine(directory, StateFile), JsonSerializer.Serialize(snapshot, Json));
        var alive = members.Select(m => Path.GetFileName(MemberPath(directory, m.Id))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.safetensors"))
            if (!alive.Contains(Path.GetFileName(file))) File.Delete(file);
    }

    public static (Snapshot Snapshot, Organism[] Members) Load(string directory)
    {
        var path = Path.Combine(directory, StateFile);
        if (!File.Exists(path))
            throw new ArgumentException($"'{directory}' holds no {StateFile}; it is not the state directory of a population run.", nameof(directory));
        Snapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<Snapshot>(InputFile.ReadAllText(path, InputFile.MaxJsonBytes, "population state"), Json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ArgumentException($"'{path}' is not a valid population state: {e.Message}", nameof(directory), e);
        }
        if (snapshot is null || snapshot.Format != Format)
            throw new ArgumentException($"'{path}' is not a population state (format '{snapshot?.Format}', expected '{Format}').", nameof(directory));
        var members = snapshot.Members.Select(m =>
        {
            var file = MemberPath(directory, m.Id);
            if (!File.Exists(file))
                throw new ArgumentException($"'{path}' lists member {m.Id} but its state '{file}' is missing.", nameof(directory));
            return new Organism(m.Id, m.ParentId, m.Generation, m.Trait, m.Risk, InputFile.ReadAllBytes(file, Safetensors.MaxFileBytes, "member state"));
        }).ToArray();
        return (snapshot, members);
    }

    public static string MemberPath(string directory, int id)
        => Path.Combine(directory, MembersFolder, id.ToString(CultureInfo.InvariantCulture) + ".safetensors");
}
