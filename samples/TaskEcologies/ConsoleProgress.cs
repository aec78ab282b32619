using System.Diagnostics;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Prints progress synchronously: a line when the stage changes, when it completes, and at most every 2 s otherwise.</summary>
internal sealed class ConsoleProgress : IProgress<ExperimentProgress>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private string lastStage = "";
    private double lastPrint = double.NegativeInfinity;

    public void Report(ExperimentProgress value)
    {
        lock (gate)
        {
            double now = clock.Elapsed.TotalSeconds;
            bool newStage = value.Stage != lastStage, done = value.Completed >= value.Total;
            if (!newStage && !done && now - lastPrint < 2) return;
            lastStage = value.Stage;
            lastPrint = now;
            Console.Out.WriteLine($"  [{now,7:F1} s] {value.Experiment}: {value.Stage} {value.Completed}/{value.Total}");
        }
    }
}
