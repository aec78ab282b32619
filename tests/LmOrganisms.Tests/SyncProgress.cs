using LmOrganisms.Populations;
namespace LmOrganisms.Tests;

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts to the thread pool, so reports could arrive late).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
