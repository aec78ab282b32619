using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TorchSharp;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The task-ecology paper's experiments on hidden-Markov worlds (spec task-ecologies §3, §4.16): each experiment writes
/// out/&lt;experiment&gt;/report.md, report.json and PNG figures. Quick defaults by default, the paper's scale with --full.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var only = new Option<string?>("--only") { Description = "Comma-separated experiment ids to run (" + string.Join(", ", ExperimentPages.All.Select(p => p.Id)) + "); default: all." };
        var full = new Option<bool>("--full") { Description = "The paper's scale (much slower) instead of the quick defaults." };
        var output = new Option<string>("--out", "-o") { Description = "Output folder; each experiment writes its own subfolder.", DefaultValueFactory = _ => "out" };
        var seed = new Option<int>("--seed", "-s") { Description = "Base seed of every experiment.", DefaultValueFactory = _ => 1 };
        var text = new Option<string[]>("--text") { Description = "Text files, one per world (exp2 also runs on them with the empirical prefix ecology).", AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Task ecologies: the task-ecology paper's experiments on hidden-Markov worlds whose truth is known exactly.")
        { only, full, output, seed, text, threads };
        root.SetAction(r =>
        {
            try
            {
                return Run(r.GetValue(only), r.GetValue(full), r.GetValue(output)!, r.GetValue(seed), r.GetValue(text) ?? [], r.GetValue(threads));
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return root.Parse(args).Invoke();
    }

    private static int Run(string? only, bool full, string outDir, int seed, string[] textFiles, int threads)
    {
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1; got {threads}.");
        foreach (var f in textFiles)
            if (!File.Exists(f)) throw new ArgumentException($"--text file '{f}' does not exist.");
        var pages = Select(only);
        torch.set_num_threads(threads);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
            Console.Error.WriteLine("cancelling after the current step ...");
        };
        Directory.CreateDirectory(outDir);
        var total = Stopwatch.StartNew();
        int exit = 0;
        if (Interactive)
        {
            // Spectre.Console progress, like lmo and the belief-geometry sample: one bar per experiment, its stage as the
            // description; summaries are printed above the bars.
            AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    foreach (var page in pages)
                    {
                        AnsiConsole.MarkupLine(Markup.Escape($"{page.Id}: {page.Title} ({(full ? "full" : "quick")})"));
                        var task = ctx.AddTask(page.Id, maxValue: 1);
                        exit = RunPage(page, full, outDir, seed, textFiles, new SpectreProgress(task), cancel.Token, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
                        task.Value = task.MaxValue;
                        task.StopTask();
                        if (exit != 0) return;
                    }
                });
        }
        else
        {
            var progress = new ConsoleProgress();
            foreach (var page in pages)
            {
                Console.Out.WriteLine($"{page.Id}: {page.Title} ({(full ? "full" : "quick")})");
                exit = RunPage(page, full, outDir, seed, textFiles, progress, cancel.Token, Console.Out.WriteLine);
                if (exit != 0) break;
            }
        }
        if (exit != 0) return exit;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all done in {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>True on a terminal; redirected output gets plain progress lines (ConsoleProgress) instead of bars.</summary>
    private static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    private static int RunPage(IExperimentPage page, bool full, string outDir, int seed, string[] textFiles,
        IProgress<ExperimentProgress> progress, CancellationToken cancel, Action<string> say)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var summary = page.Run(new PageContext(Path.Combine(outDir, page.Folder), full, seed, progress, cancel, textFiles));
            say(string.Create(CultureInfo.InvariantCulture, $"{page.Id}: {summary} ({clock.Elapsed.TotalSeconds:F1} s) -> {Path.Combine(outDir, page.Folder)}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{page.Id}: cancelled.");
            return 130;
        }
    }

    private static IReadOnlyList<IExperimentPage> Select(string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return ExperimentPages.All;
        var ids = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pages = new List<IExperimentPage>();
        foreach (var id in ids)
        {
            var page = ExperimentPages.All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--only names '{id}', which is no experiment; known: {string.Join(", ", ExperimentPages.All.Select(p => p.Id))}.");
            if (!pages.Contains(page)) pages.Add(page);
        }
        return pages;
    }
}
