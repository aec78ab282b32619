using System.Globalization;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Evolution;

/// <summary>
/// A member's state as safetensors bytes, in the layout of a <see cref="Trainer"/> checkpoint without history: weights
/// <c>model.*</c>, optionally Adam moments <c>optimizer.m.*</c> / <c>optimizer.v.*</c> and the step counter. Moments
/// travel through a temporary trainer checkpoint (the trainer's public save/resume), so inherited optimiser state
/// continues exactly as the trainer itself would.
/// </summary>
internal static class MemberState
{
    private const string ModelPrefix = "model.";
    private const string MomentPrefix = "optimizer.";
    private const string ConfigKey = "config";
    private const string StepKey = "optimizer.step";

    /// <summary>Weights only.</summary>
    public static byte[] Capture(Transformer model)
    {
        var tensors = TransformerWeights.StateDict(model).ToDictionary(kv => ModelPrefix + kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return Safetensors.Serialize(tensors, new Dictionary<string, string> { [ConfigKey] = model.Config.ToJson(), ["format"] = "pt" });
    }

    /// <summary>Weights, Adam moments and the step counter of <paramref name="trainer"/>.</summary>
    public static byte[] CaptureWithMoments(Trainer trainer)
    {
        var path = TemporaryPath();
        try
        {
            trainer.SaveCheckpoint(path);
            using var content = Safetensors.Read(path);
            var tensors = content.Tensors.Where(kv => kv.Key.StartsWith(ModelPrefix, StringComparison.Ordinal) || kv.Key.StartsWith(MomentPrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return Safetensors.Serialize(tensors, new Dictionary<string, string>
            {
                [ConfigKey] = trainer.Model.Config.ToJson(),
                ["format"] = "pt",
                [StepKey] = trainer.Step.ToString(CultureInfo.InvariantCulture),
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A new model holding the weights of <paramref name="state"/>.</summary>
    public static Transformer Restore(byte[] state, TransformerConfig config, string source)
    {
        using var content = Parse(state, config, source);
        var model = new Transformer(config);
        TransformerWeights.Load(model, Weights(content));
        return model;
    }

    /// <summary>True when the parsed state carries Adam moments.</summary>
    public static bool HasMoments(SafetensorsContent content) => content.Metadata.ContainsKey(StepKey);

    /// <summary>
    /// A trainer continuing the optimiser state of <paramref name="state"/> (moments and step counter t) for
    /// <paramref name="training"/>.Steps more steps on <paramref name="world"/>. A state without moments starts at t = 0
    /// with zero moments.
    /// </summary>
    public static Trainer Continue(byte[] state, TransformerConfig config, TrainingWorld world, TrainingOptions training, string source)
    {
        using var content = Parse(state, config, source);
        if (!HasMoments(content))
        {
            var fresh = new Transformer(config);
            TransformerWeights.Load(fresh, Weights(content));
            return new Trainer(fresh, world, training);
        }
        int step = int.Parse(content.Metadata[StepKey], CultureInfo.InvariantCulture);
        var tensors = new Dictionary<string, torch.Tensor>(content.Tensors, StringComparer.Ordinal);
        using var history = torch.zeros(0, torch.float64);
        tensors["history.loss"] = history;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["lmorganisms.checkpoint"] = "1",
            [ConfigKey] = config.ToJson(),
            ["options"] = (training with { Steps = step + training.Steps }).ToJson(),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["world"] = world.Name,
            ["evaluations"] = "[]",
        };
        var path = TemporaryPath();
        try
        {
            Safetensors.Write(path, tensors, metadata);
            return Trainer.Resume(path, world);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SafetensorsContent Parse(byte[] state, TransformerConfig config, string source)
    {
        var content = Safetensors.Parse(state, source);
        if (content.Metadata.TryGetValue(ConfigKey, out var json) && TransformerConfig.FromJson(json).ToJson() != config.ToJson())
        {
            content.Dispose();
            throw new ArgumentException($"The state of {source} was made with configuration {json}; the population's configuration is {config.ToJson()}.", nameof(state));
        }
        return content;
    }

    private static Dictionary<string, torch.Tensor> Weights(SafetensorsContent content)
        => content.Tensors.Where(kv => kv.Key.StartsWith(ModelPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[ModelPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);

    private static string TemporaryPath() => Path.Combine(Path.GetTempPath(), $"lmo-member-{Guid.NewGuid():N}.safetensors");
}
