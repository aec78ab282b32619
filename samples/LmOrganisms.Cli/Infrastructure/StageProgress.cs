using Spectre.Console;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// Progress of long work on stderr (stdout keeps the result): a Spectre.Console status line naming the current stage
/// when stderr is a terminal, nothing otherwise (CI logs and redirected runs stay clean).
/// </summary>
public static class StageProgress
{
    /// <summary>Runs <paramref name="work"/>, showing the stages it reports.</summary>
    public static T Run<T>(string title, Func<IProgress<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!console.Profile.Capabilities.Interactive) return work(new Sink(_ => { }));
        T result = default!;
        console.Status().Start(Markup.Escape(title), ctx => result = work(new Sink(stage => ctx.Status(Markup.Escape($"{title}: {stage}")))));
        return result;
    }

    /// <summary>Reports synchronously (no thread-pool hop, so the status shows the stage that is running).</summary>
    private sealed class Sink(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
