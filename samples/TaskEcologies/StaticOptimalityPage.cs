using System.Globalization;
using System.Text;
using LmOrganisms.Plotting;
using static LmOrganisms.Samples.TaskEcologies.ExperimentReport;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>exp2: static optimality of trained organisms (spec §3.4 Exp1) on process worlds, and on text given with --text.</summary>
internal sealed class StaticOptimalityPage : IExperimentPage
{
    public string Id => "exp2";

    public string Folder => StaticOptimalityExperiment.Name;

    public string Title => "static optimality of tiny organisms on T = 1, 2, 3, 5 worlds (Exp1)";

    public string Run(PageContext context)
    {
        var options = (context.Full ? StaticOptimalityOptions.Full : StaticOptimalityOptions.Quick) with { Seed = context.Seed };
        if (context.TextFiles is { Count: > 0 } files)
            options = options with { TextWorlds = files.Select(f => new TextWorld(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f))).ToArray() };
        var r = StaticOptimalityExperiment.Run(options, context.Progress, context.CancellationToken);
        Directory.CreateDirectory(context.OutputDirectory);
        Figures(context, r.Runs, r.Conditions, "");
        if (r.TextRuns.Count > 0) Figures(context, r.TextRuns, r.TextConditions, "text-");
        WriteReport(context, r);
        return string.Create(CultureInfo.InvariantCulture,
            $"k_exact {string.Join("/", r.Conditions.Select(c => c.ExactClasses))}, mean k {string.Join("/", r.Conditions.Select(c => c.MeanClasses.ToString("0.#", CultureInfo.InvariantCulture)))}, excess ratio 1: {(r.ExcessRatioIsOne() ? "yes" : "NO")}");
    }

    private static void Figures(PageContext context, IReadOnlyList<StaticOptimalityRun> runs, IReadOnlyList<StaticOptimalityCondition> conditions, string prefix)
    {
        XyPlot.Save(context.File(prefix + "classes-vs-T.png"),
            [new PlotSeries("k_exact", conditions.Select(c => (double)c.WorldCount).ToArray(), conditions.Select(c => (double)c.ExactClasses).ToArray()),
             new PlotSeries("mean k (organisms)", conditions.Select(c => (double)c.WorldCount).ToArray(), conditions.Select(c => c.MeanClasses).ToArray()),
             new PlotSeries("k per seed", runs.Select(r => r.WorldCount + 0.05 * r.Seed).ToArray(), runs.Select(r => (double)r.Classes).ToArray(), Line: false)],
            "Exp1: exact and induced classes k against the number of training worlds T", "T (worlds in training)", "classes k", integerX: true, integerY: true);
        XyPlot.Save(context.File(prefix + "excess-diagonal.png"),
            [new PlotSeries("organisms", runs.Select(r => r.JsExcess).ToArray(), runs.Select(r => r.BayesLoss - r.Floor).ToArray(), Line: false)],
            "Exp1: measured Bayes − floor against exact JS excess", "exact JS excess of the induced partition (nats)", "Bayes loss − floor (nats)", diagonal: true);
    }

    private static void WriteReport(PageContext context, StaticOptimalityResult r)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine("# Experiment 2: static optimality of trained organisms (Exp1)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Task-ecology spec §3.4 on hidden-Markov worlds: tiny microgpt organisms (2 layers × d_model {o.DModel}, context {o.ModelContext}) trained {o.Steps} steps × {o.BatchSize} sequences on the uniform mixture of the first T OrganismWorlds, {o.Seeds} seed(s) per T. Measured with {o.Warmups} warm-ups of {o.WarmupLength} tokens per world on the exact ecology FromProcesses(worlds, L = {o.ContextLength}); τ {(o.Threshold is null ? "calibrated by split halves (30 splits, 95th percentile)" : "fixed at " + Num(o.Threshold, 5))}. Losses in nats. Run time {r.Seconds:F1} s.").AppendLine();
        Section(md, r.Runs, r.Conditions, "", "Worlds");
        md.AppendLine("The ideal organism — the exact Bayes predictor of the mixture (MixturePredictor), measured with the same warm-ups and τ rule — shows what the measurement itself resolves:").AppendLine();
        md.AppendLine(Table(["T", "induced partition", "k", "s", "τ", "JS excess", "context loss", "approx gap"],
            r.Ideal.Select(x => (IReadOnlyList<string>)[x.WorldCount.ToString(CultureInfo.InvariantCulture), DecompositionExperiment.CellNames(x.Labels, x.Worlds),
                x.Classes.ToString(CultureInfo.InvariantCulture), x.SeparatedPairs.ToString(CultureInfo.InvariantCulture), Num(x.Threshold, 5), Num(x.JsExcess, 6),
                Num(x.ModelContextLoss), Num(x.ApproximationGap)])));
        if (r.TextRuns.Count > 0)
        {
            md.AppendLine("## Text worlds (empirical prefix ecology)").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"One text per world ({string.Join(", ", r.TextRuns.SelectMany(x => x.Worlds).Distinct())}), chunks of {o.ChunkLength} characters, {o.HeldOutFraction:P0} held out, prefixes r ∈ {{{string.Join(", ", o.PrefixLengths)}}}; τ calibrated on the first world's held-out chunks.").AppendLine();
            Section(md, r.TextRuns, r.TextConditions, "text-", "Texts");
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"Excess ratio JS/(Bayes − floor) = 1 (to 1e-9) in every run with a positive gap: **{(r.ExcessRatioIsOne() ? "yes" : "no")}** (paper: 1.0 in every case).").AppendLine();
        ExperimentReport.Write(context.OutputDirectory, md.ToString(), r);
    }

    private static void Section(StringBuilder md, IReadOnlyList<StaticOptimalityRun> runs, IReadOnlyList<StaticOptimalityCondition> conditions, string prefix, string what)
    {
        md.AppendLine(Table(["T", "k_exact", "mean k (per seed)", "mean s", "train loss", "exact Bayes", "exact floor", "exact JS excess", "approx gap"],
            conditions.Select(c => (IReadOnlyList<string>)[c.WorldCount.ToString(CultureInfo.InvariantCulture), c.ExactClasses.ToString(CultureInfo.InvariantCulture),
                $"{c.MeanClasses.ToString("0.##", CultureInfo.InvariantCulture)} ({string.Join(",", c.ClassesPerSeed)})", c.MeanSeparatedPairs.ToString("0.##", CultureInfo.InvariantCulture),
                Num(c.MeanTrainingLoss), Num(c.MeanBayesLoss), Num(c.Floor), Num(c.MeanJsExcess, 5), Num(c.MeanApproximationGap)])));
        md.AppendLine(CultureInfo.InvariantCulture, $"![classes against T]({prefix}classes-vs-T.png) ![excess diagonal]({prefix}excess-diagonal.png)").AppendLine();
        md.AppendLine("Per organism:").AppendLine();
        md.AppendLine(Table([what, "seed", "induced partition", "k", "s", "τ", "Bayes − floor", "JS excess", "ratio", "context loss", "approx gap"],
            runs.Select(x => (IReadOnlyList<string>)[string.Join(",", x.Worlds), x.Seed.ToString(CultureInfo.InvariantCulture),
                DecompositionExperiment.CellNames(x.Labels, x.Worlds), x.Classes.ToString(CultureInfo.InvariantCulture), x.SeparatedPairs.ToString(CultureInfo.InvariantCulture),
                Num(x.Threshold, 5), Num(x.BayesLoss - x.Floor, 6), Num(x.JsExcess, 6), Num(x.ExcessRatio, 6), Num(x.ModelContextLoss), Num(x.ApproximationGap)])));
    }
}
