using LmOrganisms.Populations;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>One run of <see cref="SelectionExperiment"/>: the population's records and their cumulative stage changes (nats).</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="InitialWorlds">The world each initial member was trained on (member order).</param>
/// <param name="InitialMembers">Generation 0.</param>
/// <param name="Generations">Records of generations 1..G (<see cref="GenerationRecord"/>: risks, fitness, (k, s), stage changes, z).</param>
/// <param name="MeanRisks">R̄ of generations 0..G.</param>
/// <param name="MeanClasses">Mean induced classes k of generations 0..G.</param>
/// <param name="CumulativeSelection">Σ_g Δ_sel over the run (selection lowers the mean risk: &lt; 0 expected).</param>
/// <param name="CumulativeDevelopment">Σ_g Δ_dev.</param>
/// <param name="CumulativeMutation">Σ_g Δ_mut.</param>
internal sealed record SelectionRun(int Seed, IReadOnlyList<string> InitialWorlds, IReadOnlyList<MemberRecord> InitialMembers,
    IReadOnlyList<GenerationRecord> Generations, IReadOnlyList<double> MeanRisks, IReadOnlyList<double> MeanClasses,
    double CumulativeSelection, double CumulativeDevelopment, double CumulativeMutation);
