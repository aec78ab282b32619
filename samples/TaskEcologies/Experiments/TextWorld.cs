using System.Text.Json.Serialization;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>A world given by a user's own text (task-ecology spec §3.1: one corpus per world state, e.g. one language).</summary>
/// <param name="Name">The world's name (e.g. "en").</param>
/// <param name="Text">Its text; it is lower-cased, whitespace is collapsed and chunked (see <see cref="TextCorpus"/>). Not written
/// to report.json.</param>
internal sealed record TextWorld(string Name, [property: JsonIgnore] string Text);
