using System.CommandLine;
using System.Text.Json.Nodes;
using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Transformers;

namespace LmOrganisms.Cli.Commands;

/// <summary>
/// <c>lmo import</c> and <c>lmo export</c>: convert model weights between PyTorch state dicts (<c>.pt</c>, as
/// <c>torch.save(model.state_dict(), path)</c> writes them; the belief-geometry paper's format) and our safetensors with
/// the configuration as metadata. Both load through <see cref="Transformer.Load(string)"/>, so the weights are checked
/// against the configuration before anything is written.
/// </summary>
public static class ConvertCommands
{
    /// <summary>Builds the <c>import</c> command (.pt → safetensors).</summary>
    public static Command Import() => Create(
        "import",
        "Convert a PyTorch state dict (.pt: torch.save(model.state_dict()), TransformerLens names) to safetensors with the configuration as metadata. The configuration is --config, else the one stored in the file, else config.json or train_config.json next to it, else inferred from the tensor shapes.",
        "A .pt file (or a safetensors file).",
        "The safetensors file to write (not .pt/.pth; use 'lmo export' for those).",
        toPyTorch: false);

    /// <summary>Builds the <c>export</c> command (safetensors → .pt).</summary>
    public static Command Export() => Create(
        "export",
        "Convert model weights (a 'lmo train' run folder, or a safetensors or .pt file) to a PyTorch state dict that torch.load reads and a TransformerLens HookedTransformer of the same configuration loads with load_state_dict. The configuration travels in the archive record extra/metadata.json.",
        "A run folder written by 'lmo train' (its weights.safetensors) or a weights file.",
        "The .pt or .pth file to write.",
        toPyTorch: true);

    private static Command Create(string name, string description, string inputHelp, string outputHelp, bool toPyTorch)
    {
        var input = new Argument<string>("weights") { Description = inputHelp };
        var output = new Option<string>("--out", "-o") { Description = outputHelp, Required = true };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration JSON (ours, as 'lmo train' writes config.json, or a TransformerLens/train_config.json); must equal the one stored in the file, if any." };
        var json = CommonOptions.Json();
        var cmd = new Command(name, description) { input, output, config, json };
        cmd.SetAction(r => CliRunner.Guard(() =>
        {
            var source = Resolve(r.GetValue(input)!);
            var target = r.GetValue(output)!;
            if (PyTorchStateDict.HasPyTorchExtension(target) != toPyTorch)
                throw new ArgumentException(toPyTorch
                    ? $"--out '{target}' must end in .pt or .pth (use 'lmo import' to write safetensors)."
                    : $"--out '{target}' ends in {Path.GetExtension(target)}, which writes PyTorch; give a .safetensors file (use 'lmo export' to write .pt).");
            using var model = r.GetValue(config) is { } configPath
                ? Transformer.Load(source, TransformerConfig.Load(configPath))
                : Transformer.Load(source);
            model.Save(target);
            if (r.GetValue(json))
            {
                Text.WriteJson(new JsonObject
                {
                    ["input"] = source,
                    ["output"] = target,
                    ["format"] = toPyTorch ? "pytorch" : "safetensors",
                    ["parameters"] = model.ParameterCount,
                    ["config"] = JsonNode.Parse(model.Config.ToJson()),
                });
            }
            else
            {
                var c = model.Config;
                Console.Out.WriteLine($"wrote {target} ({(toPyTorch ? "PyTorch state dict" : "safetensors")}): {model.ParameterCount:N0} parameters, {c.Layers} layers, d_model {c.DModel}, {c.Heads} heads of {c.DHead}, d_mlp {c.DMlp}, context {c.ContextLength}, vocabulary {c.Vocabulary}, {c.Normalization}, {c.Activation}");
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>A run folder stands for its weights.safetensors.</summary>
    private static string Resolve(string input)
    {
        if (!Directory.Exists(input)) return input;
        var weights = Path.Combine(input, "weights.safetensors");
        return File.Exists(weights) ? weights : throw new FileNotFoundException($"Folder '{input}' has no weights.safetensors (write one with 'lmo train').");
    }
}
