using LmOrganisms.Evolution;
using LmOrganisms.Probing;

namespace LmOrganisms.Populations;

/// <summary>
/// The outcome of one member step (<see cref="MemberStep"/>), serialisable with System.Text.Json: the child's state and
/// trait and its risk after each stage (nats, from the <see cref="IRiskEvaluator"/>).
/// </summary>
/// <param name="Id">Id of the member.</param>
/// <param name="ParentId">Id of its parent; null for an initial member.</param>
/// <param name="Generation">Its generation.</param>
/// <param name="ParentTrait">The trait it inherited (and developed with).</param>
/// <param name="Trait">Its trait after trait mutation, clamped.</param>
/// <param name="State">The bytes of the member's <see cref="TrainerState"/> (<see cref="TrainerState.ToBytes"/>, safetensors):
/// configuration, weights (TransformerLens names), step counter, losses, and with inherited optimiser state the Adam
/// moments.</param>
/// <param name="RiskBeforeDevelopment">Risk of the copy before development (= the parent's risk: heredity copies exactly;
/// for an initial member, the risk of the untrained initialisation).</param>
/// <param name="RiskAfterDevelopment">Risk after development (or initial training).</param>
/// <param name="Risk">Risk after mutation: the member's risk, from which its fitness follows.</param>
/// <param name="Partition">Separation summary (k, s) of the mutated member when a partition function was given; else null.</param>
public sealed record MemberResult(
    int Id, int? ParentId, int Generation, double ParentTrait, double Trait, byte[] State,
    double RiskBeforeDevelopment, double RiskAfterDevelopment, double Risk, SeparationSummary? Partition);
