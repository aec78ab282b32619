using System.Diagnostics;
using LmOrganisms.Transformers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace LmOrganisms;

/// <summary>
/// Trains a <see cref="Transformer"/> on a <see cref="TrainingWorld"/>: fresh batches every step (the batch of step s is a
/// pure function of (seed, s)), next-token cross-entropy averaged over sequences and positions, SGD / Adam / AdamW with
/// the chosen schedule and clipping, periodic evaluation per position against an optional optimum. Deterministic on the
/// CPU: the same model seed and options give the same loss curve bit for bit, and a run resumed from a checkpoint
/// continues exactly as if it had not stopped. Pin libtorch to one thread on small CPUs (<c>torch.set_num_threads(1)</c>).
/// Made by <see cref="Create"/>, <see cref="Restore"/> or <see cref="Resume"/>; for a whole run in one call use
/// <see cref="Transformer.Train"/>.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly List<double> losses = [];
    private readonly List<LossEvaluation> evaluations = [];
    private readonly (string Name, Parameter Parameter, Tensor M, Tensor V)[] state;
    private readonly CpuTrainingEngine? engine;
    private readonly Device device;
    private readonly int length;
    private readonly int[] sampled;
    private readonly long[] staged;
    private int[]? evalTokens;

    /// <summary>A trainer at step 0 for <paramref name="model"/> (moved to the options' device and put in training mode) on
    /// <paramref name="world"/>, with zero Adam moments. The trainer keeps handles to the model's parameters: move or
    /// convert the model first. Disposing the trainer frees the optimiser state, not the model.</summary>
    /// <param name="model">The organism to train.</param>
    /// <param name="world">Where the training sequences come from; its vocabulary must be the model's.</param>
    /// <param name="options">The run's options; validated.</param>
    /// <exception cref="ArgumentException">The options are invalid, or do not fit the model or the world (the message names
    /// the option and the value).</exception>
    public static Trainer Create(Transformer model, TrainingWorld world, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Trainer(model, world, options, useEngine: true);
    }

    /// <summary><see cref="Create(Transformer, TrainingWorld, TrainingOptions)"/>, choosing the path: with
    /// <paramref name="useEngine"/> false the trainer always uses libtorch's autograd and per-tensor update (benchmarks
    /// and tests compare the two).</summary>
    internal static Trainer CreateWithEngine(Transformer model, TrainingWorld world, TrainingOptions options, bool useEngine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Trainer(model, world, options, useEngine);
    }

    private Trainer(Transformer model, TrainingWorld world, TrainingOptions options, bool useEngine)
    {
        if (world.VocabularySize != model.Config.Vocabulary)
            throw new ArgumentException($"The world '{world.Name}' has {world.VocabularySize} tokens; the model's vocabulary has {model.Config.Vocabulary}.", nameof(world));
        length = options.SequenceLength ?? model.Config.ContextLength;
        if (length > model.Config.ContextLength)
            throw new ArgumentException($"TrainingOptions.SequenceLength {length} exceeds the model's context length {model.Config.ContextLength}.", nameof(options));
        if (options.OptimalLossPerPosition is { } opt && opt.Count != length)
            throw new ArgumentException($"OptimalLossPerPosition has {opt.Count} entries; the run has {length} positions.", nameof(options));
        if (options.ExactEvaluation && world.Process is null)
            throw new ArgumentException($"Exact evaluation needs a single-process world; '{world.Name}' is not one.", nameof(options));
        Model = model;
        World = world;
        Options = options;
        device = torch.device(ChooseDevice(options.Device, torch.cuda.is_available()));
        // The model's modules read their parameters by name on every forward pass, so Module.to is safe; the optimiser
        // state below is created after the move, on the same device and dtype as the parameters.
        if (model.Device.type != device.type) model.to(device);
        model.train();
        sampled = new int[options.BatchSize * (length + 1)];
        staged = new long[sampled.Length];
        if (useEngine && CpuTrainingEngine.Unsupported(model, device) is null)
        {
            // The engine binds the parameters to its flat buffer; the moments of the state are views of its moment buffers,
            // so checkpoints, restores and the autograd step (taken while hooks are installed) all see the same numbers.
            engine = new CpuTrainingEngine(model, options.BatchSize, length);
            var flat = engine.Parameters;
            state = flat.Slots
                .Select(s => (s.Name, s.Parameter, flat.FirstMoments.View(s.Offset, s.Count, s.Shape), flat.SecondMoments.View(s.Offset, s.Count, s.Shape)))
                .ToArray();
        }
        else
        {
            state = model.named_parameters()
                .Select(p => (p.name, p.parameter, torch.zeros_like(p.parameter).DetachFromDisposeScope(), torch.zeros_like(p.parameter).DetachFromDisposeScope()))
                .ToArray();
        }
    }

    /// <summary>True when steps run on the CPU training engine (a dense float32 model on the CPU) rather than on
    /// libtorch's autograd.</summary>
    internal bool UsesEngine => engine is not null;

    /// <summary>The model being trained.</summary>
    public Transformer Model { get; }

    /// <summary>The data source.</summary>
    public TrainingWorld World { get; }

    /// <summary>The run's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Steps completed.</summary>
    public int Step { get; private set; }

    /// <summary>Training loss of every completed step (index = step − 1), nats.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>Every evaluation made so far.</summary>
    public IReadOnlyList<LossEvaluation> Evaluations => evaluations;

    /// <summary>Trains until <see cref="TrainingOptions.Steps"/> steps are done.</summary>
    /// <param name="progress">Receives a report after every step.</param>
    /// <param name="cancellationToken">Checked before every step; the trainer stays consistent (at the last completed step).</param>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => Run(Options.Steps, progress, cancellationToken);

    /// <summary>Trains until <paramref name="untilStep"/> steps are done (≤ <see cref="TrainingOptions.Steps"/>), evaluating every
    /// <see cref="TrainingOptions.EvalInterval"/> steps and after step <see cref="TrainingOptions.Steps"/>.</summary>
    /// <param name="untilStep">The step to stop at.</param>
    /// <param name="progress">Receives a report after every step.</param>
    /// <param name="cancellationToken">Checked before every step; the trainer stays consistent (at the last completed step).</param>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite; the message names the step.</exception>
    public TrainingResult Run(int untilStep, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (untilStep < Step || untilStep > Options.Steps)
            throw new ArgumentException($"untilStep must be between the current step {Step} and Options.Steps {Options.Steps}; got {untilStep}.", nameof(untilStep));
        var clock = Stopwatch.StartNew();
        int first = Step;
        while (Step < untilStep)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double lr = Options.LearningRateAt(Step);
            double loss = TrainStep(lr);
            losses.Add(loss);
            Step++;
            LossEvaluation? evaluation = null;
            if ((Options.EvalInterval > 0 && Step % Options.EvalInterval == 0) || Step == Options.Steps)
            {
                evaluation = Evaluate();
                evaluations.Add(evaluation);
            }
            progress?.Report(new TrainingProgress(Step, Options.Steps, loss, lr,
                (double)(Step - first) * Options.BatchSize * length / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), evaluation));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new TrainingResult(losses.ToArray(), evaluations.ToArray(), seconds > 0 ? (double)(Step - first) * Options.BatchSize * length / seconds : 0, seconds);
    }

    /// <summary>The device type named by <see cref="TrainingOptions.Device"/> when CUDA is (not) available.</summary>
    /// <exception cref="ArgumentException">"cuda" was asked for and <paramref name="cudaAvailable"/> is false.</exception>
    internal static DeviceType ChooseDevice(string name, bool cudaAvailable) => name switch
    {
        "cuda" when !cudaAvailable => throw new ArgumentException(
            "TrainingOptions.Device is \"cuda\" but torch.cuda.is_available() is false: no CUDA GPU is visible or the CUDA backend " +
            "(TorchSharp-cuda-linux / TorchSharp-cuda-windows) is not installed. Use \"cpu\", or \"auto\" to fall back to the CPU.", "options"),
        "cuda" => DeviceType.CUDA,
        "auto" => cudaAvailable ? DeviceType.CUDA : DeviceType.CPU,
        _ => DeviceType.CPU,
    };

    private double TrainStep(double lr)
    {
        World.Sample(sampled, Options.BatchSize, length + 1, StepSeed(Options.Seed, Step));
        if (engine is null || Model.HasHooks) return AutogradStep(lr);
        double loss = engine.Loss(sampled, Options.BatchSize);
        if (!double.IsFinite(loss)) throw Diverged(loss, lr);
        engine.Backward();
        engine.Update(Options, lr, Step + 1);
        return loss;
    }

    private InvalidOperationException Diverged(double loss, double lr)
        => new($"Training diverged at step {Step + 1}: the loss is {loss} (learning rate {lr:G4}).");

    /// <summary>Loss per position on the fixed evaluation set (or exactly, with <see cref="TrainingOptions.ExactEvaluation"/>),
    /// next to <see cref="TrainingOptions.OptimalLossPerPosition"/>.</summary>
    public LossEvaluation Evaluate()
    {
        double[] perPosition;
        if (Options.ExactEvaluation)
        {
            perPosition = Model.ExactLoss(World.Process!, length);
        }
        else
        {
            int count = Options.EvalSequences;
            if (evalTokens is null)
            {
                evalTokens = new int[count * (length + 1)];
                World.Sample(evalTokens, count, length + 1, StepSeed(Options.Seed, -1));
            }
            if (engine is not null && !Model.HasHooks)
            {
                perPosition = new double[length];
                engine.AddLossPerPosition(evalTokens, count, perPosition);
                for (int k = 0; k < length; k++) perPosition[k] /= count;
            }
            else
            {
                perPosition = AutogradLossPerPosition(evalTokens, count);
            }
        }
        return new LossEvaluation(Step, perPosition, Options.OptimalLossPerPosition?.ToArray());
    }

    /// <summary>The data seed of step <paramref name="step"/> (−1: the evaluation set): SplitMix64 of (seed, step).</summary>
    internal static int StepSeed(int seed, int step)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)step) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>Frees the optimiser state (the model stays usable).</summary>
    public void Dispose()
    {
        foreach (var (_, _, m, v) in state)
        {
            m.Dispose();
            v.Dispose();
        }
        engine?.Dispose();
    }
}
