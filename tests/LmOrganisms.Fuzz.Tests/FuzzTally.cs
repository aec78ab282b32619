using System.Text;
using System.Text.RegularExpressions;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>
/// The contract every mutated input is held to: it loads (and then round-trips), or it is refused with the loader's
/// documented exception type whose message names the file and the field. Anything else is counted as "other" with the
/// input kept for the report.
/// </summary>
/// <param name="format">Names the format in the summary.</param>
/// <param name="refusal">The documented exception type (or a base of it for <see cref="ArgumentException"/>).</param>
/// <param name="fields">Words that locate the problem (field names, "line", "byte offset", "Tensor '"); one must appear.</param>
/// <param name="quotedNamesLocate">Whether any quoted name (a tensor or metadata key) counts as locating the field.</param>
internal sealed partial class FuzzTally(string format, Type refusal, IReadOnlyList<string> fields, bool quotedNamesLocate)
{
    private readonly Dictionary<string, int> byMutation = new(StringComparer.Ordinal);
    private readonly List<string> others = [];

    public int Inputs { get; private set; }
    public int Loaded { get; private set; }
    public int Refused { get; private set; }
    public int Other => others.Count;

    /// <summary>Runs <paramref name="load"/> on the input at <paramref name="path"/> and classifies the outcome.</summary>
    public void Run(string mutation, string path, Action load)
    {
        Inputs++;
        var first = mutation.Split(" + ")[0];
        byMutation[first] = byMutation.GetValueOrDefault(first) + 1;
        try
        {
            load();
            Loaded++;
        }
#pragma warning disable CA1031 // classifying every exception is the point
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (e.GetType() == refusal || (refusal == typeof(ArgumentException) && e is ArgumentException))
            {
                if (!e.Message.Contains(path, StringComparison.Ordinal)) others.Add(Describe(mutation, path, e, "the message does not name the file"));
                else if (!NamesAField(e.Message.Replace(path, "", StringComparison.Ordinal))) others.Add(Describe(mutation, path, e, "the message names no field"));
                else Refused++;
            }
            else others.Add(Describe(mutation, path, e, $"expected {refusal.Name}"));
        }
    }

    private bool NamesAField(string message) =>
        fields.Any(f => message.Contains(f, StringComparison.Ordinal)) || (quotedNamesLocate && Quoted().IsMatch(message));

    [GeneratedRegex("'[^']+'|\"[^\"]+\"")]
    private static partial Regex Quoted();

    private static string Describe(string mutation, string path, Exception e, string why)
    {
        var bytes = File.ReadAllBytes(path);
        var preview = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300)).ReplaceLineEndings(" ");
        return $"{mutation}: {why}: {e.GetType().Name}: {e.Message}\n    input {path} ({bytes.Length} bytes): {preview}";
    }

    /// <summary>"process: 700 inputs, 212 loaded, 488 refused, 0 other" and the inputs per (first) mutation.</summary>
    public string Summary() =>
        $"{format}: {Inputs} inputs, {Loaded} loaded, {Refused} refused, {Other} other ("
        + string.Join(", ", byMutation.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")) + ")";

    /// <summary>The first inputs that broke the contract.</summary>
    public string Failures(int max = 15) => string.Join("\n", others.Take(max));
}
