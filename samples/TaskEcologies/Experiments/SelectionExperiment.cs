using LmOrganisms.Populations;
using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The paper's Exp3, a Wright–Fisher population of organisms (task-ecology paper Sec. 5; spec §1.12, §3.6, §4.10) on
/// process worlds (<see cref="OrganismWorlds"/>) instead of languages: K tiny organisms, each first trained briefly on one
/// random world; every generation K parents are drawn with replacement ∝ exp(−R) with R the world-balanced held-out CE
/// (<see cref="HeldOutCrossEntropy"/>), offspring copy their parent (fresh optimiser), develop a few steps on the
/// balanced mixture of worlds and receive weight noise σ (<see cref="Population"/>). Every member's induced partition
/// (k, s) is measured on the exact ecology of the worlds (<see cref="InducedPartitionAnalysis"/>, cheap settings), and the
/// selection stage of every generation is compared with its exact conditional law (<see cref="SelectionStage"/>).
/// </summary>
internal static class SelectionExperiment
{
    /// <summary>Short name used in progress reports and output folders.</summary>
    public const string Name = "exp4-selection";

    /// <summary>Runs the experiment.</summary>
    public static SelectionResult Run(SelectionOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var worlds = options.Worlds.Select(OrganismWorlds.ByName).ToArray();
        int n = options.Context, k = options.Size, g = options.Generations;
        var config = OrganismPresets.Tiny(worlds[0].AlphabetSize, contextLength: n);
        var ecology = FiniteEcology.FromProcesses(worlds, options.PartitionContextLength);
        var balanced = TrainingWorld.FromProcesses(worlds);
        var single = worlds.Select(TrainingWorld.FromProcess).ToArray();
        var runs = new List<SelectionRun>();
        for (int r = 0; r < options.RunSeeds.Count; r++)
        {
            int seed = options.RunSeeds[r];
            var rng = new Random(seed);
            var initialWorld = Enumerable.Range(0, k).Select(_ => rng.Next(worlds.Length)).ToArray();
            var risk = HeldOutCrossEntropy.FromProcesses(worlds, options.HeldOutSequences, n + 1, seed + 10_000, batchSize: 64);
            var recipe = new OrganismRecipe(_ => balanced, (member, _) => single[initialWorld[member]]);
            var population = new PopulationOptions
            {
                Size = k,
                Generations = g,
                Seed = seed,
                Config = config,
                InitialTraining = OrganismPresets.TinyTraining(options.InitialSteps, seed, 0.008, options.BatchSize) with { SequenceLength = n },
                Development = OrganismPresets.TinyTraining(options.DevelopmentSteps, seed, 0.005, options.BatchSize)
                    with { SequenceLength = n, Schedule = LearningRateSchedule.Constant },
                ResetOptimizer = true,
                WeightNoise = options.WeightNoise,
                TraitNoise = 0,
                MaxParallelism = options.MaxParallelism,
            };
            var analysis = new InducedPartitionAnalysis
            {
                Behaviour = new WorldBehaviour { WarmupLength = options.WarmupLength, Warmups = options.Warmups, Seed = seed },
                Seed = seed,
            };
            SeparationSummary Partition(Transformer model) =>
                analysis.Fit(model.AsSequenceModel(64), worlds, ecology, cancellationToken).Summary;
            string stage = $"run {r + 1}/{options.RunSeeds.Count} (seed {seed})";
            var relay = progress is null ? null : new SyncProgress<PopulationProgress>(p => progress.Report(new ExperimentProgress(Name,
                $"{stage}: generation {p.Generation}/{g}", (p.Generation * k) + p.CompletedMembers, (g + 1) * k)));
            var run = Population.Run(population, recipe, risk, relay, cancellationToken, Partition);
            runs.Add(new SelectionRun(seed, initialWorld.Select(i => worlds[i].Name).ToArray(), run.InitialMembers, run.Generations, run.MeanRisks,
                [run.InitialMembers.Average(m => m.Partition!.Classes), .. run.Generations.Select(x => x.MeanClasses ?? double.NaN)],
                run.Generations.Sum(x => x.SelectionChange), run.Generations.Sum(x => x.DevelopmentChange), run.Generations.Sum(x => x.MutationChange)));
        }
        var records = runs.SelectMany(x => x.Generations).ToArray();
        var diagnostics = SelectionStage.Diagnose(records.Select(x => x.Selection).ToArray(), records.Select(x => x.SelectionChange).ToArray());
        var z = records.Where(x => x.ZScore is not null).Select(x => x.ZScore!.Value).ToArray();
        progress?.Report(new ExperimentProgress(Name, "done", (g + 1) * k, (g + 1) * k));
        return new SelectionResult(options, runs, diagnostics, z, clock.Elapsed.TotalSeconds);
    }
}
