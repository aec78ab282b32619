using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Plotting;
using LmOrganisms.Probing;

namespace LmOrganisms.Samples.BeliefGeometry;

/// <summary>
/// The belief-geometry report (shared by the BeliefGeometry sample and <c>lmo probe</c>): probe table per layer and
/// concatenated (belief, next token, shuffle control), exact loss per position against the optimum, information
/// surplus next to the probe-based lower bounds (usable information) of the final state, and the figures.
/// </summary>
public static class BeliefGeometryReport
{
    /// <summary>Words at most in the usable-information contexts (keeps the softmax fits of a report to seconds: Mess3,
    /// context 10: L = 8, 6,561 words; RRXOR: L = 10, 436 words).</summary>
    public const int MaxUsableInformationWords = 10_000;

    /// <summary>Sequences per forward pass of the capture and the exact loss: 512 short sequences keep libtorch's
    /// intermediate tensors small enough to be reused by the allocator (4,096 spent most of their time in the kernel,
    /// mapping fresh memory, on the 2-core build machine).</summary>
    private static readonly CaptureOptions CaptureBatch = new() { BatchSize = 512 };

    /// <summary>
    /// Everything the report shows, measured on <paramref name="model"/>: the belief-geometry probes of the residual
    /// stream (or <paramref name="hooks"/>) on every word of the model's context length at every position (shuffle seed + 1), the exact loss per
    /// position next to the optimum, the exact surplus, and the usable-information bounds of the final state on the
    /// words of the longest length L with at most <see cref="MaxUsableInformationWords"/> words.
    /// </summary>
    public static BeliefGeometryMeasurements Measure(Transformer model, HiddenMarkovProcess process, int seed,
        IReadOnlyList<string>? hooks = null, IProgress<ProbeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int n = model.Config.ContextLength;
        var phases = new PhaseClock();
        var probeSet = phases.Time("probe set", () => ProbeSet.AllWords(process, n, cancellationToken: cancellationToken));
        // Streamed: the model runs twice over the words (statistics, then predictions) and the activations are never
        // held (590,490 rows × 6 hooks × 64 floats would be 0.9 GB for Mess3).
        var geometry = phases.Time("probes", () => new BeliefGeometryProbe { Hooks = hooks, ShuffleSeed = seed + 1 }
            .Fit(model, probeSet, CaptureBatch, progress, cancellationToken));
        var theory = phases.Time("theory", () =>
        {
            var t = process.Theory(n);
            _ = t.OptimalLoss;
            _ = t.Surplus(2);
            return t;
        });
        var loss = phases.Time("exact loss", () => model.ExactLoss(process, n, CaptureBatch.BatchSize, cancellationToken));
        progress?.Report(new ProbeProgress("usable information", 1));
        var usable = phases.Time("usable information", () =>
        {
            int l = 1;
            for (int length = 2; length <= n && process.Words(length).Count <= MaxUsableInformationWords; length++) l = length;
            var contexts = ProbeSet.AllWords(process, l, cancellationToken: cancellationToken);
            return new UsableInformation().Fit(model.Capture(contexts, [HookNames.ResidualStream(model.Config)[^1]], CaptureBatch, cancellationToken: cancellationToken),
                contexts, cancellationToken);
        });
        return new BeliefGeometryMeasurements(geometry, loss, theory.OptimalLoss.PerPosition, theory.Surplus(2), usable, phases.Phases);
    }

