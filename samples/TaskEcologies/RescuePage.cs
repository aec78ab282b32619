using System.Globalization;
using System.Text;
using LmOrganisms.Evolution;
using LmOrganisms.Plotting;
using static LmOrganisms.Samples.TaskEcologies.ExperimentReport;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>exp6: two-ecology rescue (the paper's Exp6, spec §3.8, §1.13): static α sweep against the exact α*, and a
/// recipe-trait population.</summary>
internal sealed class RescuePage : IExperimentPage
{
    public string Id => "exp6";

    public string Folder => RescueExperiment.Name;

    public string Title => "two-ecology rescue: α sweep vs exact α*, rising recipe trait (Exp6)";

    public string Run(PageContext context)
    {
        var options = (context.Full ? RescueOptions.Full : RescueOptions.Quick) with { Seed = RescueOptions.Quick.Seed + context.Seed - 1 };
        var r = RescueExperiment.Run(options, context.Progress, context.CancellationToken);
        Directory.CreateDirectory(context.OutputDirectory);
        var t = r.Theory;
        var alphas = r.Sweep.Select(p => p.Alpha).ToArray();
        double maxSeparation = r.Sweep.Max(p => p.Separation);
        var grid = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
        XyPlot.Save(context.File("rescue-curve.png"),
            [new PlotSeries("normalised captured signal (summary CE)", alphas, r.Sweep.Select(p => p.NormalisedSignal).ToArray()),
             new PlotSeries("behavioural separation / its maximum", alphas, r.Sweep.Select(p => maxSeparation > 0 ? p.Separation / maxSeparation : 0).ToArray()),
             new PlotSeries("σ²_μα of the injected ecology (exact)", grid, grid.Select(a => ((1 - a) * t.TokenSeparation) + (a * t.EvaluationSeparation)).ToArray(), Markers: false)],
            $"Rescue curve: α* = {Num(t.AlphaStar, 3)} (ε = {Num(t.Epsilon, 3)})", "injection weight α", "normalised signal",
            verticalLines: [t.AlphaStar], horizontalLines: [t.Epsilon]);
        var generations = r.Generations.Select(g => (double)g.Generation).ToArray();
        XyPlot.Save(context.File("trait-trajectories.png"),
            [new PlotSeries("ᾱ", generations, r.Generations.Select(g => g.MeanTrait).ToArray()),
             new PlotSeries("ᾱ_sel (fitness-weighted)", generations, r.Generations.Select(g => g.SelectedMeanTrait).ToArray()),
             new PlotSeries("individuals", r.Generations.SelectMany(g => g.Traits.Select(_ => (double)g.Generation)).ToArray(),
                 r.Generations.SelectMany(g => g.Traits).ToArray(), Line: false)],
            "Recipe-trait population: fitness exp(−summary CE)", "generation", "trait α", verticalLines: null, horizontalLines: [t.AlphaStar]);
        WriteReport(context, r);
        var first = r.Generations[0];
        var last = r.Generations[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"α* = {t.AlphaStar:G3}; summary CE {r.Sweep[0].SummaryCrossEntropy:F3} (α=0) → {r.Sweep[^1].SummaryCrossEntropy:F3} (α=1), Bayes {t.BayesSummaryCrossEntropy:F3}; ᾱ {first.MeanTrait:F3} → {last.MeanTrait:F3}, ᾱ_sel ≥ ᾱ in {r.SelectedMeanAtLeastMean:P0}");
    }

    private static string PairText(RescueOptions o, string world1, string world2) => o.Pair switch
    {
        RescuePair.NoisyEcho => string.Create(CultureInfo.InvariantCulture, $"{world1} = i.i.d. uniform and {world2} = the noisy echo (x_(t+2) = x_t with probability {Num(1 - o.EchoNoise, 3)} + {Num(o.EchoNoise, 3)}/3, else another token; every pair law uniform)"),
        RescuePair.SumThree => $"{world1} = i.i.d. uniform and {world2} = blocks (a, b, a + b mod 3) in the stationary phase",
        _ => string.Create(CultureInfo.InvariantCulture, $"{world1} = Mess3(0.05, 0.85) and its Mess3 twin {world2} (x' = {Num(o.TwinX, 3)})"),
    };

    private static void WriteReport(PageContext context, RescueResult r)
    {
        var o = r.Options;
        var t = r.Theory;
        var md = new StringBuilder();
        md.AppendLine("# Experiment 6: two-ecology rescue (the paper's Exp6)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Task-ecology spec §3.8 and §1.13 (Prop 47, Prop 75). Worlds: {PairText(o, t.World1, t.World2)}; they agree on every context of length ≤ 1 and have identical token marginals. Vocabulary A, B, C + summary labels y ({t.World1}), z ({t.World2}); body length B = {o.BodyLength}. A base organism trains {o.BaseSteps} steps on token sequences; each sweep point post-trains it {o.PostSteps} steps with labelled sequences in proportion α. All losses exact (every body enumerated). Run time {r.Seconds:F1} s.").AppendLine();
        md.AppendLine("## Exact theory").AppendLine();
        md.AppendLine(Table(["quantity", "value"],
        [
            ["ε (" + (t.EpsilonCalibrated ? "calibrated behavioural threshold τ of the base organism, split halves, 95th pct." : "given") + ")", Num(t.Epsilon, 5)],
            ["σ²_tok, prefix token ecology (the behavioural measurement's, §3.2)", Num(t.TokenSeparation, 3)],
            ["σ²_tok, full-context token ecology (all prefixes of length 1..B)", Num(t.ContextTokenSeparation, 5)],
            ["σ²_ν, evaluation ecology (summary label)", Num(t.EvaluationSeparation, 3)],
            ["gap pair (σ²_tok ≤ ε < σ²_ν)", t.IsGapPair ? "yes" : "no"],
            ["**α* = (ε − σ²_tok)/(σ²_ν − σ²_tok)**", Num(t.AlphaStar, 5)],
            ["α* for the full-context token ecology", t.ContextAlphaStar is { } a ? Num(a, 5) : "— (σ²_tok > ε: not a gap pair at this ε)"],
            ["Bayes-optimal summary CE E[H(W | body)]", Num(t.BayesSummaryCrossEntropy, 5) + $" (ln 2 = {Num(Math.Log(2), 5)})"],
        ]));
        md.AppendLine("## Static sweep").AppendLine();
        string[] paperSummary = ["25.5675", "1.8262", "0.8094", "0.5697", "0.2842", "0.3576", "0.1871"];
        double[] paperAlpha = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 1];
        string[] paperSignal = ["0", "0.935", "0.976", "0.985", "0.996", "0.993", "1"];
        md.AppendLine("Exact floor of the summary CE at α > 0: −ln α + E[H(W | body)] (the label follows a body with probability α only, so an organism can give it at most α P(w | body)).").AppendLine();
        md.AppendLine(Table(["α", "body CE", "summary CE", "exact floor", "paper summary CE", "normalised signal", "paper signal", "separation (JS½)", "measured > ε", "α > α*"],
            r.Sweep.Select(p =>
            {
                int i = Array.IndexOf(paperAlpha, p.Alpha);
                return (IReadOnlyList<string>)[Num(p.Alpha, 3), Num(p.BodyCrossEntropy, 4), Num(p.SummaryCrossEntropy, 4),
                    p.Alpha > 0 ? Num(-Math.Log(p.Alpha) + t.BayesSummaryCrossEntropy, 4) : "∞", i >= 0 ? paperSummary[i] : "—",
                    Num(p.NormalisedSignal, 3), i >= 0 ? paperSignal[i] : "—", Num(p.Separation, 3), p.Resolved ? "yes" : "no", p.TheoryResolved ? "yes" : "no"];
            })));
        md.AppendLine("![rescue curve](rescue-curve.png)").AppendLine();
        md.AppendLine("## Recipe-trait population").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"K = {o.PopulationSize}, G = {o.Generations}; initial α ~ U(0, 1); each generation every individual is the base organism post-trained {o.PopulationSteps} steps at its own α (the paper's design), fitness exp(−summary CE), Wright–Fisher parents ∝ fitness, child α = clamp(α_parent + {Num(o.TraitNoise, 2)}·N(0, 1), 0, 1) (Evolution.Recipes.RecipeSelection). ᾱ_sel ≥ ᾱ in {r.SelectedMeanAtLeastMean:P0} of generations (Prop 75 predicts every generation when the summary loss decreases in α). Paper: ᾱ 0.458 → 0.916 over 20 generations, summary CE 1.645 → 0.329.").AppendLine();
        md.AppendLine(Table(["generation", "ᾱ", "ᾱ_sel", "mean summary CE"],
            r.Generations.Select(g => (IReadOnlyList<string>)[g.Generation.ToString(CultureInfo.InvariantCulture), Num(g.MeanTrait, 4), Num(g.SelectedMeanTrait, 4), Num(g.MeanSummaryCrossEntropy, 4)])));
        md.AppendLine("![trait trajectories](trait-trajectories.png)").AppendLine();
        ExperimentReport.Write(context.OutputDirectory, md.ToString(), r);
    }
}
