namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>An <see cref="IProgress{T}"/> that calls <paramref name="report"/> on the reporting thread
/// (<see cref="Progress{T}"/> posts to the thread pool, so reports could arrive late or out of order).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
