using System.Text.Json.Serialization;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Options of <see cref="StaticOptimalityExperiment"/> (task-ecology spec §3.4 Exp1 on hidden-Markov worlds, and on text).
/// Run (T, i) initialises with Seed·100 + 10·i + T and samples data with Seed·100 + 10·i + T + 50000; the paper trains
/// 5 seeds per condition for 15,000 steps at batch 1 with peak learning rate 0.008.
/// </summary>
internal sealed record StaticOptimalityOptions : OrganismEcologyOptions
{
    /// <summary>Quick defaults: 2 seeds per condition; the other shared options keep their defaults.</summary>
    public StaticOptimalityOptions() => Seeds = 2;

    /// <summary>The conditions: organisms are trained on the first T worlds of <see cref="OrganismWorlds.All"/> (paper: 1, 2, 3, 5).</summary>
    public IReadOnlyList<int> WorldCounts { get; init; } = [1, 2, 3, 5];

    /// <summary>Organism width (see <see cref="OrganismPresets.Tiny"/>).</summary>
    public int DModel { get; init; } = 16;

    /// <summary>Optional text worlds (a corpus, one language per world; --corpus DIR): the same conditions T are run on its
    /// first T languages, measured with the empirical prefix ecology of their held-out chunks (spec §3.2); null = process
    /// worlds only. Its chunking and split are the corpus's own (<see cref="TextCorpusOptions"/>). Not written to report.json.</summary>
    [JsonIgnore]
    public TextCorpus? Corpus { get; init; }

    /// <summary>The corpus in one line (name, cleaning, languages), for report.json; null without a corpus.</summary>
    public string? CorpusSummary => Corpus?.ToString();

    /// <summary>Prefix lengths r of the text measurement (paper: 3, 5, 8).</summary>
    public IReadOnlyList<int> PrefixLengths { get; init; } = [3, 5, 8];

    /// <summary>Quick defaults: 2 seeds, 1,000 steps of 16 sequences, width 16, 256 warm-ups of 10 tokens, contexts up to length 2.</summary>
    public static StaticOptimalityOptions Quick { get; } = new();

    /// <summary>Full scale: 5 seeds (as the paper), 6,000 steps of 32 sequences, 1,024 warm-ups.</summary>
    public static StaticOptimalityOptions Full { get; } = new() { Seeds = 5, Steps = 6000, BatchSize = 32, Warmups = 1024 };

    /// <inheritdoc/>
    protected override void CheckOptions()
    {
        base.CheckOptions();
        Require(WorldCounts is { Count: > 0 } && WorldCounts.All(t => t >= 1 && t <= OrganismWorlds.All.Count), WorldCounts,
            $"must be world counts between 1 and {OrganismWorlds.All.Count}");
        AtLeast(DModel, 1);
        Require(PrefixLengths is { Count: > 0 } && PrefixLengths.All(r => r >= 1 && r < ModelContext), PrefixLengths,
            "must be prefix lengths between 1 and the model context − 1");
    }
}
