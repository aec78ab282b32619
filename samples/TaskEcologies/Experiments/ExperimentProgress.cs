namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Progress of a task-ecology experiment (spec §4.16): which experiment, which stage, and how far the stage is.</summary>
/// <param name="Experiment">The experiment's short name (e.g. "exp1-decomposition").</param>
/// <param name="Stage">What is running now (e.g. "T=3 seed 2: training").</param>
/// <param name="Completed">Units of the stage done.</param>
/// <param name="Total">Units of the stage in all (≥ <paramref name="Completed"/>).</param>
internal sealed record ExperimentProgress(string Experiment, string Stage, int Completed, int Total);
