using LmOrganisms.Evolution;
using LmOrganisms.Probing;

namespace LmOrganisms.Populations;

/// <summary>One member in a generation's record: lineage, trait, risks per stage (nats), fitness and optional (k, s).</summary>
/// <param name="Id">Member id.</param>
/// <param name="ParentId">Parent id; null in the initial population.</param>
/// <param name="Generation">Generation.</param>
/// <param name="ParentTrait">Trait inherited from the parent (initial members: their starting trait).</param>
/// <param name="Trait">Trait after trait mutation.</param>
/// <param name="RiskBeforeDevelopment">Risk of the copy before development (equals the parent's risk).</param>
/// <param name="RiskAfterDevelopment">Risk after development.</param>
/// <param name="Risk">Risk after mutation: the member's risk R.</param>
/// <param name="Fitness">w = exp(−s R) (<see cref="PopulationOptions.SelectionStrength"/> s).</param>
/// <param name="Partition">Separation summary (k classes, s separated pairs) when a partition function was given.</param>
public sealed record MemberRecord(
    int Id, int? ParentId, int Generation, double ParentTrait, double Trait,
    double RiskBeforeDevelopment, double RiskAfterDevelopment, double Risk, double Fitness, SeparationSummary? Partition);
