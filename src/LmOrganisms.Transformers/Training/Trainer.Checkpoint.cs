using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms;

public sealed partial class Trainer
{
    /// <summary>
    /// The trainer's state now, copied to managed memory: the configuration, options, world name, step, weights, Adam
    /// moments, loss history and evaluations (see <see cref="TrainerState"/>). <see cref="Restore"/> turns it back into a
    /// trainer that continues exactly as this one would.
    /// </summary>
    public TrainerState ExportState()
    {
        var precision = state.Length > 0 ? state[0].Parameter.dtype : torch.ScalarType.Float32;
        return new TrainerState
        {
            Config = Model.Config,
            Options = Options,
            WorldName = World.Name,
            Step = Step,
            Precision = precision,
            Weights = state.ToDictionary(s => s.Name, s => TensorValues.FromTensor(s.Parameter), StringComparer.Ordinal),
            FirstMoments = state.ToDictionary(s => s.Name, s => TensorValues.FromTensor(s.M), StringComparer.Ordinal),
            SecondMoments = state.ToDictionary(s => s.Name, s => TensorValues.FromTensor(s.V), StringComparer.Ordinal),
            Losses = losses.ToArray(),
            Evaluations = evaluations.ToArray(),
        };
    }

    /// <summary>
    /// A trainer continuing <paramref name="state"/> on <paramref name="world"/>: a new model with the state's weights (and
    /// precision), moved to the options' device, the Adam moments (zero when the state has none), the step, the losses
    /// and the evaluations. Continuing it gives exactly the losses and weights of an uninterrupted run. The world is not
    /// part of the state (it may be a large corpus): pass the same one. The trainer's <see cref="Model"/> is new; dispose
    /// it after the trainer.
    /// </summary>
    /// <param name="state">The state to continue (validated).</param>
    /// <param name="world">The world; its name must equal <see cref="TrainerState.WorldName"/> (to continue deliberately
    /// on another world, restore <c>state with { WorldName = world.Name }</c>).</param>
    /// <exception cref="ArgumentException">The state is invalid, or the world's name differs from the state's.</exception>
    public static Trainer Restore(TrainerState state, TrainingWorld world) => RestoreWithEngine(state, world, useEngine: true);

    /// <summary><see cref="Restore(TrainerState, TrainingWorld)"/>, choosing the path (see
    /// <see cref="CreateWithEngine"/>).</summary>
    internal static Trainer RestoreWithEngine(TrainerState state, TrainingWorld world, bool useEngine)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(world);
        if (state.WorldName != world.Name)
            throw new ArgumentException($"The trainer state was made on world '{state.WorldName}', not '{world.Name}'. To continue on this world deliberately, restore `state with {{ WorldName = \"{world.Name}\" }}`.", nameof(world));
        var model = Transformer.FromState(state);
        try
        {
            state.Options.Validate();
            var trainer = new Trainer(model, world, state.Options, useEngine);
            if (state.FirstMoments is not null && state.SecondMoments is not null)
            {
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                foreach (var (name, _, m, v) in trainer.state)
                {
                    m.copy_(state.FirstMoments[name].ToTensor(m.dtype));
                    v.copy_(state.SecondMoments[name].ToTensor(v.dtype));
                }
            }
            trainer.Step = state.Step;
            trainer.losses.AddRange(state.Losses);
            trainer.evaluations.AddRange(state.Evaluations);
            return trainer;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Saves everything needed to continue the run bit for bit, atomically (temporary file, then one rename): the bytes of
    /// <see cref="ExportState"/> (<see cref="TrainerState.ToBytes"/>: safetensors with the weights as
    /// <c>model.{TransformerLens name}</c>, the Adam moments, the loss history, and the configuration, options, step,
    /// world name and evaluations as metadata). Python reads the weights with <c>safetensors.torch.load_file</c>.
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, ExportState().ToBytes());
    }

    /// <summary>
    /// Restores a trainer from a checkpoint file written by <see cref="SaveCheckpoint"/> (also by LmOrganisms 0.1):
    /// <c>Restore(TrainerState.FromBytes(file bytes, path), world)</c>. The world is not stored: pass the same one; its
    /// name must match. The trainer's <see cref="Model"/> is new; dispose it after the trainer.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="world">The world the run trains on.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file is not a valid checkpoint (the message names the file and the field),
    /// or the world's name differs from the stored one.</exception>
    public static Trainer Resume(string path, TrainingWorld world)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(world);
        return Restore(TrainerState.FromFile(path), world);
    }
}
