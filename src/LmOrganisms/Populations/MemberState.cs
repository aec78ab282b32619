using LmOrganisms.Evolution;
namespace LmOrganisms.Populations;

/// <summary>
/// A member's state is a <see cref="TrainerState"/> in its byte encoding (<see cref="TrainerState.ToBytes"/>): the
/// weights, and with inherited optimiser state the Adam moments and the step counter, so inherited optimiser state
/// continues exactly as the trainer itself would. Everything stays in memory.
/// </summary>
internal static class MemberState
{
    /// <summary>The state <paramref name="trainer"/> leaves: its exported state, without the Adam moments unless
    /// <paramref name="withMoments"/>.</summary>
    public static byte[] Capture(Trainer trainer, bool withMoments)
    {
        var state = trainer.ExportState();
        return (withMoments ? state : state with { FirstMoments = null, SecondMoments = null }).ToBytes();
    }

    /// <summary>Decodes a member's state and checks that it was made with the population's <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a valid state, or its configuration differs; the message
    /// names <paramref name="source"/>.</exception>
    public static TrainerState Read(byte[] bytes, TransformerConfig config, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var state = TrainerState.FromBytes(bytes, source);
        if (state.Config != config)
            throw new ArgumentException($"The state of {source} was made with configuration {state.Config.ToJson()}; the population's configuration is {config.ToJson()}.", nameof(bytes));
        return state;
    }

    /// <summary>
    /// A trainer for <paramref name="training"/>.Steps more steps on <paramref name="world"/> from <paramref name="parent"/>:
    /// continuing its Adam moments and step counter t when <paramref name="inheritOptimizer"/> and the state has them;
    /// otherwise a fresh optimiser at t = 0 (zero moments) on its weights.
    /// </summary>
    public static Trainer Continue(TrainerState parent, TrainingWorld world, TrainingOptions training, bool inheritOptimizer)
    {
        var state = inheritOptimizer && parent.FirstMoments is not null
            ? parent with { WorldName = world.Name, Options = training with { Steps = parent.Step + training.Steps } }
            : parent with { WorldName = world.Name, Options = training, Step = 0, FirstMoments = null, SecondMoments = null, Losses = [], Evaluations = [] };
        return Trainer.Restore(state, world);
    }
}
