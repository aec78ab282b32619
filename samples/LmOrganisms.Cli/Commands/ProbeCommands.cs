using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LmOrganisms.BeliefStates;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Samples.BeliefGeometry;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo probe</c>: the belief-geometry report (belief-geometry paper) for any trained run or checkpoint.</summary>
public static class ProbeCommands
{
    /// <summary>Builds the <c>probe</c> command.</summary>
    public static Command Create()
    {
        var run = new Option<string>("--run", "-r") { Description = "A complete run folder written by 'lmo train' (its weights.safetensors and config.json; refused without the completion marker complete.json) or a weights file: .safetensors or PyTorch .pt with TransformerLens names, or the run's checkpoint.safetensors.", Required = true };
        var process = new Option<string>("--process", "-p") { Description = "Catalog name or process .json file the model was trained on.", Required = true };
        var layers = new Option<string>("--layers", "-l") { Description = "'all' (embedding, every block's resid_post, ln_final) or block indices such as 0,1,3 (their resid_post).", DefaultValueFactory = _ => "all" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder for report.md, report.json and the figures.", Required = true };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the shuffled-target control.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var cmd = new Command("probe", "Probe a trained model's residual stream for the belief states and the next-token law on every word of the context length; writes report.md, report.json and figures.")
        { run, process, layers, output, seed, threads, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            int n = r.GetValue(threads);
            if (n < 1) throw new ArgumentException($"--threads must be at least 1; got {n}.");
            torch.set_num_threads(n);
            var clock = Stopwatch.StartNew();
            var world = Worlds.Process(r.GetValue(process)!);
            var (model, source) = LoadModel(r.GetValue(run)!);
            using (model)
            {
                if (model.Config.Vocabulary != world.AlphabetSize)
                    throw new ArgumentException($"The model has vocabulary {model.Config.Vocabulary}; process '{world.Name}' has {world.AlphabetSize} symbols.");
                var hooks = Hooks(r.GetValue(layers)!, model.Config);
                // The report probes every word of the context length at every hook of the residual stream it reads.
                MemoryEstimates.Probing(world, model.Config, Math.Max(hooks.Count, HookNames.ResidualStream(model.Config).Count));
                int s = r.GetValue(seed);
                var outDir = r.GetValue(output)!;
                Directory.CreateDirectory(outDir);
                var measured = BeliefGeometryReport.Measure(model, world, s, hooks);
                BeliefGeometryReport.Write(outDir, world, source, 0, 0, 0, s, null, measured, clock.Elapsed);
                var (result, modelLoss, optimal, _, usable, _) = measured;
                if (r.GetValue(json))
                {
                    Text.WriteJson(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")))!);
                    return 0;
                }
                var c = CultureInfo.InvariantCulture;
                foreach (var l in result.Layers.Append(result.Concatenated!))
                    Console.Out.WriteLine(string.Create(c, $"{(l == result.Concatenated ? "concatenated" : l.Name),-28} belief R² {l.Belief.R2:F4}  MSE {l.Belief.Mse:E4}  next-token R² {l.NextToken.R2:F4}  shuffle MSE {l.ShuffleControl.Mse:F6}"));
                Console.Out.WriteLine(string.Create(c, $"usable information ({usable!.Hook}, L {usable.ContextLength}): surplus S^cond_{usable.Horizon} ≥ {usable.ConditionalSurplus.Information:F6} (exact {usable.Exact.Conditional:F6}); I(·; next) ≥ {usable.NextToken.Information:F6} (exact {usable.Exact.StatePredictionInformation:F6})"));
                Console.Out.WriteLine(string.Create(c, $"loss {modelLoss.Average():F6} nats vs optimal {optimal.Average():F6} (ratio {modelLoss.Average() / optimal.Average():F6}); wrote {outDir}/report.md"));
            }
            return 0;
        }));
        return cmd;
    }

    private static (Transformer Model, string Source) LoadModel(string run)
    {
        if (Directory.Exists(run))
        {
            RunFolder.CheckComplete(run);
            var weights = Path.Combine(run, RunFolder.Weights);
            var configPath = Path.Combine(run, RunFolder.Config);
            TransformerConfig config;
            try
            {
                config = TransformerConfig.FromJson(InputFile.ReadAllText(configPath, InputFile.MaxJsonBytes, "configuration file"));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Configuration file '{configPath}': {e.Message}", e);
            }
            return (Transformer.Load(weights, config), weights);
        }
        if (!File.Exists(run)) throw new FileNotFoundException($"--run '{run}' is neither a run folder nor a weights file.");
        return (Transformer.Load(run), run);
    }

    private static IReadOnlyList<string> Hooks(string layers, TransformerConfig config)
    {
        if (layers.Equals("all", StringComparison.OrdinalIgnoreCase)) return HookNames.ResidualStream(config);
        var hooks = new List<string>();
        foreach (var part in layers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int l) || l < 0 || l >= config.Layers)
                throw new ArgumentException($"--layers: '{part}' is not a block index in 0..{config.Layers - 1} (or use 'all').");
            hooks.Add(HookNames.ResidPost(l));
        }
        if (hooks.Count == 0) throw new ArgumentException("--layers lists no block index.");
        return hooks;
    }
}
