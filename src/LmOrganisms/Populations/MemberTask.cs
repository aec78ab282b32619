using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// Everything one member step needs, as plain serialisable data (System.Text.Json; the state is the bytes of a
/// <see cref="TrainerState"/>), so
/// that the step could run on another machine: heredity (the parent's state), development (training options with their
/// seed, on the recipe's world for <see cref="Trait"/>) and mutation (noise σ's and seeds). See <see cref="MemberStep"/>.
/// </summary>
/// <param name="Id">Id of the member being made (unique within the run).</param>
/// <param name="ParentId">Id of its parent; null for an initial member.</param>
/// <param name="Generation">Generation of the member (0 = initial population).</param>
/// <param name="Trait">The recipe trait α it inherits (development uses it; trait mutation starts from it).</param>
/// <param name="Config">The architecture.</param>
/// <param name="ModelSeed">Initialisation seed of a fresh organism (used only when <paramref name="ParentState"/> is null).</param>
/// <param name="ParentState">The parent's state (<see cref="TrainerState"/> bytes from <see cref="MemberResult.State"/>: weights, and Adam
/// moments when they are inherited); null = a fresh organism from <paramref name="ModelSeed"/>.</param>
/// <param name="Training">Training of this step (initial training or development), with its data seed.</param>
/// <param name="ResetOptimizer">True: train with fresh Adam moments. False: continue the parent's moments and step counter,
/// and keep the moments in the result's state.</param>
/// <param name="WeightNoise">σ of the Gaussian noise added to every parameter after training; 0 = none.</param>
/// <param name="WeightNoiseSeed">Seed of the weight noise (a managed generator; Box–Muller over the parameters in order).</param>
/// <param name="TraitNoise">σ of the Gaussian trait noise; 0 = none.</param>
/// <param name="TraitNoiseSeed">Seed of the trait noise.</param>
/// <param name="TraitClamp">Interval the mutated trait is clamped to.</param>
public sealed record MemberTask(
    int Id, int? ParentId, int Generation, double Trait, TransformerConfig Config, int ModelSeed, byte[]? ParentState,
    TrainingOptions Training, bool ResetOptimizer, double WeightNoise, int WeightNoiseSeed, double TraitNoise, int TraitNoiseSeed,
    TraitRange TraitClamp);