    /// <summary>Writes report.md, report.json and the figures (simplex pictures for three-state processes, loss per
    /// position, per-layer belief MSE) to <paramref name="outDir"/>; every file is written atomically.
    /// The usable-information table is written when <paramref name="measured"/> has one.</summary>
    public static void Write(string outDir, HiddenMarkovProcess process, string? checkpoint, int steps, int batch, double lr, int seed,
        TrainingResult? training, BeliefGeometryMeasurements measured, TimeSpan elapsed)
    {
        var (result, modelLoss, optimalLoss, surplus, usable, _) = measured;
        var all = result.Layers.Append(result.Concatenated!).ToArray();
        var names = result.Layers.Select(l => Short(l.Name)).Append("concat").ToArray();
        // Figures.
        if (process.StateCount == 3)
            BeliefSimplexPlot.SaveTrueVersusPredicted(Path.Combine(outDir, "simplex.png"), result.ProbeSet.Beliefs,
                result.Concatenated!.PredictedBeliefs, "Ground truth (belief states)", "Residual stream, all layers (linear probe)");
        if (process.StateCount == 3)
        {
            // The paper's Mess3 figure (Fig. 6) probes the residual stream after the last block alone.
            var last = result.Layers.Last(l => l.Name.StartsWith("blocks.", StringComparison.Ordinal));
            BeliefSimplexPlot.SaveTrueVersusPredicted(Path.Combine(outDir, "simplex-last-block.png"), result.ProbeSet.Beliefs,
                last.PredictedBeliefs, "Ground truth (belief states)", $"{last.Name} (linear probe)");
        }
        LossCurvePlot.Save(Path.Combine(outDir, "loss-per-position.png"), modelLoss, optimalLoss, "Loss per position: model vs optimal");
        LayerErrorPlot.Save(Path.Combine(outDir, "layers.png"), names, all.Select(l => l.Belief.Mse).ToArray(), "belief-probe MSE", "Belief-state probe MSE per layer");

        var json = new JsonObject
        {
            ["process"] = process.Name,
            ["source"] = checkpoint is null ? "trained" : "checkpoint",
            ["checkpoint"] = checkpoint,
            ["steps"] = checkpoint is null ? steps : null,
            ["batchSize"] = checkpoint is null ? batch : null,
            ["learningRate"] = checkpoint is null ? lr : null,
            ["seed"] = seed,
            ["trainingSeconds"] = training?.Seconds,
            ["totalSeconds"] = elapsed.TotalSeconds,
            ["phaseSeconds"] = new JsonObject(measured.Phases.Select(p => new KeyValuePair<string, JsonNode?>(p.Name, p.Seconds))),
            ["rows"] = result.ProbeSet.RowCount,
            ["constantPredictorMse"] = result.ConstantPredictorMse,
            ["lossPerPosition"] = new JsonArray(modelLoss.Select(v => (JsonNode)v).ToArray()),
            ["optimalLossPerPosition"] = new JsonArray(optimalLoss.Select(v => (JsonNode)v).ToArray()),
            ["relativeLoss"] = modelLoss.Average() / optimalLoss.Average(),
            ["informationSurplus"] = new JsonObject
            {
                ["horizon"] = surplus.Horizon,
                ["predictiveInformationNats"] = new JsonArray(surplus.PredictiveInformation.Select(v => (JsonNode)v).ToArray()),
                ["conditionalNats"] = surplus.Conditional,
                ["dpiGapNats"] = surplus.DpiGap,
                ["nextTokenEntropyNats"] = surplus.NextTokenEntropy,
            },
            ["usableInformation"] = usable is null ? null : new JsonObject
            {
                ["hook"] = usable.Hook,
                ["contextLength"] = usable.ContextLength,
                ["horizon"] = usable.Horizon,
                ["beliefCells"] = usable.CellCount,
                ["exactDpiGapNats"] = usable.Exact.DpiGap,
                ["quantities"] = new JsonArray(UsableRows(usable).Select(q => (JsonNode)new JsonObject
                {
                    ["quantity"] = q.Name,
                    ["exactNats"] = q.Estimate.ExactInformation,
                    ["probeLowerBoundNats"] = q.Estimate.Information,
                    ["gapNats"] = q.Estimate.Gap,
                    ["probeIterations"] = q.Estimate.Probe.Iterations,
                }).ToArray()),
            },
            ["probes"] = new JsonArray(all.Select(l => (JsonNode)new JsonObject
            {
                ["features"] = l.Name,
                ["width"] = l.FeatureCount,
                ["beliefMse"] = l.Belief.Mse,
                ["beliefR2"] = l.Belief.R2,
                ["nextTokenMse"] = l.NextToken.Mse,
                ["nextTokenR2"] = l.NextToken.R2,
                ["shuffleMse"] = l.ShuffleControl.Mse,
                ["shuffleR2"] = l.ShuffleControl.R2,
            }).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"# Belief geometry: {process.Name}").AppendLine();
        md.AppendLine(checkpoint is null
            ? string.Create(c, $"Trained the BeliefGeometry preset for {steps} AdamW steps (batch {batch}, peak lr {lr}, warm-up + cosine, seed {seed}) in {training!.Seconds:F0} s.")
            : $"Probed the checkpoint `{checkpoint}` (no training).").AppendLine();
        md.AppendLine(c, $"Probe set: every positive-probability word of length {result.ProbeSet.Length}, each once, all positions ({result.ProbeSet.RowCount:N0} rows). Least squares with intercept, in sample; MSE averaged over rows and components; pooled R² = 1 − SSE/SST. Constant predictor MSE {result.ConstantPredictorMse:F6}.").AppendLine();
        md.AppendLine("| features | width | belief MSE | belief R² | next-token MSE | next-token R² | shuffle MSE |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var l in all)
            md.AppendLine(c, $"| {l.Name} | {l.FeatureCount} | {l.Belief.Mse:E4} | {l.Belief.R2:F4} | {l.NextToken.Mse:E4} | {l.NextToken.R2:F4} | {l.ShuffleControl.Mse:F6} |");
        md.AppendLine().AppendLine("Loss per position (nats), model (exact, all words) vs optimal:").AppendLine();
        md.AppendLine("| position | model | optimal | model / optimal |").AppendLine("|---|---|---|---|");
        for (int i = 0; i < modelLoss.Length; i++)
            md.AppendLine(c, $"| {i + 1} | {modelLoss[i]:F6} | {optimalLoss[i]:F6} | {modelLoss[i] / optimalLoss[i]:F6} |");
        md.AppendLine().AppendLine(c, $"Mean: model {modelLoss.Average():F6}, optimal {optimalLoss.Average():F6}, ratio {modelLoss.Average() / optimalLoss.Average():F6}.").AppendLine();
        md.AppendLine(c, $"Information surplus (spec §4, horizon {surplus.Horizon}, nats): I(B; X_next..) = {string.Join(", ", surplus.PredictiveInformation.Select(v => v.ToString("F6", c)))}; conditional surplus {surplus.Conditional:F6}; DPI gap {surplus.DpiGap:F6}; next-token entropy {surplus.NextTokenEntropy:F6}.").AppendLine();
        if (usable is not null)
        {
            md.AppendLine(c, $"Usable information (markov-categories spec §1.4; nats): linear-softmax probes from `{usable.Hook}` at the last position of every word of length {usable.ContextLength} (weighted by its probability, targets the exact laws given its belief), next to the exact values of the belief at depth {usable.ContextLength}. A probe's bound never exceeds the exact value; the gap is what a linear-softmax read-out of the activation cannot extract. Belief cells: grid of the simplex ({usable.CellCount} occupied).").AppendLine();
            md.AppendLine("| quantity | exact | probe lower bound | gap |").AppendLine("|---|---|---|---|");
            foreach (var q in UsableRows(usable))
                md.AppendLine(c, $"| {q.Name} | {q.Estimate.ExactInformation:F6} | {q.Estimate.Information:F6} | {q.Estimate.Gap:E2} |");
            md.AppendLine();
        }
        md.AppendLine("Figures: `simplex.png` (true vs predicted beliefs from all layers, three-state processes), `simplex-last-block.png` (the last block's residual stream, as in the paper's figure), `loss-per-position.png`, `layers.png` (belief MSE per layer).");
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), md.ToString());
    }

