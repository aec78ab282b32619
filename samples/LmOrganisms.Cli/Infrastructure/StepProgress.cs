namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// Forwards a trainer's progress synchronously, on the training thread, and only every <paramref name="every"/> steps,
/// at evaluations and at the last step: no thread-pool post per step (as <see cref="Progress{T}"/> makes) and no
/// console work the eye cannot see.
/// </summary>
/// <param name="every">Steps between forwarded reports (≥ 1).</param>
/// <param name="report">Called with the forwarded reports.</param>
internal sealed class StepProgress(int every, Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    private readonly int every = every >= 1 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "must be at least 1");

    /// <summary>Reports every tenth of a second's worth of steps at a typical 150 steps/s: often enough for a live bar.</summary>
    internal const int DefaultEvery = 16;

    public void Report(TrainingProgress value)
    {
        if (value.Step % every == 0 || value.Evaluation is not null || value.Step == value.Steps) report(value);
    }
}
