using System.Globalization;
using System.Text;
using LmOrganisms.Plotting;
using static LmOrganisms.Samples.TaskEcologies.ExperimentReport;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>exp4: Wright–Fisher population of organisms with selection-stage diagnostics (the paper's Exp3, spec §3.6).</summary>
internal sealed class SelectionPage : IExperimentPage
{
    public string Id => "exp4";

    public string Folder => SelectionExperiment.Name;

    public string Title => "Wright–Fisher population of organisms: selection-stage diagnostics (Exp3)";

    public string Run(PageContext context)
    {
        var options = context.Full ? SelectionOptions.Full : SelectionOptions.Quick;
        options = options with { RunSeeds = options.RunSeeds.Select(s => s + context.Seed - 1).ToArray() };
        var r = SelectionExperiment.Run(options, context.Progress, context.CancellationToken);
        Directory.CreateDirectory(context.OutputDirectory);
        var series = new List<PlotSeries>();
        foreach (var run in r.Runs)
        {
            var generations = Enumerable.Range(0, run.Generations.Count + 1).Select(g => (double)g).ToArray();
            series.Add(new PlotSeries($"seed {run.Seed}: Σ Δ_sel observed", generations, Cumulative(run.Generations.Select(g => g.SelectionChange))));
            series.Add(new PlotSeries($"seed {run.Seed}: Σ E[Δ_sel]", generations, Cumulative(run.Generations.Select(g => g.ExpectedSelectionChange)), Markers: false));
        }
        XyPlot.Save(context.File("cumulative-selection.png"), series, "Cumulative selection change of the mean risk", "generation", "Σ ΔR̄_sel (nats)",
            horizontalLines: [0]);
        if (r.ZScores.Count > 0)
            HistogramPlot.Save(context.File("z-histogram.png"), r.ZScores, -4, 4, 16,
                string.Create(CultureInfo.InvariantCulture, $"Selection z-scores ({r.ZScores.Count} records): rms {r.Diagnostics.RmsZ:F3}, coverage {r.Diagnostics.Coverage95:F3}"),
                "z = (Δ_sel − E[Δ_sel]) / sd", verticalLines: [-1.96, 1.96]);
        WriteReport(context, r);
        var d = r.Diagnostics;
        return string.Create(CultureInfo.InvariantCulture,
            $"{d.Count} records: coverage {d.Coverage95:F3}, |z| ≤ 2 {d.FractionWithinTwo:F3}, rms z {d.RmsZ:F3}, mean Δ_sel {d.MeanObservedChange:E3}");
    }

    private static double[] Cumulative(IEnumerable<double> changes)
    {
        var c = new List<double> { 0 };
        foreach (var x in changes) c.Add(c[^1] + x);
        return c.ToArray();
    }

    private static void WriteReport(PageContext context, SelectionResult r)
    {
        var o = r.Options;
        var d = r.Diagnostics;
        var md = new StringBuilder();
        md.AppendLine("# Experiment 4: Wright–Fisher population of organisms (the paper's Exp3)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Task-ecology spec §3.6. Worlds {string.Join(", ", o.Worlds)} (OrganismWorlds, Mess3 variants) in place of five languages. K = {o.Size}, G = {o.Generations}, runs with seeds {string.Join(", ", o.RunSeeds)}. Initial members: {o.InitialSteps} steps (lr 0.008, linear decay) on one random world each; risk R = world-balanced held-out CE ({o.HeldOutSequences} sequences of {o.Context + 1} tokens per world); fitness exp(−R); Wright–Fisher parents; offspring copy the parent (fresh optimiser), develop {o.DevelopmentSteps} steps (lr 0.005) on the balanced mixture and get weight noise σ = {Num(o.WeightNoise, 3)} (Evolution.Populations.Population). (k, s) of every member from InducedPartitionAnalysis on the exact ecology of contexts of length ≤ {o.PartitionContextLength} (warm-ups {o.Warmups} × {o.WarmupLength} tokens, τ calibrated by split halves). Run time {r.Seconds:F1} s.").AppendLine();
        md.AppendLine("## Selection-stage diagnostics over all generation records").AppendLine();
        md.AppendLine(Table(["quantity", "measured", "paper (150 records)"],
        [
            ["records", d.Count.ToString(CultureInfo.InvariantCulture), "150"],
            ["coverage of the 95% band", Num(d.Coverage95, 3), "0.96"],
            ["fraction abs(z) ≤ 2", Num(d.FractionWithinTwo, 3), "0.96"],
            ["rms z", Num(d.RmsZ, 4), "1.031 (text: 1.05)"],
            ["mean abs(z)", Num(d.MeanAbsZ, 4), "0.8205"],
            ["mean Δ_sel", Num(d.MeanObservedChange, 4), "−0.001489"],
            ["OLS slope of Δ_sel on E[Δ_sel]", Num(d.Slope, 4), "1.9694"],
            ["OLS R²", Num(d.RSquared, 4), "0.2166"],
            ["sign match", Num(d.SignMatch, 3), "0.633"],
            ["records with sd = 0", d.ZeroSpreadCount.ToString(CultureInfo.InvariantCulture), "—"],
        ]));
        md.AppendLine("![cumulative selection](cumulative-selection.png)").AppendLine();
        md.AppendLine("![z histogram](z-histogram.png)").AppendLine();
        md.AppendLine("## Runs").AppendLine();
        md.AppendLine("Paper: cumulative Σ Δ_sel −0.0598, −0.0542, −0.1093; Σ Δ_dev −0.183, −0.206, −0.127; Σ Δ_mut ≈ +0.001–0.003; R̄ 2.934 (gen 1) → 2.690 (gen 50); mean k 2.47 → 3.13.").AppendLine();
        md.AppendLine(Table(["seed", "initial worlds", "R̄ gen 0", "R̄ gen G", "Σ Δ_sel", "Σ Δ_dev", "Σ Δ_mut", "mean k gen 0", "mean k gen G"],
            r.Runs.Select(x => (IReadOnlyList<string>)[x.Seed.ToString(CultureInfo.InvariantCulture), string.Join(" ", x.InitialWorlds), Num(x.MeanRisks[0], 5), Num(x.MeanRisks[^1], 5),
                Num(x.CumulativeSelection, 4), Num(x.CumulativeDevelopment, 4), Num(x.CumulativeMutation, 4), Num(x.MeanClasses[0], 3), Num(x.MeanClasses[^1], 3)])));
        foreach (var x in r.Runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### Seed {x.Seed}").AppendLine();
            md.AppendLine(Table(["generation", "R̄", "Δ_sel", "E[Δ_sel]", "sd", "z", "Δ_dev", "Δ_mut", "mean k", "mean s"],
                x.Generations.Select(g => (IReadOnlyList<string>)[g.Generation.ToString(CultureInfo.InvariantCulture), Num(g.MeanRisk, 5), Num(g.SelectionChange, 3),
                    Num(g.ExpectedSelectionChange, 3), Num(g.SelectionStandardDeviation, 3), Num(g.ZScore, 3), Num(g.DevelopmentChange, 3), Num(g.MutationChange, 3),
                    Num(g.MeanClasses, 3), Num(g.MeanSeparatedPairs, 3)])));
        }
        ExperimentReport.Write(context.OutputDirectory, md.ToString(), r);
    }
}
