namespace LmOrganisms.Evolution;

/// <summary>Progress of a long iteration: the step reached and the L1 change of that step.</summary>
/// <param name="Iteration">Steps taken so far.</param>
/// <param name="Change">L1 norm of the change made by the last step.</param>
public readonly record struct IterationProgress(int Iteration, double Change);
