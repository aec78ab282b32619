namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Every experiment page of the sample, in the order they run; one registration line each.</summary>
internal static class ExperimentPages
{
    public static IReadOnlyList<IExperimentPage> All { get; } =
    [
        new DecompositionPage(),
        new StaticOptimalityPage(),
        new SimplicityPressurePage(),
    ];
}