    private static IEnumerable<(string Name, UsableInformationEstimate Estimate)> UsableRows(UsableInformationResult u)
    {
        int k = u.Horizon;
        yield return ("I(·; X_t+1)", u.NextToken);
        yield return ($"I(·; X_t+1..t+{k})", u.Future);
        yield return ($"S^cond_{k} = I(·; {(k == 2 ? "X_t+2" : $"X_t+2..t+{k}")} given X_t+1)", u.ConditionalSurplus);
        yield return ("I(·; belief cell)", u.BeliefCell);
    }

    /// <summary>Short label of a hook for plots: embed, L1..Ln, ln_final.</summary>
    public static string Short(string hook) => hook switch
    {
        "blocks.0.hook_resid_pre" => "embed",
        "ln_final.hook_normalized" => "ln_final",
        _ when hook.StartsWith("blocks.", StringComparison.Ordinal) => "L" + (int.Parse(hook.Split('.')[1], CultureInfo.InvariantCulture) + 1),
        _ => hook,
    };
}

/// <summary>What <see cref="BeliefGeometryReport.Measure"/> measured.</summary>
/// <param name="Geometry">The belief-geometry probes.</param>
/// <param name="ModelLoss">The model's exact loss per position (nats).</param>
/// <param name="OptimalLoss">The optimal loss per position (nats).</param>
/// <param name="Surplus">The exact surplus at the model's context length, horizon 2.</param>
/// <param name="Usable">The usable-information bounds of the final state, or null.</param>
/// <param name="Phases">Wall-clock and CPU seconds of each phase of the measurement, in order.</param>
public sealed record BeliefGeometryMeasurements(BeliefGeometryResult Geometry, double[] ModelLoss, double[] OptimalLoss,
    Surplus Surplus, UsableInformationResult? Usable, IReadOnlyList<PhaseTime> Phases);
