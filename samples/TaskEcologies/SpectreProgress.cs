using Spectre.Console;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Shows an experiment's progress on a Spectre.Console progress bar: the stage as the description, the
/// fraction of the stage completed as the bar (reports may come from several threads; the task is thread-safe).</summary>
internal sealed class SpectreProgress(ProgressTask task) : IProgress<ExperimentProgress>
{
    private readonly string title = task.Description;

    public void Report(ExperimentProgress value)
    {
        task.Description = $"{title} [grey]{Markup.Escape(value.Stage)} {value.Completed}/{value.Total}[/]";
        task.Value = value.Total > 0 ? Math.Clamp((double)value.Completed / value.Total, 0, 1) : 0;
    }
}
