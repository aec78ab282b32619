using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Populations;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Cli.Commands;

/// <summary><c>lmo evolve population</c>: a Wright–Fisher population of trained transformer organisms on process worlds.</summary>
public static class PopulationCommands
{
    /// <summary>Builds the <c>population</c> subcommand of <c>evolve</c>.</summary>
    public static Command Create()
    {
        var worlds = new Option<string>("--worlds", "-W") { Description = "Process worlds, comma-separated catalog names or .json files (e.g. mess3,mess3:0.15,0.6; numbers after a name are its parameters).", Required = true };
        var size = new Option<int>("--size", "-K") { Description = "Population size K.", DefaultValueFactory = _ => 4 };
        var generations = new Option<int>("--generations", "-G") { Description = "Generations after the initial population.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 0 };
        var initialSteps = new Option<int>("--initial-steps") { Description = "Training steps of each initial member (Adam, lr 0.008, linear decay).", DefaultValueFactory = _ => 40 };
        var developmentSteps = new Option<int>("--development-steps") { Description = "Development steps of each offspring (Adam, lr 0.005, fresh moments).", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch") { Description = "Sequences per training step.", DefaultValueFactory = _ => 16 };
        var weightNoise = new Option<double>("--weight-noise") { Description = "σ of the Gaussian noise on every weight at mutation.", DefaultValueFactory = _ => 0.001 };
        var traitNoise = new Option<double>("--trait-noise") { Description = "σ of the trait noise (trait α = weight of the last world in the development mixture, clamped to [0, 1]).", DefaultValueFactory = _ => 0.05 };
        var initialTrait = new Option<double>("--initial-trait") { Description = "Trait α of every initial member.", DefaultValueFactory = _ => 0.5 };
        var parallelism = new Option<int>("--parallelism") { Description = "Members trained at once (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads per process (1 is best with several members at once).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "State folder (population.json, members/*.safetensors); a folder that already holds a run is resumed.", Required = true };
        var json = CommonOptions.Json();
        var cmd = new Command("population", "A Wright–Fisher population of small transformers (the task-ecology paper's Exp3 on process worlds): initial training, then per generation selection ∝ exp(−R), copy, development, mutation; R = world-balanced held-out cross-entropy. Prints the stage-wise changes and the selection-stage z per generation.")
            { worlds, size, generations, seed, initialSteps, developmentSteps, batch, weightNoise, traitNoise, initialTrait, parallelism, threads, output, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            int n = r.GetValue(threads);
            if (n < 1) throw new ArgumentException($"--threads must be at least 1; got {n}.");
            torch.set_num_threads(n);
            var processes = ParseWorlds(r.GetValue(worlds)!);
            var config = TransformerPresets.MicroGpt(vocabulary: processes[0].AlphabetSize, layers: 1, dModel: 16, heads: 4, contextLength: 16);
            var risk = HeldOutCrossEntropy.FromProcesses(processes, sequences: 64, length: config.ContextLength + 1, seed: 12345);
            TrainingWorld Recipe(double alpha) => TrainingWorld.FromProcesses(processes, MixtureWeights(processes.Count, alpha));
            var dir = r.GetValue(output)!;
            var options = new PopulationOptions
            {
                Size = r.GetValue(size),
                Generations = r.GetValue(generations),
                Seed = r.GetValue(seed),
                Config = config,
                InitialTraining = PopulationOptions.PaperInitialTraining with { Steps = r.GetValue(initialSteps), BatchSize = r.GetValue(batch) },
                Development = PopulationOptions.PaperDevelopment with { Steps = r.GetValue(developmentSteps), BatchSize = r.GetValue(batch) },
                WeightNoise = r.GetValue(weightNoise),
                TraitNoise = r.GetValue(traitNoise),
                InitialTraits = r.GetValue(size) > 0 ? Enumerable.Repeat(r.GetValue(initialTrait), r.GetValue(size)).ToArray() : null,
                MaxParallelism = r.GetValue(parallelism),
                StateDirectory = dir,
            };
            bool resumed = File.Exists(Path.Combine(dir, "population.json"));
            bool quiet = r.GetValue(json);
            var progress = new Progress(quiet);
            Directory.CreateDirectory(dir);
            var run = resumed
                ? Population.Resume(dir, Recipe, risk, progress, maxParallelism: options.MaxParallelism)
                : Population.Run(options, Recipe, risk, progress);
            if (quiet)
            {
                Text.WriteJson(new JsonObject
                {
                    ["worlds"] = Text.Array(processes.Select(p => p.Name)),
                    ["size"] = run.Options.Size,
                    ["resumed"] = resumed,
                    ["state"] = Path.GetFullPath(dir),
                    ["meanRisk"] = Text.Array(run.MeanRisks),
                    ["meanTrait"] = Text.Array(run.MeanTraits),
                    ["generations"] = new JsonArray(run.Generations.Select(g => (JsonNode)new JsonObject
                    {
                        ["generation"] = g.Generation,
                        ["meanRisk"] = g.MeanRisk,
                        ["meanTrait"] = g.MeanTrait,
                        ["selectedMeanRisk"] = g.SelectedMeanRisk,
                        ["selectedMeanTrait"] = g.SelectedMeanTrait,
                        ["deltaSel"] = g.SelectionChange,
                        ["deltaDev"] = g.DevelopmentChange,
                        ["deltaMut"] = g.MutationChange,
                        ["expectedDeltaSel"] = g.ExpectedSelectionChange,
                        ["sd"] = g.SelectionStandardDeviation,
                        ["z"] = g.ZScore,
                        ["parents"] = Text.Array(g.Members.Select(m => m.ParentId ?? -1)),
                        ["risks"] = Text.Array(g.Members.Select(m => m.Risk)),
                        ["traits"] = Text.Array(g.Members.Select(m => m.Trait)),
                    }).ToArray()),
                });
                return 0;
            }
            var sb = new StringBuilder();
            sb.AppendLine($"{(resumed ? "resumed" : "ran")} a population of K = {run.Options.Size} on {string.Join(", ", processes.Select(p => p.Name))}; state in {Path.GetFullPath(dir)}");
            sb.AppendLine($"generation 0: R̄ = {Text.Num(run.MeanRisks[0], 6)} nats, ᾱ = {Text.Num(run.MeanTraits[0], 4)}");
            sb.AppendLine("  g      R̄        ᾱ      Δ_sel     E[Δ_sel]     sd        z      Δ_dev      Δ_mut");
            foreach (var g in run.Generations)
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{g.Generation,3} {g.MeanRisk,9:F5} {g.MeanTrait,7:F4} {g.SelectionChange,10:F6} {g.ExpectedSelectionChange,10:F6} {g.SelectionStandardDeviation,9:F6} {(g.ZScore is { } z ? z.ToString("F3", CultureInfo.InvariantCulture) : "—"),7} {g.DevelopmentChange,10:F6} {g.MutationChange,10:F6}"));
            Console.Out.Write(sb.ToString());
            return 0;
        }));
        return cmd;
    }

    /// <summary>Worlds from "a,b:0.1,0.2,c": a token that is a number belongs to the preceding name's parameters.</summary>
    internal static IReadOnlyList<HiddenMarkovProcess> ParseWorlds(string text)
    {
        var names = new List<string>();
        foreach (var token in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (token.Length == 0) throw new ArgumentException($"--worlds '{text}' has an empty entry.");
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && names.Count > 0 && names[^1].Contains(':', StringComparison.Ordinal))
                names[^1] += "," + token;
            else
                names.Add(token);
        }
        // Catalog variants share the catalog name (mess3 and mess3:0.15,0.6 are both "mess3"): name each world as given.
        var processes = names.Select(name => Worlds.IsPath(name) ? Worlds.Process(name) : Worlds.Process(name).WithName(name)).ToArray();
        for (int i = 1; i < processes.Length; i++)
            if (!processes[i].Alphabet.SequenceEqual(processes[0].Alphabet, StringComparer.Ordinal))
                throw new ArgumentException($"--worlds: '{names[i]}' has alphabet ({string.Join(", ", processes[i].Alphabet)}), '{names[0]}' has ({string.Join(", ", processes[0].Alphabet)}); the worlds must share one alphabet.");
        return processes;
    }

    /// <summary>Development mixture for trait α: the last world with weight α, the others share 1 − α (one world: weight 1).</summary>
    private static double[] MixtureWeights(int worlds, double alpha)
    {
        if (worlds == 1) return [1.0];
        var w = Enumerable.Repeat((1 - alpha) / (worlds - 1), worlds).ToArray();
        w[^1] = alpha;
        return w;
    }

    /// <summary>One line per finished generation on stderr (nothing with --json).</summary>
    private sealed class Progress(bool quiet) : IProgress<PopulationProgress>
    {
        public void Report(PopulationProgress value)
        {
            if (!quiet && value.Stage == PopulationStage.GenerationSaved)
                Console.Error.WriteLine($"generation {value.Generation}/{value.Generations} done");
        }
    }
}
