using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Populations;

/// <summary>
/// The recipe of a population of organisms: the world an organism develops on for its recipe trait α (e.g. the
/// injection mixture (1 − α)·token ecology + α·evaluation ecology, spec <c>task-ecologies.md</c> §1.13), and optionally a
/// different world for the initial training of generation-0 member i (the paper's Exp3 trains each initial model on
/// one random language, then develops every offspring on the balanced mixture, §3.6). Both are called concurrently
/// and must be thread-safe and deterministic.
/// </summary>
/// <param name="Development">World for a trait value (development; also initial training when <paramref name="Initial"/> is null).</param>
/// <param name="Initial">World for initial member (index i, trait α); null = <paramref name="Development"/>(α).</param>
public sealed record OrganismRecipe(Func<double, TrainingWorld> Development, Func<int, double, TrainingWorld>? Initial = null)
{
    /// <summary>The world of the initial training of member <paramref name="member"/> with trait <paramref name="trait"/>.</summary>
    public TrainingWorld InitialWorld(int member, double trait) => Initial is { } f ? f(member, trait) : Development(trait);
}
