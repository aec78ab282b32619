using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Plotting;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
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
    /// <summary>The recipe's AdamW steps (see README "Two commands" and docs/performance.md "Main job").</summary>
    public const int DefaultSteps = 8000;

    /// <summary>The recipe's sequences per step.</summary>
    public const int DefaultBatch = 64;

    /// <summary>The recipe's peak learning rate.</summary>
    public const double DefaultLearningRate = 3e-3;

    public static int Main(string[] args)
    {
        var process = new Option<string>("--process", "-p") { Description = "Catalog name (mess3, rrxor, mess3:0.05,0.85, ...) or a process .json file.", DefaultValueFactory = _ => "mess3" };
        var steps = new Option<int>("--steps") { Description = "AdamW steps.", DefaultValueFactory = _ => DefaultSteps };
        var batch = new Option<int>("--batch") { Description = "Sequences of 11 tokens per step.", DefaultValueFactory = _ => DefaultBatch };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (warm-up then cosine decay).", DefaultValueFactory = _ => DefaultLearningRate };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of initialisation, data and shuffle control.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "out" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Skip training and probe this safetensors file (TransformerLens names, e.g. a released checkpoint)." };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Belief geometry: train (or load) a transformer on a hidden-Markov process, probe its residual stream for belief states, write a report and figures.")
        { process, steps, batch, lr, seed, output, checkpoint, threads };
        root.SetAction(r =>
        {
            try
            {
                Run(r.GetValue(process)!, r.GetValue(steps), r.GetValue(batch), r.GetValue(lr), r.GetValue(seed), r.GetValue(output)!,
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

    private static void Run(string processName, int steps, int batch, double lr, int seed, string outDir, string? checkpoint, int threads)
    {
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1; got {threads}.");
        if (steps < 1) throw new ArgumentException($"--steps must be at least 1; got {steps}.");
        if (batch < 1) throw new ArgumentException($"--batch must be at least 1; got {batch}.");
        torch.set_num_threads(threads);
        var process = File.Exists(processName) ? HiddenMarkovProcess.Load(processName) : Processes.FromName(processName);
        Directory.CreateDirectory(outDir);
        var clock = Stopwatch.StartNew();
        Transformer model;
        TrainingResult? training = null;
        if (checkpoint is not null)
        {
            if (!File.Exists(checkpoint)) throw new ArgumentException($"--checkpoint file '{checkpoint}' does not exist.");
            model = Transformer.Load(checkpoint);
            if (model.Config.Vocabulary != process.AlphabetSize)
            {
                model.Dispose();
                throw new ArgumentException($"The checkpoint has vocabulary {model.Config.Vocabulary}; process '{process.Name}' has {process.AlphabetSize} symbols.");
            }
            Say($"loaded {checkpoint} ({model.Config.Layers} layers, d_model {model.Config.DModel})");
        }
        else
        {
            var config = TransformerPresets.BeliefGeometry with { Vocabulary = process.AlphabetSize };
            model = Transformer.Create(config, seed);
            var options = new TrainingOptions
            {
                Steps = steps, BatchSize = batch, Seed = seed, LearningRate = lr, Optimizer = OptimizerKind.AdamW,
                WeightDecay = 0, Schedule = LearningRateSchedule.WarmupCosine, WarmupSteps = Math.Min(200, steps / 10),
                EvalInterval = Math.Max(1, steps / 20), OptimalLossPerPosition = process.Theory(config.ContextLength).OptimalLoss.PerPosition,
            };
            using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(process), options);
            training = Interactive ? TrainWithBar(trainer, steps) : trainer.Run(new Progress<TrainingProgress>(p =>
            {
                if (p.Evaluation is { } e) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {p.Step,6}  loss {p.Loss:F5}  eval {e.Loss:F5}  relative {e.RelativeExcess:F5}  {p.TokensPerSecond:F0} tokens/s"));
            }));
            model.Save(Path.Combine(outDir, "weights.safetensors"));
            Say(string.Create(CultureInfo.InvariantCulture, $"trained {steps} steps in {training.Seconds:F0} s"));
        }
        using (model)
        {
            Say($"probing every word of {model.Config.ContextLength} tokens at every position");
            var measured = Interactive ? MeasureWithBar(model, process, seed) : BeliefGeometryReport.Measure(model, process, seed);
            var writing = new PhaseClock();
            writing.Time("report and figures", () => BeliefGeometryReport.Write(outDir, process, checkpoint, steps, batch, lr, seed, training, measured, clock.Elapsed));
            Say(string.Join(", ", measured.Phases.Concat(writing.Phases)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Seconds:F1} s (cpu {p.CpuSeconds:F1} s)"))));
            var concat = measured.Geometry.Concatenated!;
            Say(string.Create(CultureInfo.InvariantCulture,
                $"concatenated R² {concat.Belief.R2:F4}, MSE {concat.Belief.Mse:E4}; wrote {outDir}/report.md in {clock.Elapsed.TotalMinutes:F1} min"));
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

    private static BeliefGeometryMeasurements MeasureWithBar(Transformer model, HiddenMarkovProcess process, int seed)
    {
        BeliefGeometryMeasurements result = null!;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("probing", maxValue: 1);
            result = BeliefGeometryReport.Measure(model, process, seed, progress: new Progress<ProbeProgress>(p =>
            {
                task.Description = Markup.Escape(p.Stage);
                task.Value = p.Fraction;
            }));
            task.Value = 1;
        });
        return result;
    }
}
