namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// One experiment of the sample: runs it with Quick or Full options and writes its folder (report.md, report.json, PNGs)
/// under <see cref="PageContext.OutputDirectory"/>. Each page is one file; <see cref="ExperimentPages.All"/> lists them.
/// </summary>
internal interface IExperimentPage
{
    /// <summary>The id used by --only (e.g. "exp1").</summary>
    string Id { get; }

    /// <summary>The output folder name under --out (e.g. "exp1-decomposition").</summary>
    string Folder { get; }

    /// <summary>A one-line title for the console.</summary>
    string Title { get; }

    /// <summary>Runs the experiment, writes its folder and returns a one-line summary for the console.</summary>
    string Run(PageContext context);
}
