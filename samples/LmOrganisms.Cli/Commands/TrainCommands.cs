using System.CommandLine;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using AnsiConsole = Spectre.Console.AnsiConsole;

using TorchSharp;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo train</c>: train a transformer organism on a process.</summary>
public static class TrainCommands
{
    /// <summary>Builds the <c>train</c> command.</summary>
    public static Command Create()
    {
        var process = new Option<string>("--process", "-p") { Description = "Catalog name (e.g. mess3) or a process .json file.", Required = true };
        var preset = new Option<string>("--preset") { Description = "belief-geometry (default) or microgpt.", DefaultValueFactory = _ => "belief-geometry" };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "Sequences per step.", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of initialisation and data.", DefaultValueFactory = _ => 0 };
        var lr = new Option<double>("--lr") { Description = "Learning rate (AdamW).", DefaultValueFactory = _ => 1e-3 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (1 is fastest on small shared machines).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (checkpoint, weights, config, metrics.json, then the completion marker complete.json).", Required = true };
        var json = CommonOptions.Json();
        var cmd = new Command("train", "Train a transformer organism on a hidden-Markov process; writes checkpoint.safetensors, weights.safetensors (TransformerLens names), config.json, metrics.json and, last, the completion marker complete.json.")
        { process, preset, steps, batch, seed, lr, threads, output, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            int n = r.GetValue(threads);
            if (n < 1) throw new ArgumentException($"--threads must be at least 1; got {n}.");
            torch.set_num_threads(n);
            var world = Worlds.Process(r.GetValue(process)!);
            var config = r.GetValue(preset) switch
            {
                "belief-geometry" => TransformerPresets.BeliefGeometry with { Vocabulary = world.AlphabetSize },
                "microgpt" => TransformerPresets.MicroGpt(vocabulary: world.AlphabetSize, contextLength: 10),
                var other => throw new ArgumentException($"--preset must be belief-geometry or microgpt; got '{other}'."),
            };
            var options = new TrainingOptions
            {
                Steps = r.GetValue(steps), BatchSize = r.GetValue(batch), Seed = r.GetValue(seed), LearningRate = r.GetValue(lr),
                EvalInterval = Math.Max(1, r.GetValue(steps) / 20),
                // Bayes-optimal loss per position (belief-geometry convention A: position k has read k tokens).
                OptimalLossPerPosition = world.Theory(config.ContextLength).OptimalLoss.PerPosition,
            };
            if (options.BatchSize < 1) throw new ArgumentException($"--batch must be at least 1; got {options.BatchSize}.");
            if (options.Steps < 1) throw new ArgumentException($"--steps must be at least 1; got {options.Steps}.");
            MemoryEstimates.Training(config, options.BatchSize);
            var outDir = r.GetValue(output)!;
            foreach (var stale in RunFolder.Begin(outDir))
                if (!r.GetValue(json)) Console.Error.WriteLine($"lmo: removed the stale temporary {Text.Name(stale)} of an interrupted write");
            using var model = Transformer.Create(config, r.GetValue(seed));
            using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(world), options);
            TrainingResult result;
            bool interactive = !r.GetValue(json) && AnsiConsole.Profile.Capabilities.Interactive;
            if (interactive)
            {
                result = null!;
                AnsiConsole.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask($"training {Spectre.Console.Markup.Escape(Text.Name(world.Name))}", maxValue: options.Steps);
                    result = trainer.Run(new StepProgress(StepProgress.DefaultEvery, p =>
                    {
                        task.Value = p.Step;
                        task.Description = $"step {p.Step} loss {p.Loss:F4} {p.TokensPerSecond:F0} tok/s";
                    }));
                });
            }
            else
            {
                var log = r.GetValue(json) ? null : new StepProgress(int.MaxValue, p =>
                {
                    if (p.Evaluation is { } e) Console.Out.WriteLine($"step {p.Step,7}  loss {p.Loss:F6}  eval {e.Loss:F6}  {p.TokensPerSecond:F0} tokens/s");
                });
                result = trainer.Run(log);
            }
            trainer.SaveCheckpoint(Path.Combine(outDir, RunFolder.Checkpoint));
            trainer.Model.Save(Path.Combine(outDir, RunFolder.Weights));
            AtomicFile.WriteAllText(Path.Combine(outDir, RunFolder.Config), config.ToJson());
            var final = result.FinalEvaluation;
            var metrics = new JsonObject
            {
                ["process"] = world.Name,
                ["preset"] = r.GetValue(preset),
                ["parameters"] = model.ParameterCount,
                ["steps"] = options.Steps,
                ["batch"] = options.BatchSize,
                ["seed"] = options.Seed,
                ["tokens_per_second"] = result.TokensPerSecond,
                ["seconds"] = result.Seconds,
                ["loss_curve"] = Text.Array(result.Losses),
                ["final_loss_per_position"] = final is null ? null : Text.Array(final.LossPerPosition),
                ["optimal_loss_per_position"] = final?.OptimalLossPerPosition is { } o ? Text.Array(o) : null,
            };
            AtomicFile.WriteAllText(Path.Combine(outDir, RunFolder.Metrics), metrics.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            RunFolder.Complete(outDir);
            if (r.GetValue(json)) Text.WriteJson(metrics);
            else Console.Out.WriteLine($"done: {options.Steps} steps, final loss {final?.Loss:F6} nats, {result.TokensPerSecond:F0} tokens/s; wrote {Text.Name(outDir)}");
            return 0;
        }));
        return cmd;
    }
}
