using LmOrganisms.Evolution;
using System.Globalization;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// Everything that defines a population of trained organisms besides the recipe and the risk (spec
/// <c>task-ecologies.md</c> §1.12, §3.6): K members of architecture <see cref="Config"/>, first trained with
/// <see cref="InitialTraining"/>; then G generations of Wright–Fisher selection (K parents with replacement ∝ fitness),
/// heredity (copy weights, optionally the Adam moments), development (<see cref="Development"/> on the recipe's world
/// for the member's trait) and mutation (Gaussian weight noise on every parameter, trait noise clamped to
/// <see cref="TraitClamp"/>). Every random draw derives from <see cref="Seed"/>, the generation and the member, so a run
/// is reproducible bit for bit and independent of <see cref="MaxParallelism"/>.
/// </summary>
public sealed record PopulationOptions
{
    /// <summary>The paper's Exp3 initial training (spec §3.0, §3.6): 100 steps of Adam (β 0.85/0.99, ε 1e-8, no weight
    /// decay) at lr 0.008 with linear decay; batch 16 sequences (the paper: one sequence per step).</summary>
    public static TrainingOptions PaperInitialTraining { get; } = new()
    {
        Steps = 100, Optimizer = OptimizerKind.Adam, LearningRate = 0.008, Beta1 = 0.85, Beta2 = 0.99, WeightDecay = 0,
        Schedule = LearningRateSchedule.LinearDecay, BatchSize = 16,
    };

    /// <summary>The paper's Exp3 development (spec §3.6): 20 steps of Adam (β 0.85/0.99) at constant lr 0.005, no weight
    /// decay; batch 16 sequences.</summary>
    public static TrainingOptions PaperDevelopment { get; } = new()
    {
        Steps = 20, Optimizer = OptimizerKind.Adam, LearningRate = 0.005, Beta1 = 0.85, Beta2 = 0.99, WeightDecay = 0, BatchSize = 16,
    };

    /// <summary>Population size K (members per generation and parents drawn per generation).</summary>
    public int Size { get; init; } = 8;

    /// <summary>Generations G after the initial population.</summary>
    public int Generations { get; init; } = 10;

    /// <summary>Seed of every random choice of the run (model initialisation, data, selection, noise).</summary>
    public int Seed { get; init; }

    /// <summary>The organisms' architecture (e.g. <c>TransformerPresets.MicroGpt(vocabulary, …)</c>).</summary>
    public required TransformerConfig Config { get; init; }

    /// <summary>Training of each generation-0 member from its initialisation (the paper: 100 steps, lr 0.008, linear decay).
    /// Its <see cref="TrainingOptions.Seed"/> is replaced by a per-member seed derived from <see cref="Seed"/>.</summary>
    public TrainingOptions InitialTraining { get; init; } = PaperInitialTraining;

    /// <summary>Development of each offspring (the paper: 20 steps at constant lr 0.005). Its seed is replaced by a seed
    /// derived from <see cref="Seed"/>, the generation and the member.</summary>
    public TrainingOptions Development { get; init; } = PaperDevelopment;

    /// <summary>True (default, the paper's Exp3): each offspring develops with fresh Adam moments. False: the moments (and
    /// the Adam step counter of the bias correction) are inherited with the weights, so a member's state is weights +
    /// moments; this needs a constant development schedule.</summary>
    public bool ResetOptimizer { get; init; } = true;

    /// <summary>σ of the Gaussian noise N(0, σ²) added to every parameter at mutation (the paper: 0.001); 0 = none.</summary>
    public double WeightNoise { get; init; } = 0.001;

    /// <summary>σ of the Gaussian noise added to the recipe trait at mutation, then clamped to <see cref="TraitClamp"/>; 0 = no trait mutation.</summary>
    public double TraitNoise { get; init; }

    /// <summary>The interval traits are kept in (default [0, 1], an injection weight).</summary>
    public TraitRange TraitClamp { get; init; } = TraitRange.Unit;

    /// <summary>Traits of the K initial members; null = every member starts at <see cref="TraitClamp"/>.Min.</summary>
    public IReadOnlyList<double>? InitialTraits { get; init; }

