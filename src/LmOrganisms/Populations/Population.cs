using System.Runtime.ExceptionServices;
using LmOrganisms.Evolution;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// A Wright–Fisher population of trained organisms (task-ecology paper Sec. 5 and Exp3; spec <c>task-ecologies.md</c>
/// §1.12, §3.6): K transformers, each trained on the recipe's world for its trait; then per generation K parents drawn
/// with replacement ∝ fitness w = exp(−s R) (<see cref="WrightFisher.SampleParents"/>), offspring = copies (heredity),
/// a few training steps (development), weight and trait noise (mutation), and a <see cref="GenerationRecord"/> with the
/// stage-wise changes and the exact selection-stage moments (<see cref="SelectionStage.Statistics"/>).
/// </summary>
/// <remarks>
/// Members run concurrently (<see cref="PopulationOptions.MaxParallelism"/>) as pure <see cref="MemberStep"/>s; results are
/// the same bit for bit for any degree of parallelism. libtorch's intra-op thread count is global: with several members at
/// once, pin it (<c>torch.set_num_threads(1)</c>) to avoid oversubscribing the cores. While members run concurrently the
/// .NET finalizer thread is held (TorchSharp 0.107 frees temporary scalars from finalizers while other threads may still be
/// using them); callbacks must not call <see cref="GC.WaitForPendingFinalizers"/>. With a
/// <see cref="PopulationOptions.StateDirectory"/> the state is written after every generation and
/// <see cref="Resume"/> continues a stopped run exactly as if it had not stopped.
/// </remarks>
public static class Population
{
    /// <summary>Runs a population from scratch (see the type's summary).</summary>
    /// <param name="options">The run's options (validated).</param>
    /// <param name="recipe">The development (and initial training) world for a trait value; called concurrently.</param>
    /// <param name="risk">The risk evaluator (thread-safe, deterministic), e.g. <see cref="HeldOutCrossEntropy"/>.</param>
    /// <param name="progress">Per-member and per-generation progress (reported from worker threads).</param>
    /// <param name="cancellationToken">Stops the run; a state directory then keeps the last complete generation.</param>
    /// <param name="partition">Optional separation summary (k, s) of every member (e.g. from <c>InducedPartitionAnalysis</c>); called concurrently.</param>
    /// <exception cref="ArgumentException">Invalid options, or the state directory already holds a run (use <see cref="Resume"/>).</exception>
    public static PopulationRun Run(PopulationOptions options, Func<double, TrainingWorld> recipe, IRiskEvaluator risk,
        IProgress<PopulationProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<Transformer, SeparationSummary>? partition = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return Run(options, new OrganismRecipe(recipe), risk, progress, cancellationToken, partition);
    }

    /// <summary>Runs a population from scratch with a recipe whose initial training may use other worlds than development
    /// (see <see cref="OrganismRecipe"/>); otherwise as <see cref="Run(PopulationOptions, Func{double, TrainingWorld}, IRiskEvaluator, IProgress{PopulationProgress}?, CancellationToken, Func{Transformer, SeparationSummary}?)"/>.</summary>
    /// <param name="options">The run's options (validated).</param>
    /// <param name="recipe">Development and initial worlds; called concurrently.</param>
    /// <param name="risk">The risk evaluator (thread-safe, deterministic).</param>
    /// <param name="progress">Per-member and per-generation progress (reported from worker threads).</param>
    /// <param name="cancellationToken">Stops the run; a state directory then keeps the last complete generation.</param>
    /// <param name="partition">Optional separation summary (k, s) of every member; called concurrently.</param>
    public static PopulationRun Run(PopulationOptions options, OrganismRecipe recipe, IRiskEvaluator risk,
        IProgress<PopulationProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<Transformer, SeparationSummary>? partition = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(risk);
        options.Validate();
        if (options.StateDirectory is { } dir && PopulationStore.Exists(dir))
            throw new ArgumentException($"The state directory '{dir}' already holds a population run ({PopulationStore.StateFile}); continue it with Population.Resume or choose an empty directory.", nameof(options));
        int k = options.Size;
        var tasks = Enumerable.Range(0, k).Select(i => new MemberTask(
            Id: i, ParentId: null, Generation: 0, Trait: options.InitialTrait(i), Config: options.Config,
            ModelSeed: PopulationSeeds.Derive(options.Seed, PopulationSeeds.ModelInit, 0, i), ParentState: null,
            Training: options.InitialTraining with { Seed = PopulationSeeds.Derive(options.Seed, PopulationSeeds.InitialData, 0, i) },
            ResetOptimizer: options.ResetOptimizer, WeightNoise: 0, WeightNoiseSeed: 0, TraitNoise: 0, TraitNoiseSeed: 0,
            TraitClamp: options.TraitClamp)).ToArray();
        var results = RunMembers(tasks, options, t => t.ParentState is null ? recipe.InitialWorld(t.Id, t.Trait) : recipe.Development(t.Trait), risk, partition, progress, cancellationToken);
        var initial = results.Select(r => Record(r, options)).ToArray();
        var members = results.Select(r => new Organism(r.Id, r.ParentId, r.Generation, r.Trait, r.Risk, r.State)).ToArray();
        Save(options, 0, initial, [], members, progress);
        return Evolve(options, initial, [], members, recipe.Development, risk, partition, progress, cancellationToken);
    }

