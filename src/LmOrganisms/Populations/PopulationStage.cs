using LmOrganisms.Evolution;
namespace LmOrganisms.Populations;

/// <summary>What a member of a population of organisms is doing (reported through <see cref="PopulationProgress"/>).</summary>
public enum PopulationStage
{
    /// <summary>Generation 0: a fresh organism is being initialised and trained on the recipe for its trait.</summary>
    InitialTraining,

    /// <summary>An offspring (a copy of its parent) develops: a few training steps on the recipe for its trait.</summary>
    Development,

    /// <summary>Weight and trait noise are being added and the mutated offspring evaluated.</summary>
    Mutation,

    /// <summary>The member is finished for this generation (its risk is known).</summary>
    Done,

    /// <summary>The whole generation is finished and, with a state directory, saved.</summary>
    GenerationSaved,
}
