using LmOrganisms.Evolution;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// One member of one generation, as a pure function of its <see cref="MemberTask"/>: heredity (the parent's weights,
/// and its Adam state unless reset), development (training on <c>recipe(trait)</c>), mutation (weight and trait noise),
/// and evaluation after each stage. Nothing global is read or written (no libtorch RNG, no shared state), so members run
/// concurrently and the result does not depend on the thread, the order or the machine.
/// </summary>
/// <remarks>Spec <c>task-ecologies.md</c> §1.12 (heredity, development, mutation), §3.6 (Exp3's offspring: copy with reset
/// Adam, 20 development steps, N(0, 0.001²) on every weight).</remarks>
public static class MemberStep
{
    /// <summary>
    /// Runs <paramref name="task"/>: builds the organism (the parent's copy, or a fresh one from the model seed), measures its
    /// risk, trains it with <see cref="MemberTask.Training"/> on <paramref name="recipe"/>(trait), measures again, adds weight
    /// noise and mutates the trait, measures the final risk and, when <paramref name="partition"/> is given, its separation
    /// summary. The trainer's own periodic evaluation is switched off (the risk evaluator measures).
    /// </summary>
    /// <param name="task">The member's inputs.</param>
    /// <param name="recipe">The development world for a trait value (called with the inherited trait); must be thread-safe.</param>
    /// <param name="risk">The risk evaluator (thread-safe and deterministic).</param>
    /// <param name="partition">Optional (k, s) of the mutated organism, e.g. from the Probing layer; must be thread-safe.</param>
    /// <param name="stage">Optional report of the stage being entered.</param>
    /// <param name="cancellationToken">Cancels between training steps and evaluation batches.</param>
    public static MemberResult Run(MemberTask task, Func<double, TrainingWorld> recipe, IRiskEvaluator risk,
        Func<Transformer, SeparationSummary>? partition = null, Action<PopulationStage>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipe);
        return Run(task, recipe(task.Trait), risk, partition, stage, cancellationToken);
    }

    /// <summary>Runs <paramref name="task"/> with an explicit training world (e.g. an initial world that is not the
    /// development recipe's); otherwise as <see cref="Run(MemberTask, Func{double, TrainingWorld}, IRiskEvaluator, Func{Transformer, SeparationSummary}?, Action{PopulationStage}?, CancellationToken)"/>.</summary>
    /// <param name="task">The member's inputs.</param>
    /// <param name="world">The world it trains on.</param>
    /// <param name="risk">The risk evaluator (thread-safe and deterministic).</param>
    /// <param name="partition">Optional (k, s) of the mutated organism; must be thread-safe.</param>
    /// <param name="stage">Optional report of the stage being entered.</param>
    /// <param name="cancellationToken">Cancels between training steps and evaluation batches.</param>
    public static MemberResult Run(MemberTask task, TrainingWorld world, IRiskEvaluator risk,
        Func<Transformer, SeparationSummary>? partition = null, Action<PopulationStage>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(risk);
        string source = $"member {task.Id} (generation {task.Generation})";
        var training = task.Training with { EvalInterval = 0, EvalSequences = 1 };
        if (world is null) throw new ArgumentException($"The recipe returned no world for trait {task.Trait} ({source}).", nameof(world));
        stage?.Invoke(task.ParentState is null ? PopulationStage.InitialTraining : PopulationStage.Development);

        Trainer trainer;
        if (task.ParentState is null)
        {
            var fresh = Transformer.Create(task.Config, task.ModelSeed);
            try
            {
                trainer = Trainer.Create(fresh, world, training);
            }
            catch
            {
                fresh.Dispose();
                throw;
            }
        }
        else
        {
            trainer = MemberState.Continue(MemberState.Read(task.ParentState, task.Config, source), world, training, inheritOptimizer: !task.ResetOptimizer);
        }
        var model = trainer.Model;
        try
        {
            double before = risk.Risk(model, cancellationToken);
            trainer.Run(trainer.Options.Steps, null, cancellationToken);
            double developed = training.Steps == 0 ? before : risk.Risk(model, cancellationToken);

            stage?.Invoke(PopulationStage.Mutation);
            WeightNoise.Apply(model, task.WeightNoise, task.WeightNoiseSeed);
            double trait = WeightNoise.MutateTrait(task.Trait, task.TraitNoise, task.TraitNoiseSeed, task.TraitClamp);
            double mutated = task.WeightNoise == 0 ? developed : risk.Risk(model, cancellationToken);
            var summary = partition?.Invoke(model);
            var state = MemberState.Capture(trainer, withMoments: !task.ResetOptimizer);
            return new MemberResult(task.Id, task.ParentId, task.Generation, task.Trait, trait, state, before, developed, mutated, summary);
        }
        finally
        {
            trainer.Dispose();
            model.Dispose();
        }
    }
}