    /// <summary>
    /// Continues the run saved in <paramref name="directory"/> (its options, records and members) up to its
    /// <see cref="PopulationOptions.Generations"/>; the result equals that of an uninterrupted run bit for bit. Pass the same
    /// recipe, risk evaluator and partition function as the original run.
    /// </summary>
    /// <param name="directory">The run's <see cref="PopulationOptions.StateDirectory"/>.</param>
    /// <param name="recipe">The same recipe as the original run.</param>
    /// <param name="risk">The same risk evaluator.</param>
    /// <param name="progress">Progress.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="partition">The same partition function (or null).</param>
    /// <param name="maxParallelism">Members at once for the rest of the run; null = the saved value (never changes results).</param>
    /// <exception cref="ArgumentException">The directory holds no population state, or a member file is missing.</exception>
    public static PopulationRun Resume(string directory, Func<double, TrainingWorld> recipe, IRiskEvaluator risk,
        IProgress<PopulationProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<Transformer, SeparationSummary>? partition = null, int? maxParallelism = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(risk);
        var (snapshot, members) = PopulationStore.Load(directory);
        var options = snapshot.Options with { StateDirectory = directory, MaxParallelism = maxParallelism ?? snapshot.Options.MaxParallelism };
        options.Validate();
        if (snapshot.Generations.Count != snapshot.CompletedGenerations)
            throw new ArgumentException($"'{directory}' records {snapshot.Generations.Count} generations but claims {snapshot.CompletedGenerations} complete; the state is inconsistent.", nameof(directory));
        return Evolve(options, snapshot.InitialMembers, snapshot.Generations, members, recipe, risk, partition, progress, cancellationToken);
    }

    /// <summary>
    /// Continues an in-memory run (e.g. one returned by <see cref="Run(PopulationOptions, Func{double, TrainingWorld}, IRiskEvaluator, IProgress{PopulationProgress}?, CancellationToken, Func{Transformer, SeparationSummary}?)"/>)
    /// up to <paramref name="generations"/> generations in all, from its last generation and members; the result equals a
    /// run made with that many generations from the start, bit for bit. With a state directory in the run's options the
    /// new generations are saved there too.
    /// </summary>
    /// <param name="run">The run to continue (its options, records and members with their states).</param>
    /// <param name="generations">Total generations G after continuing (at least the run's completed generations).</param>
    /// <param name="recipe">The same development recipe as the run.</param>
    /// <param name="risk">The same risk evaluator.</param>
    /// <param name="progress">Progress.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="partition">The same partition function (or null).</param>
    /// <param name="maxParallelism">Members at once; null = the run's value (never changes results).</param>
    /// <exception cref="ArgumentException"><paramref name="generations"/> is below the completed generations.</exception>
    public static PopulationRun Continue(PopulationRun run, int generations, Func<double, TrainingWorld> recipe, IRiskEvaluator risk,
        IProgress<PopulationProgress>? progress = null, CancellationToken cancellationToken = default,
        Func<Transformer, SeparationSummary>? partition = null, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(risk);
        if (generations < run.Generations.Count)
            throw new ArgumentException($"The run already has {run.Generations.Count} generations; cannot continue it to {generations}.", nameof(generations));
        var options = run.Options with { Generations = generations, MaxParallelism = maxParallelism ?? run.Options.MaxParallelism };
        options.Validate();
        return Evolve(options, run.InitialMembers, run.Generations, run.Members.ToArray(), recipe, risk, partition, progress, cancellationToken);
    }

    private static PopulationRun Evolve(PopulationOptions options, IReadOnlyList<MemberRecord> initial, IReadOnlyList<GenerationRecord> done,
        Organism[] members, Func<double, TrainingWorld> recipe, IRiskEvaluator risk, Func<Transformer, SeparationSummary>? partition,
        IProgress<PopulationProgress>? progress, CancellationToken cancellationToken)
    {
        var records = done.ToList();
        var current = records.Count > 0 ? records[^1].Members : initial;
        for (int g = records.Count + 1; g <= options.Generations; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = Generation(g, options, current, members, recipe, risk, partition, progress, cancellationToken, out members);
            records.Add(record);
            current = record.Members;
            Save(options, g, initial, records, members, progress);
        }
        return new PopulationRun(options, initial, records, members);
    }

