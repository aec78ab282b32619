using System.Globalization;
using System.Text.Json;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers;

public sealed partial class Trainer
{
    private const string ModelPrefix = "model.";
    private const string FirstMomentPrefix = "optimizer.m.";
    private const string SecondMomentPrefix = "optimizer.v.";
    private const string LossHistory = "history.loss";

    /// <summary>
    /// Saves everything needed to continue the run bit for bit, atomically (temporary file, then one rename): the weights
    /// (<c>model.{TransformerLens name}</c>), Adam moments (<c>optimizer.m.*</c>, <c>optimizer.v.*</c>), the loss history,
    /// and as metadata the configuration, the options (which fix the schedule and the seed), the step (the schedule
    /// position and, with the seed, the data generator's state, which is counter-based), the world's name and the
    /// evaluations. The file is safetensors, so Python can read the weights with their TransformerLens names minus the prefix.
    /// </summary>
    public void SaveCheckpoint(string path)
    {
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (var (name, p, m, v) in state)
        {
            tensors[ModelPrefix + name] = p;
            tensors[FirstMomentPrefix + name] = m;
            tensors[SecondMomentPrefix + name] = v;
        }
        using var history = torch.tensor(losses.ToArray());
        tensors[LossHistory] = history;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["lmorganisms.checkpoint"] = "1",
            ["config"] = Model.Config.ToJson(),
            ["options"] = Options.ToJson(),
            ["step"] = Step.ToString(CultureInfo.InvariantCulture),
            ["world"] = World.Name,
            ["evaluations"] = JsonSerializer.Serialize(evaluations.Select(e => new EvaluationRecord(e.Step, e.LossPerPosition.ToArray(), e.OptimalLossPerPosition?.ToArray()))),
        };
        Safetensors.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Restores a trainer saved by <see cref="SaveCheckpoint"/>; continuing it gives exactly the losses and weights of an
    /// uninterrupted run. The world is not stored (it may be a large corpus): pass the same one; its name must match.
    /// </summary>
    public static Trainer Resume(string path, TrainingWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        using var content = Safetensors.Read(path);
        string Meta(string key) => content.Metadata.TryGetValue(key, out var v) ? v
            : throw new ArgumentException($"'{path}' has no metadata '{key}'; it is not an LmOrganisms training checkpoint.", nameof(path));
        if (Meta("world") != world.Name)
            throw new ArgumentException($"The checkpoint '{path}' was trained on world '{Meta("world")}', not '{world.Name}'.", nameof(world));
        var config = TransformerConfig.FromJson(Meta("config"));
        var options = TrainingOptions.FromJson(Meta("options"));
        var model = new Transformer(config);
        var weights = content.Tensors.Where(kv => kv.Key.StartsWith(ModelPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[ModelPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);
        TransformerWeights.Load(model, weights);
        var trainer = new Trainer(model, world, options);
        using (torch.no_grad())
        {
            foreach (var (name, _, m, v) in trainer.state)
            {
                m.copy_(content.Tensors[FirstMomentPrefix + name]);
                v.copy_(content.Tensors[SecondMomentPrefix + name]);
            }
        }
        trainer.Step = int.Parse(Meta("step"), CultureInfo.InvariantCulture);
        trainer.losses.AddRange(content.Tensors[LossHistory].data<double>().ToArray());
        var records = JsonSerializer.Deserialize<EvaluationRecord[]>(Meta("evaluations")) ?? [];
        trainer.evaluations.AddRange(records.Select(r => new LossEvaluation(r.Step, r.Loss, r.Optimal)));
        return trainer;
    }

    /// <summary>Exports the current weights to safetensors with TransformerLens names (no optimiser state).</summary>
    public void ExportWeights(string path) => TransformerWeights.Save(Model, path);

    private sealed record EvaluationRecord(int Step, double[] Loss, double[]? Optimal);
}
