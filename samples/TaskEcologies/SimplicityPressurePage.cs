using System.Globalization;
using System.Text;
using LmOrganisms.Plotting;
using static LmOrganisms.Samples.TaskEcologies.ExperimentReport;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>exp3: simplicity pressure — width and weight decay against the exact β* order (spec §1.10).</summary>
internal sealed class SimplicityPressurePage : IExperimentPage
{
    public string Id => "exp3";

    public string Folder => SimplicityPressureExperiment.Name;

    public string Title => "simplicity pressure: which distinctions small or penalised organisms shed, against β*";

    public string Run(PageContext context)
    {
        var options = (context.Full ? SimplicityPressureOptions.Full : SimplicityPressureOptions.Quick) with { Seed = context.Seed };
        var r = SimplicityPressureExperiment.Run(options, context.Progress, context.CancellationToken);
        Directory.CreateDirectory(context.OutputDirectory);
        var series = r.Options.Capacities.Select(c => c.WeightDecay).Distinct().Select(wd =>
        {
            var runs = r.Runs.Where(x => x.Capacity!.WeightDecay == wd).OrderBy(x => x.Capacity!.DModel).ToArray();
            return new PlotSeries($"weight decay {wd.ToString("G3", CultureInfo.InvariantCulture)}", runs.Select(x => Math.Log2(x.Capacity!.DModel)).ToArray(),
                runs.Select(x => (double)x.Classes).ToArray());
        }).ToArray();
        XyPlot.Save(context.File("classes-vs-width.png"), series, "Induced classes k against model width, per weight decay", "log2 d_model", "classes k", integerX: true, integerY: true);
        XyPlot.Save(context.File("merge-frequency-vs-betastar.png"),
            [new PlotSeries("world pairs", r.PairThresholds.Select(p => p.BetaStar).ToArray(), r.MergeFrequency, Line: false)],
            $"Pairs merged by organisms against exact β* (Spearman ρ = {Num(r.MergeFrequencyBetaStarCorrelation, 3)})", "β* of the pair", "fraction of organisms merging the pair");
        WriteReport(context, r);
        return string.Create(CultureInfo.InvariantCulture,
            $"k per capacity {string.Join("/", r.Runs.Select(x => x.Classes))}; merged = smallest β* in {r.Runs.Count(x => x.MergedAreSmallestBetaStar)}/{r.Runs.Count}; ρ(frequency, β*) {Num(r.MergeFrequencyBetaStarCorrelation, 3)}");
    }

    private static void WriteReport(PageContext context, SimplicityPressureResult r)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine("# Experiment 3: simplicity pressure against the exact β* order").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Task-ecology spec §1.10 (Thm 55): organisms of several widths d_model and weight decays trained {o.Steps} steps × {o.BatchSize} sequences on the uniform mixture of {string.Join(", ", r.Worlds)}; each organism's induced partition (warm-up {o.WarmupLength} tokens, {o.Warmups} warm-ups, τ {(o.Threshold is null ? "calibrated" : Num(o.Threshold, 5))}) is compared with the exact merge thresholds β* of the world pairs and the exact global split–merge path. Losses in nats. Run time {r.Seconds:F1} s.").AppendLine();
        md.AppendLine("## Exact theory").AppendLine();
        md.AppendLine(Table(["pair", "σ²", "Δ_pred", "β*", "fraction of organisms merging it"],
            r.PairThresholds.Select((p, k) => (IReadOnlyList<string>)[$"{p.A}–{p.B}", Num(p.Separation, 6), Num(p.PredictiveGain, 6), Num(p.BetaStar, 6), Num(r.MergeFrequency[k], 2)])));
        md.AppendLine("Exact global path of J = L* + β H:").AppendLine();
        md.AppendLine(Table(["β", "optimum", "k", "local"], r.Path.Transitions.Select(t => (IReadOnlyList<string>)[Num(t.Beta, 6), t.To, t.Classes.ToString(CultureInfo.InvariantCulture), t.MatchesLocalPrediction ? "yes" : "no"])));
        md.AppendLine("## Organisms").AppendLine();
        md.AppendLine(Table(["d_model", "weight decay", "params", "seed", "induced partition", "k", "merged pairs", "merged = smallest β*", "path optimum with k cells", "equal", "ρ(D_beh, β*)", "train loss", "context loss", "JS excess", "cheapest k-cell partition (excess)"],
            r.Runs.Prepend(r.Ideal).Select(x => (IReadOnlyList<string>)[x.Capacity?.DModel.ToString(CultureInfo.InvariantCulture) ?? "ideal", x.Capacity?.WeightDecay.ToString("G3", CultureInfo.InvariantCulture) ?? "—",
                x.Capacity is null ? "—" : x.Parameters.ToString(CultureInfo.InvariantCulture), x.Seed.ToString(CultureInfo.InvariantCulture), x.Partition, x.Classes.ToString(CultureInfo.InvariantCulture),
                x.MergedPairs.Count == 0 ? "none" : string.Join(", ", x.MergedPairs), x.MergedAreSmallestBetaStar ? "yes" : "no", x.PathPartition ?? "—",
                x.MatchesPath is { } m ? (m ? "yes" : "no") : "—", Num(x.DistanceBetaStarCorrelation, 3), Num(x.TrainingLoss), Num(x.ModelContextLoss), Num(x.JsExcess, 5), $"{x.CheapestPartition} ({Num(x.CheapestExcess, 5)})"])));
        md.AppendLine("The first row is the ideal organism (the exact Bayes predictor of the mixture) measured the same way.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Spearman ρ between how often a pair is merged and its β*: **{Num(r.MergeFrequencyBetaStarCorrelation, 3)}** (negative = the cheap distinctions are shed first, as the theory orders them).").AppendLine();
        md.AppendLine("![classes against width](classes-vs-width.png) ![merge frequency against β*](merge-frequency-vs-betastar.png)");
        ExperimentReport.Write(context.OutputDirectory, md.ToString(), r);
    }
}
