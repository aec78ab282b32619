using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// A member of a population of trained organisms (task-ecology paper Sec. 5: organism = trained model, spec
/// <c>task-ecologies.md</c> §1.12): its lineage (id, parent id, generation), its recipe trait α and its state — the
/// weights (and, with inherited optimiser state, the Adam moments) as the bytes of a <see cref="TrainerState"/>, so it can
/// be stored, sent elsewhere, read with <see cref="TrainerState.FromBytes"/> or turned back into a
/// <see cref="Transformer"/> with <see cref="ToTransformer"/>.
/// </summary>
/// <param name="Id">Unique id within the run (generation g, member i: g·K + i).</param>
/// <param name="ParentId">Id of the parent; null for an initial member.</param>
/// <param name="Generation">Generation (0 = initial).</param>
/// <param name="Trait">Recipe trait α (e.g. an injection weight in [0, 1]).</param>
/// <param name="Risk">Its risk R (nats) from the run's <see cref="IRiskEvaluator"/>.</param>
/// <param name="State">The bytes of its <see cref="TrainerState"/> (see <see cref="MemberResult.State"/>).</param>
public sealed record Organism(int Id, int? ParentId, int Generation, double Trait, double Risk, byte[] State)
{
    /// <summary>A new <see cref="Transformer"/> with the organism's weights and the architecture of its state; dispose it.</summary>
    /// <exception cref="ArgumentException">The state is not a valid <see cref="TrainerState"/> (the message names the organism).</exception>
    public Transformer ToTransformer() => Transformer.FromState(TrainerState.FromBytes(State, $"organism {Id}"));
}