    /// <summary>Selection strength s of the fitness w = exp(−s R) (a strictly decreasing transform of the risk, Prop 44 (b));
    /// the paper's Exp3 uses s = 1.</summary>
    public double SelectionStrength { get; init; } = 1;

    /// <summary>Members run at once (Parallel.For); does not change any result. Default: the number of processors. While
    /// several run, the .NET finalizer thread is held (TorchSharp 0.107 frees temporary scalars from finalizers while
    /// another thread may still be using them; see <see cref="Population"/>).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Folder for resumable state (<c>population.json</c> and <c>members/&lt;id&gt;.safetensors</c>, written
    /// atomically after every generation); null = in memory only.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The fitness w = exp(−s R) of a risk R (nats).</summary>
    public double FitnessOf(double risk) => Math.Exp(-SelectionStrength * risk);

    /// <summary>The trait of initial member <paramref name="member"/>.</summary>
    public double InitialTrait(int member) => InitialTraits is { } t ? t[member] : TraitClamp.Min;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option and its value.</summary>
    public void Validate()
    {
        static string N(double x) => x.ToString("G12", CultureInfo.InvariantCulture);
        void Check(bool ok, string name, string message)
        {
            if (!ok) throw new ArgumentException($"PopulationOptions.{name} {message}.", name);
        }
        Check(Size >= 1, nameof(Size), $"is {Size}; the population needs at least 1 member");
        Check(Generations >= 0, nameof(Generations), $"is {Generations}; expected a non-negative number of generations");
        Check(Config is not null, nameof(Config), "is null; give the organisms' architecture");
        Config!.Validate();
        Check(InitialTraining is not null, nameof(InitialTraining), "is null");
        Check(Development is not null, nameof(Development), "is null");
        InitialTraining!.Validate();
        Development!.Validate();
        Check(double.IsFinite(WeightNoise) && WeightNoise >= 0, nameof(WeightNoise), $"is {N(WeightNoise)}; expected a finite σ ≥ 0");
        Check(double.IsFinite(TraitNoise) && TraitNoise >= 0, nameof(TraitNoise), $"is {N(TraitNoise)}; expected a finite σ ≥ 0");
        Check(TraitClamp is not null, nameof(TraitClamp), "is null");
        Check(double.IsFinite(TraitClamp!.Min) && double.IsFinite(TraitClamp.Max) && TraitClamp.Min <= TraitClamp.Max, nameof(TraitClamp),
            $"is [{N(TraitClamp.Min)}, {N(TraitClamp.Max)}]; expected finite ends with Min ≤ Max");
        if (InitialTraits is { } traits)
        {
            Check(traits.Count == Size, nameof(InitialTraits), $"has {traits.Count} traits; expected one per member (Size = {Size})");
            for (int i = 0; i < traits.Count; i++)
                Check(TraitClamp.Contains(traits[i]), nameof(InitialTraits), $"entry {i} is {N(traits[i])}, outside TraitClamp [{N(TraitClamp.Min)}, {N(TraitClamp.Max)}]");
        }
        Check(double.IsFinite(SelectionStrength) && SelectionStrength > 0, nameof(SelectionStrength), $"is {N(SelectionStrength)}; expected a finite s > 0 (w = exp(−s R) must decrease strictly in R)");
        Check(MaxParallelism >= 1, nameof(MaxParallelism), $"is {MaxParallelism}; expected at least 1");
        Check(ResetOptimizer || Development.Schedule == LearningRateSchedule.Constant, nameof(ResetOptimizer),
            $"is false (Adam moments and step counter are inherited) but Development.Schedule is {Development.Schedule}; inherited optimiser state needs a constant development schedule");
        Check(Development.SequenceLength is null || Development.SequenceLength <= Config.ContextLength, nameof(Development),
            $"has SequenceLength {Development.SequenceLength}, above the model's context {Config.ContextLength}");
        Check(InitialTraining.SequenceLength is null || InitialTraining.SequenceLength <= Config.ContextLength, nameof(InitialTraining),
            $"has SequenceLength {InitialTraining.SequenceLength}, above the model's context {Config.ContextLength}");
    }
}
