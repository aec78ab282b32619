using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>The valid files every mutation starts from.</summary>
internal static class Seeds
{
    /// <summary>Process JSON: catalog processes and a hand-built one with multi-character names.</summary>
    public static IReadOnlyList<string> Processes() =>
    [
        LmOrganisms.Processes.Mess3().ToJson(),
        LmOrganisms.Processes.Rrxor().ToJson(indented: false),
        LmOrganisms.Processes.GoldenMean().ToJson(),
        HiddenMarkovProcess.Create("two words", ["alpha", "beta"], ["S0", "S1"],
            new double[][][] { [[0.25, 0.25], [0.5, 0]], [[0, 0.5], [0.25, 0.25]] }).ToJson(),
    ];

    /// <summary>Ecology JSON: a named-context ecology and one built from processes (contexts with words).</summary>
    public static IReadOnlyList<string> Ecologies() =>
    [
        FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 0.5).World("w2", 0.3).World("w3", 0.2)
            .Context("c1", 0.7).Context("c2", 0.3)
            .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9).Next("w3", "c1", 0.5, 0.5)
            .Next("w1", "c2", 0.2, 0.8).Next("w2", "c2", 0.2, 0.8).Next("w3", "c2", 1, 0).Build().ToJson(),
        FiniteEcology.FromProcesses([LmOrganisms.Processes.GoldenMean(), LmOrganisms.Processes.Even()], maxContextLength: 2).ToJson(),
    ];

    /// <summary>What a safetensors seed is loaded with after <see cref="Safetensors.Read"/>.</summary>
    public enum Use { Tensors, Model, Checkpoint }

    /// <summary>Safetensors files: a model with its configuration, the same weights without it (configuration inferred,
    /// as for the released checkpoints), a trainer checkpoint, and tensors of every supported dtype.</summary>
    public static IReadOnlyList<(byte[] Bytes, Use Use)> Safetensors()
    {
        var config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 4);
        using var model = Transformer.Create(config, seed: 1);
        var dir = Directory.CreateTempSubdirectory("lmo-fuzz-seed-").FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            model.Save(path);
            var withConfig = File.ReadAllBytes(path);
            var inferred = LmOrganisms.Transformers.Safetensors.Serialize(model.StateDict());
            var world = TrainingWorld.FromProcess(LmOrganisms.Processes.Mess3());
            using var trainer = Trainer.Create(model, world, new TrainingOptions { Steps = 1, BatchSize = 2, EvalInterval = 1, EvalSequences = 2, Seed = 1 });
            trainer.Run();
            var checkpoint = trainer.ExportState().ToBytes();
            using var scope = torch.NewDisposeScope();
            var plain = LmOrganisms.Transformers.Safetensors.Serialize(new Dictionary<string, torch.Tensor>
            {
                ["f32"] = torch.arange(6, dtype: torch.ScalarType.Float32).reshape(2, 3),
                ["f64"] = torch.tensor(new[] { 1.5, -2.0 }),
                ["i64"] = torch.tensor(new long[] { 7, 1L << 40, -1 }),
                ["i32"] = torch.tensor(new[] { -3, 4 }),
                ["scalar"] = torch.tensor(2.5f),
                ["empty"] = torch.zeros(0, 4),
            }, new Dictionary<string, string> { ["note"] = "plain" });
            return [(withConfig, Use.Model), (inferred, Use.Model), (checkpoint, Use.Checkpoint), (plain, Use.Tensors)];
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
