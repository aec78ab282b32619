using System.Diagnostics;

namespace LmOrganisms.Samples.BeliefGeometry;

/// <summary>Wall-clock and process CPU seconds of named phases, in the order they ran (the report's timing line). CPU
/// seconds count every thread of the process, so on a shared machine they show the work apart from the waiting.</summary>
public sealed class PhaseClock
{
    private readonly List<PhaseTime> phases = [];

    /// <summary>The phases timed so far, in order.</summary>
    public IReadOnlyList<PhaseTime> Phases => phases;

    /// <summary>Runs <paramref name="work"/> and records its times under <paramref name="name"/>.</summary>
    public T Time<T>(string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        phases.Add(new PhaseTime(name, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        return result;
    }

    /// <summary>Runs <paramref name="work"/> and records its times under <paramref name="name"/>.</summary>
    public void Time(string name, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Time(name, () => { work(); return 0; });
    }
}

/// <summary>The times of one phase.</summary>
/// <param name="Name">The phase.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="CpuSeconds">CPU seconds of the whole process (all threads) during the phase.</param>
public sealed record PhaseTime(string Name, double Seconds, double CpuSeconds);