    private static GenerationRecord Generation(int g, PopulationOptions options, IReadOnlyList<MemberRecord> previous, Organism[] parents,
        Func<double, TrainingWorld> recipe, IRiskEvaluator risk, Func<Transformer, SeparationSummary>? partition,
        IProgress<PopulationProgress>? progress, CancellationToken cancellationToken, out Organism[] offspring)
    {
        int k = options.Size;
        var risks = previous.Select(m => m.Risk).ToArray();
        var fitness = previous.Select(m => m.Fitness).ToArray();
        var traits = previous.Select(m => m.Trait).ToArray();
        var drawn = WrightFisher.SampleParents(fitness, k, PopulationSeeds.Derive(options.Seed, PopulationSeeds.Selection, g, 0));
        var selection = SelectionStage.Statistics(risks, fitness, k);
        double observed = SelectionStage.ObservedChange(risks, drawn);
        var tasks = Enumerable.Range(0, k).Select(i =>
        {
            var parent = parents[drawn[i]];
            return new MemberTask(
                Id: (g * k) + i, ParentId: parent.Id, Generation: g, Trait: parent.Trait, Config: options.Config, ModelSeed: 0,
                ParentState: parent.State,
                Training: options.Development with { Seed = PopulationSeeds.Derive(options.Seed, PopulationSeeds.DevelopmentData, g, i) },
                ResetOptimizer: options.ResetOptimizer,
                WeightNoise: options.WeightNoise, WeightNoiseSeed: PopulationSeeds.Derive(options.Seed, PopulationSeeds.WeightNoise, g, i),
                TraitNoise: options.TraitNoise, TraitNoiseSeed: PopulationSeeds.Derive(options.Seed, PopulationSeeds.TraitNoise, g, i),
                TraitClamp: options.TraitClamp);
        }).ToArray();
        var results = RunMembers(tasks, options, t => recipe(t.Trait), risk, partition, progress, cancellationToken);
        var members = results.Select(r => Record(r, options)).ToArray();
        offspring = results.Select(r => new Organism(r.Id, r.ParentId, r.Generation, r.Trait, r.Risk, r.State)).ToArray();
        double rBar = risks.Average(), aBar = traits.Average();
        double rSel = drawn.Average(i => risks[i]), aSel = drawn.Average(i => traits[i]);
        double rCopy = members.Average(m => m.RiskBeforeDevelopment), rDev = members.Average(m => m.RiskAfterDevelopment);
        double rNext = members.Average(m => m.Risk);
        bool partitioned = members.All(m => m.Partition is not null);
        return new GenerationRecord(
            Generation: g, Members: members, ParentIndices: drawn,
            PreviousMeanRisk: rBar, PreviousMeanTrait: aBar, PreviousMeanFitness: fitness.Average(),
            SelectedMeanRisk: rSel, SelectedMeanTrait: aSel,
            MeanRiskBeforeDevelopment: rCopy, MeanRiskAfterDevelopment: rDev, MeanRisk: rNext,
            MeanTrait: members.Average(m => m.Trait), MeanFitness: members.Average(m => m.Fitness),
            SelectionChange: observed, DevelopmentChange: rDev - rCopy, MutationChange: rNext - rDev,
            Selection: selection, ZScore: selection.HasSpread ? selection.ZScore(observed) : null,
            MeanClasses: partitioned ? members.Average(m => m.Partition!.Classes) : null,
            MeanSeparatedPairs: partitioned ? members.Average(m => m.Partition!.SeparatedPairs) : null);
    }

    private static MemberRecord Record(MemberResult r, PopulationOptions options) => new(
        r.Id, r.ParentId, r.Generation, r.ParentTrait, r.Trait, r.RiskBeforeDevelopment, r.RiskAfterDevelopment, r.Risk,
        options.FitnessOf(r.Risk), r.Partition);

    private static MemberResult[] RunMembers(MemberTask[] tasks, PopulationOptions options, Func<MemberTask, TrainingWorld> world,
        IRiskEvaluator risk, Func<Transformer, SeparationSummary>? partition, IProgress<PopulationProgress>? progress, CancellationToken cancellationToken)
    {
        var results = new MemberResult[tasks.Length];
        int completed = 0;
        // Several members at once: park the finalizer thread so that TorchSharp's temporary scalars cannot be freed while
        // another thread is inside libtorch (FinalizerPause explains the race); they are freed when the generation ends.
        using var pause = options.MaxParallelism > 1 && tasks.Length > 1 ? FinalizerPause.Enter(TimeSpan.FromSeconds(30)) : null;
        int degree = pause is { Active: false } ? 1 : options.MaxParallelism;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, tasks.Length, parallel, i =>
            {
                var task = tasks[i];
                void Report(PopulationStage stage, int done) =>
                    progress?.Report(new PopulationProgress(task.Generation, i, stage, done, options.Size, options.Generations));
                results[i] = MemberStep.Run(task, world(task), risk, partition, stage => Report(stage, Volatile.Read(ref completed)), cancellationToken);
                Report(PopulationStage.Done, Interlocked.Increment(ref completed));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            var inner = e.InnerExceptions.FirstOrDefault(x => x is OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        return results;
    }

    private static void Save(PopulationOptions options, int generation, IReadOnlyList<MemberRecord> initial,
        IReadOnlyList<GenerationRecord> records, Organism[] members, IProgress<PopulationProgress>? progress)
    {
        if (options.StateDirectory is { } dir) PopulationStore.Save(dir, options, generation, initial, records, members);
        progress?.Report(new PopulationProgress(generation, -1, PopulationStage.GenerationSaved, options.Size, options.Size, options.Generations));
    }
}
