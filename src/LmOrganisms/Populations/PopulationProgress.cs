using LmOrganisms.Evolution;
namespace LmOrganisms.Populations;

/// <summary>
/// Progress of <see cref="Population"/> (Run and Resume).
/// Reported from worker threads while members run concurrently.
/// </summary>
/// <param name="Generation">The generation being built (0 = the initial population).</param>
/// <param name="Member">Index of the member within its generation (0..K−1); −1 for <see cref="PopulationStage.GenerationSaved"/>.</param>
/// <param name="Stage">What the member (or the generation) is doing.</param>
/// <param name="CompletedMembers">Members of this generation already finished.</param>
/// <param name="Size">Population size K.</param>
/// <param name="Generations">Generations G of the whole run.</param>
public sealed record PopulationProgress(int Generation, int Member, PopulationStage Stage, int CompletedMembers, int Size, int Generations);
