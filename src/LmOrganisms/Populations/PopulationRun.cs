using LmOrganisms.Evolution;

namespace LmOrganisms.Populations;

/// <summary>
/// A (possibly resumed) run of a population of organisms: the initial population, one <see cref="GenerationRecord"/>
/// per generation, and the final members with their states.
/// </summary>
/// <param name="Options">The options of the run.</param>
/// <param name="InitialMembers">Generation 0 (trained from their initialisations).</param>
/// <param name="Generations">Records of generations 1..G.</param>
/// <param name="Members">The members of the last generation (states included).</param>
public sealed record PopulationRun(
    PopulationOptions Options, IReadOnlyList<MemberRecord> InitialMembers, IReadOnlyList<GenerationRecord> Generations,
    IReadOnlyList<Organism> Members)
{
    /// <summary>R̄ of generations 0..G (nats).</summary>
    public IReadOnlyList<double> MeanRisks =>
        [InitialMembers.Average(m => m.Risk), .. Generations.Select(g => g.MeanRisk)];

    /// <summary>ᾱ of generations 0..G.</summary>
    public IReadOnlyList<double> MeanTraits =>
        [InitialMembers.Average(m => m.Trait), .. Generations.Select(g => g.MeanTrait)];

    /// <summary>
    /// The selection-stage diagnostics over all generations (coverage of the 95% band, rms z, OLS of Δ_sel on its
    /// expectation; spec §3.6) from <see cref="SelectionStage.Diagnose"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The run has no generations.</exception>
    public SelectionDiagnostics SelectionDiagnostics()
        => SelectionStage.Diagnose(Generations.Select(g => g.Selection).ToArray(), Generations.Select(g => g.SelectionChange).ToArray());
}
