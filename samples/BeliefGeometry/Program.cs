using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates.Measures;
using LmOrganisms.BeliefStates.Probes;
using LmOrganisms.Ecology.IO;
using LmOrganisms.Ecology.Processes;
using LmOrganisms.Plotting.Figures;
using LmOrganisms.Probing.BeliefGeometry;
using LmOrganisms.Transformers.Evaluation;
using LmOrganisms.Transformers.Interop;
using LmOrganisms.Transformers.Model;
using LmOrganisms.Transformers.Training;
using Spectre.Console;
using TorchSharp;

namespace LmOrganisms.Samples.BeliefGeometry;

/// <summary>
/// The belief-geometry experiment end to end (Shai et al. 2024; spec belief-geometry §2–§5): train the paper's
/// transformer on a hidden-Markov process (or load a checkpoint), probe every residual-stream layer for the belief
/// states and the next-token law, and write report.md, report.json and figures.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var process = new Option<string>("--process", "-p") { Description = "Catalog name (mess3, rrxor, mess3:0.05,0.85, ...) or a process .json file.", DefaultValueFactory = _ => "mess3" };
        var steps = new Option<int>("--steps") { Description = "AdamW steps (batch 64 sequences of 11 tokens).", DefaultValueFactory = _ => 6000 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (warm-up then cosine decay).", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of initialisation, data and shuffle control.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "out" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Skip training and probe this safetensors file (TransformerLens names, e.g. a released checkpoint)." };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Belief geometry: train (or load) a transformer on a hidden-Markov process, probe its residual stream for belief states, write a report and figures.")
        { process, steps, lr, seed, output, checkpoint, threads };
        root.SetAction(r =>
        {
            try
            {
                Run(r.GetValue(process)!, r.GetValue(steps), r.GetValue(lr), r.GetValue(seed), r.GetValue(output)!,
                    r.GetValue(checkpoint), r.GetValue(threads));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return root.Parse(args).Invoke();
    }

    private static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    private static void Say(string line)
    {
        if (Interactive) AnsiConsole.MarkupLine(Markup.Escape(line));
        else Console.Out.WriteLine(line);
    }

    private static void Run(string processName, int steps, double lr, int seed, string outDir, string? checkpoint, int threads)
    {
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1; got {threads}.");
        if (steps < 1) throw new ArgumentException($"--steps must be at least 1; got {steps}.");
        torch.set_num_threads(threads);
        var process = File.Exists(processName) ? ProcessJson.Load(processName) : ProcessCatalog.ByName(processName);
        Directory.CreateDirectory(outDir);
        var clock = Stopwatch.StartNew();
        Transformer model;
        TrainingResult? training = null;
        if (checkpoint is not null)
        {
            if (!File.Exists(checkpoint)) throw new ArgumentException($"--checkpoint file '{checkpoint}' does not exist.");
            TransformerConfig config;
            using (var content = Safetensors.Read(checkpoint)) config = TransformerWeights.InferConfig(content.Tensors);
            if (config.Vocabulary != process.AlphabetSize)
                throw new ArgumentException($"The checkpoint has vocabulary {config.Vocabulary}; process '{process.Name}' has {process.AlphabetSize} symbols.");
            model = TransformerWeights.Load(checkpoint, config);
            Say($"loaded {checkpoint} ({config.Layers} layers, d_model {config.DModel})");
        }
        else
        {
            var config = TransformerPresets.BeliefGeometry with { Vocabulary = process.AlphabetSize };
            model = new Transformer(config, seed);
            var optimal = OptimalLoss.PerPosition(process, config.Context).Nats;
            var options = new TrainingOptions
            {
                Steps = steps, BatchSize = 64, Seed = seed, LearningRate = lr, Optimizer = OptimizerKind.AdamW,
                WeightDecay = 0, Schedule = LearningRateSchedule.WarmupCosine, WarmupSteps = Math.Min(200, steps / 10),
                EvalInterval = Math.Max(1, steps / 20), OptimalLossPerPosition = optimal,
            };
            using var trainer = new Trainer(model, TrainingWorld.FromProcess(process), options);
            training = Interactive ? TrainWithBar(trainer, steps) : trainer.Run(new Progress<TrainingProgress>(p =>
            {
                if (p.Evaluation is { } e) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {p.Step,6}  loss {p.Loss:F5}  eval {e.Loss:F5}  relative {e.RelativeExcess:F5}  {p.TokensPerSecond:F0} tokens/s"));
            }));
            TransformerWeights.Save(model, Path.Combine(outDir, "weights.safetensors"));
            Say(string.Create(CultureInfo.InvariantCulture, $"trained {steps} steps in {training.Seconds:F0} s"));
        }
        using (model)
        {
            var dataset = ProbeDataset.AllWords(process, model.Config.Context);
            Say($"probing {dataset.RowCount:N0} rows ({dataset.SequenceCount:N0} words × {dataset.ContextLength} positions)");
            var result = Interactive ? ProbeWithBar(model, dataset, seed) : BeliefGeometryProbe.Run(model, dataset,
                options: new BeliefGeometryOptions(ShuffleSeed: seed + 1));
            var modelLoss = ExactLoss.PerPosition(model, process, model.Config.Context);
            var optimalLoss = OptimalLoss.PerPosition(process, model.Config.Context).Nats;
            var surplus = InformationSurplus.Compute(process, model.Config.Context, horizon: 2);
            Write(outDir, process, checkpoint, steps, lr, seed, training, result, modelLoss, optimalLoss, surplus, clock.Elapsed);
            Say(string.Create(CultureInfo.InvariantCulture,
                $"concatenated R² {result.Concatenated!.Belief.R2:F4}, MSE {result.Concatenated.Belief.Mse:E4}; wrote {outDir}/report.md in {clock.Elapsed.TotalMinutes:F1} min"));
        }
    }

    private static TrainingResult TrainWithBar(Trainer trainer, int steps)
    {
        TrainingResult result = null!;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("training", maxValue: steps);
            result = trainer.Run(new Progress<TrainingProgress>(p =>
            {
                task.Value = p.Step;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"step {p.Step} loss {p.Loss:F4}");
            }));
        });
        return result;
    }

    private static BeliefGeometryResult ProbeWithBar(Transformer model, ProbeDataset dataset, int seed)
    {
        BeliefGeometryResult result = null!;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("probing", maxValue: 1);
            result = BeliefGeometryProbe.Run(model, dataset, options: new BeliefGeometryOptions(ShuffleSeed: seed + 1),
                progress: new Progress<(string Stage, double Fraction)>(p =>
                {
                    task.Description = Markup.Escape(p.Stage);
                    task.Value = p.Stage == "capture" ? 0 : p.Fraction;
                }));
            task.Value = 1;
        });
        return result;
    }

    private static void Write(string outDir, HiddenMarkovProcess process, string? checkpoint, int steps, double lr, int seed,
        TrainingResult? training, BeliefGeometryResult result, double[] modelLoss, double[] optimalLoss, Surplus surplus,
        TimeSpan elapsed)
    {
        var all = result.Layers.Append(result.Concatenated!).ToArray();
        var names = result.Layers.Select(l => Short(l.Name)).Append("concat").ToArray();
        // Figures.
        if (process.StateCount == 3)
            BeliefSimplexPlot.SaveTrueVersusPredicted(Path.Combine(outDir, "simplex.png"), result.Dataset.Targets,
                result.Concatenated!.PredictedBeliefs, "Ground truth (belief states)", "Residual stream, all layers (linear probe)");
        if (process.StateCount == 3)
        {
            // The paper's Mess3 figure (Fig. 6) probes the residual stream after the last block alone.
            var last = result.Layers.Last(l => l.Name.StartsWith("blocks.", StringComparison.Ordinal));
            BeliefSimplexPlot.SaveTrueVersusPredicted(Path.Combine(outDir, "simplex-last-block.png"), result.Dataset.Targets,
                last.PredictedBeliefs, "Ground truth (belief states)", $"{last.Name} (linear probe)");
        }
        LossCurvePlot.Save(Path.Combine(outDir, "loss-per-position.png"), modelLoss, optimalLoss, "Loss per position: model vs optimal");
        LayerErrorPlot.Save(Path.Combine(outDir, "layers.png"), names, all.Select(l => l.Belief.Mse).ToArray());

        var json = new JsonObject
        {
            ["process"] = process.Name,
            ["source"] = checkpoint is null ? "trained" : "checkpoint",
            ["checkpoint"] = checkpoint,
            ["steps"] = checkpoint is null ? steps : null,
            ["learningRate"] = checkpoint is null ? lr : null,
            ["seed"] = seed,
            ["trainingSeconds"] = training?.Seconds,
            ["totalSeconds"] = elapsed.TotalSeconds,
            ["rows"] = result.Dataset.RowCount,
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
            ? string.Create(c, $"Trained the BeliefGeometry preset for {steps} AdamW steps (batch 64, peak lr {lr}, warm-up + cosine, seed {seed}) in {training!.Seconds:F0} s.")
            : $"Probed the checkpoint `{checkpoint}` (no training).").AppendLine();
        md.AppendLine(c, $"Probe set: every positive-probability word of length {result.Dataset.ContextLength}, each once, all positions ({result.Dataset.RowCount:N0} rows). Least squares with intercept, in sample; MSE averaged over rows and components; pooled R² = 1 − SSE/SST. Constant predictor MSE {result.ConstantPredictorMse:F6}.").AppendLine();
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
        md.AppendLine("Figures: `simplex.png` (true vs predicted beliefs from all layers, three-state processes), `simplex-last-block.png` (the last block's residual stream, as in the paper's figure), `loss-per-position.png`, `layers.png` (belief MSE per layer).");
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), md.ToString());
    }

    private static string Short(string hook) => hook switch
    {
        "blocks.0.hook_resid_pre" => "embed",
        "ln_final.hook_normalized" => "ln_final",
        _ when hook.StartsWith("blocks.", StringComparison.Ordinal) => "L" + (int.Parse(hook.Split('.')[1], CultureInfo.InvariantCulture) + 1),
        _ => hook,
    };
}
