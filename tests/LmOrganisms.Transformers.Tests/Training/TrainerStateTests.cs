using System.Globalization;
using System.Text.Json;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// <see cref="TrainerState"/>: exported, restored and encoded in memory, a run continues bit for bit as if it had not
/// stopped; the byte encoding is the checkpoint layout (also 0.1's) and every field of untrusted bytes is validated.
/// </summary>
[NonParallelizable]
public sealed class TrainerStateTests
{
    private static readonly TransformerConfig Tiny = new(1, 16, 2, 8, 32, 8, 2);

    private static readonly TrainingWorld Even = TrainingWorld.FromProcess(Processes.Even());

    private static TrainingOptions Quick(int steps) => new()
    {
        Steps = steps, BatchSize = 16, LearningRate = 1e-2, Seed = 11, EvalInterval = 4, EvalSequences = 64,
        Schedule = LearningRateSchedule.WarmupCosine, WarmupSteps = 3,
    };

    private static float[] Weights(Transformer model)
        => model.named_parameters().SelectMany(p => p.parameter.detach().cpu().to(torch.float32).data<float>().ToArray()).ToArray();

    private static (double[] Losses, double[] Evaluations, float[] Weights) Uninterrupted(TrainingOptions options, int seed = 3)
    {
        using var model = Transformer.Create(Tiny, seed);
        using var trainer = Trainer.Create(model, Even, options);
        trainer.Run();
        return (trainer.Losses.ToArray(), trainer.Evaluations.Select(e => e.Loss).ToArray(), Weights(model));
    }

    private static TrainerState StateAt(TrainingOptions options, int step, int seed = 3)
    {
        using var model = Transformer.Create(Tiny, seed);
        using var trainer = Trainer.Create(model, Even, options);
        trainer.Run(untilStep: step);
        return trainer.ExportState();
    }

    [Test]
    public void RestoredInMemoryContinuesBitForBit([Values] OptimizerKind optimizer)
    {
        var options = Quick(12) with { Optimizer = optimizer, GradientClipNorm = 0.5 };
        var full = Uninterrupted(options);
        var state = StateAt(options, 5);
        using var restored = Trainer.Restore(state, Even);
        using var model = restored.Model;
        Assert.That(restored.Step, Is.EqualTo(5));
        restored.Run();
        Assert.That(restored.Losses, Is.EqualTo(full.Losses));
        Assert.That(restored.Evaluations.Select(e => e.Loss), Is.EqualTo(full.Evaluations));
        Assert.That(Weights(model), Is.EqualTo(full.Weights));
    }

    [Test]
    public void BytesRoundTripEveryFieldAndContinueBitForBit()
    {
        var options = Quick(12) with { OptimalLossPerPosition = Enumerable.Repeat(0.4, 8).ToArray() };
        var full = Uninterrupted(options);
        var state = StateAt(options, 8);
        var bytes = state.ToBytes();
        var back = TrainerState.FromBytes(bytes, "memory");
        Assert.Multiple(() =>
        {
            Assert.That(back.Config, Is.EqualTo(state.Config));
            Assert.That(back.Options.ToJson(), Is.EqualTo(state.Options.ToJson()));
            Assert.That(back.WorldName, Is.EqualTo("even"));
            Assert.That(back.Step, Is.EqualTo(8));
            Assert.That(back.Precision, Is.EqualTo(torch.ScalarType.Float32));
            Assert.That(back.Losses, Is.EqualTo(state.Losses));
            Assert.That(back.Evaluations.Select(e => (e.Step, e.LossPerPosition.ToArray(), e.OptimalLossPerPosition!.ToArray())),
                Is.EqualTo(state.Evaluations.Select(e => (e.Step, e.LossPerPosition.ToArray(), e.OptimalLossPerPosition!.ToArray()))));
            foreach (var (field, a, b) in new[] { ("weights", state.Weights, back.Weights), ("m", state.FirstMoments!, back.FirstMoments!), ("v", state.SecondMoments!, back.SecondMoments!) })
            {
                Assert.That(b.Keys, Is.EquivalentTo(a.Keys), field);
                foreach (var (name, values) in a)
                {
                    Assert.That(b[name].Shape, Is.EqualTo(values.Shape), $"{field} {name}");
                    Assert.That(b[name].Values, Is.EqualTo(values.Values), $"{field} {name}");
                }
            }
        });
        Assert.That(back.ToBytes(), Is.EqualTo(bytes));
        using var restored = Trainer.Restore(back, Even);
        using var model = restored.Model;
        restored.Run();
        Assert.That(restored.Losses, Is.EqualTo(full.Losses));
        Assert.That(Weights(model), Is.EqualTo(full.Weights));
    }

    [Test]
    public void ACheckpointFileIsExactlyTheStateBytes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-state-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var model = Transformer.Create(Tiny, seed: 4);
            using var trainer = Trainer.Create(model, Even, Quick(6));
            trainer.Run(untilStep: 3);
            trainer.SaveCheckpoint(path);
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(trainer.ExportState().ToBytes()));
            using var resumed = Trainer.Resume(path, Even);
            using var resumedModel = resumed.Model;
            Assert.That(resumed.ExportState().ToBytes(), Is.EqualTo(File.ReadAllBytes(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TheStateIsIndependentOfTheTrainerAndItsTensors()
    {
        using var model = Transformer.Create(Tiny, seed: 5);
        var trainer = Trainer.Create(model, Even, Quick(6));
        trainer.Run(untilStep: 2);
        var state = trainer.ExportState();
        var before = state.Weights["embed.W_E"].Values.ToArray();
        var momentsBefore = state.FirstMoments!["embed.W_E"].Values.ToArray();
        trainer.Run(untilStep: 4);
        trainer.Dispose();
        Assert.That(state.Weights["embed.W_E"].Values, Is.EqualTo(before));
        Assert.That(state.FirstMoments!["embed.W_E"].Values, Is.EqualTo(momentsBefore));
        Assert.That(state.Step, Is.EqualTo(2));
        Assert.That(state.Losses, Has.Count.EqualTo(2));
        Assert.That(Weights(model).Take(before.Length).Select(v => (double)v), Is.Not.EqualTo(before));
        using var restored = Trainer.Restore(state, Even);
        using var restoredModel = restored.Model;
        Assert.That(restored.Step, Is.EqualTo(2));
    }

    [Test]
    public void AnotherWorldIsRefusedUnlessTheStateSaysSo()
    {
        var state = StateAt(Quick(6), 2);
        var golden = TrainingWorld.FromProcess(Processes.GoldenMean());
        var e = Assert.Throws<ArgumentException>(() => Trainer.Restore(state, golden));
        Assert.That(e!.Message, Does.Contain("'even'").And.Contain($"'{golden.Name}'").And.Contain("WorldName"));
        using var moved = Trainer.Restore(state with { WorldName = golden.Name, Options = state.Options with { Steps = 9 } }, golden);
        using var model = moved.Model;
        Assert.That(moved.Run().Losses, Has.Count.EqualTo(9));
    }

    [Test]
    public void WithoutMomentsTheOptimiserStartsFresh()
    {
        // A state at step 0 without moments restores to exactly a new trainer on its weights.
        var options = Quick(6) with { Optimizer = OptimizerKind.Adam };
        var state = StateAt(options, 3, seed: 6);
        var fresh = state with { Step = 0, Losses = [], Evaluations = [], FirstMoments = null, SecondMoments = null };
        var bytes = fresh.ToBytes();
        using (var content = Safetensors.Parse(bytes))
            Assert.That(content.Tensors.Keys, Has.None.StartsWith("optimizer."));
        using var restored = Trainer.Restore(TrainerState.FromBytes(bytes, "fresh"), Even);
        using var restoredModel = restored.Model;
        restored.Run();
        using var model = Transformer.FromState(state);
        using var trainer = Trainer.Create(model, Even, options);
        trainer.Run();
        Assert.That(restored.Losses, Is.EqualTo(trainer.Losses));
        Assert.That(Weights(restoredModel), Is.EqualTo(Weights(model)));
        Assert.Throws<ArgumentException>(() => (state with { SecondMoments = null }).ToBytes());
    }

    [Test]
    public void AFloat64RunKeepsItsPrecision()
    {
        var options = Quick(6) with { EvalInterval = 0 };
        double[] Full()
        {
            using var model = Transformer.Create(Tiny, seed: 7);
            model.to(torch.ScalarType.Float64);
            using var trainer = Trainer.Create(model, Even, options);
            return trainer.Run().Losses.ToArray();
        }
        var full = Full();
        TrainerState state;
        using (var model = Transformer.Create(Tiny, seed: 7))
        {
            model.to(torch.ScalarType.Float64);
            using var trainer = Trainer.Create(model, Even, options);
            trainer.Run(untilStep: 3);
            state = trainer.ExportState();
        }
        Assert.That(state.Precision, Is.EqualTo(torch.ScalarType.Float64));
        var back = TrainerState.FromBytes(state.ToBytes(), "float64");
        Assert.That(back.Precision, Is.EqualTo(torch.ScalarType.Float64));
        using var restored = Trainer.Restore(back, Even);
        using var restoredModel = restored.Model;
        Assert.That(restoredModel.parameters().Select(p => p.dtype), Is.All.EqualTo(torch.ScalarType.Float64));
        Assert.That(restored.Run().Losses, Is.EqualTo(full));
    }

    [Test]
    public void A01CheckpointResumes()
    {
        // The layout and metadata LmOrganisms 0.1's Trainer.SaveCheckpoint wrote, with its configuration key "Context".
        var options = Quick(10);
        var full = Uninterrupted(options, seed: 8);
        var state = StateAt(options, 4, seed: 8);
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (var (name, w) in state.Weights)
        {
            tensors["model." + name] = w.ToTensor(torch.ScalarType.Float32);
            tensors["optimizer.m." + name] = state.FirstMoments![name].ToTensor(torch.ScalarType.Float32);
            tensors["optimizer.v." + name] = state.SecondMoments![name].ToTensor(torch.ScalarType.Float32);
        }
        tensors["history.loss"] = torch.tensor(state.Losses.ToArray());
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["lmorganisms.checkpoint"] = "1",
            ["config"] = Tiny.ToJson().Replace("\"ContextLength\"", "\"Context\"", StringComparison.Ordinal),
            ["options"] = options.ToJson(),
            ["step"] = "4",
            ["world"] = "even",
            ["evaluations"] = JsonSerializer.Serialize(state.Evaluations.Select(e => new { e.Step, Loss = e.LossPerPosition, Optimal = e.OptimalLossPerPosition })),
        };
        var path = Path.Combine(Path.GetTempPath(), $"lmo-v01-{Guid.NewGuid():N}.safetensors");
        try
        {
            Safetensors.Write(path, tensors, metadata);
            foreach (var t in tensors.Values) t.Dispose();
            using var resumed = Trainer.Resume(path, Even);
            using var model = resumed.Model;
            Assert.That(resumed.Step, Is.EqualTo(4));
            Assert.That(resumed.Evaluations.Select(e => e.Step), Is.EqualTo(new[] { 4 }));
            resumed.Run();
            Assert.That(resumed.Losses, Is.EqualTo(full.Losses));
            Assert.That(Weights(model), Is.EqualTo(full.Weights));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void UntrustedBytesAreValidatedFieldByField()
    {
        var state = StateAt(Quick(6), 2);
        var good = state.ToBytes();
        ArgumentException Bad(byte[] bytes) => Assert.Throws<ArgumentException>(() => TrainerState.FromBytes(bytes, "member 3"))!;

        byte[] Rewrite(Action<Dictionary<string, torch.Tensor>, Dictionary<string, string>> change)
        {
            using var content = Safetensors.Parse(good);
            var tensors = new Dictionary<string, torch.Tensor>(content.Tensors, StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(content.Metadata, StringComparer.Ordinal);
            change(tensors, metadata);
            return Safetensors.Serialize(tensors, metadata);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Bad(good[..(good.Length - 5)]).Message, Does.Contain("member 3"));
            Assert.That(Bad(Rewrite((_, m) => m.Remove("step"))).Message, Does.Contain("member 3").And.Contain("'step'"));
            Assert.That(Bad(Rewrite((_, m) => m["step"] = "-1")).Message, Does.Contain("member 3").And.Contain("'step'"));
            Assert.That(Bad(Rewrite((_, m) => m["step"] = "7")).Message, Does.Contain("member 3").And.Contain("Step is 7"));
            Assert.That(Bad(Rewrite((_, m) => m["step"] = "3")).Message, Does.Contain("member 3").And.Contain("Losses has 2 entries"));
            Assert.That(Bad(Rewrite((_, m) => m["config"] = "[1]")).Message, Does.Contain("member 3").And.Contain("'config'"));
            Assert.That(Bad(Rewrite((_, m) => m["options"] = "{\"BatchSize\": 0}")).Message, Does.Contain("member 3").And.Contain("BatchSize"));
            Assert.That(Bad(Rewrite((_, m) => m["evaluations"] = "{}")).Message, Does.Contain("member 3").And.Contain("'evaluations'"));
            Assert.That(Bad(Rewrite((_, m) => m["world"] = "")).Message, Does.Contain("member 3").And.Contain("WorldName"));
            Assert.That(Bad(Rewrite((_, m) => m["lmorganisms.checkpoint"] = "9")).Message, Does.Contain("member 3").And.Contain("lmorganisms.checkpoint"));
            Assert.That(Bad(Rewrite((t, _) => t.Remove("model.blocks.0.attn.W_K"))).Message, Does.Contain("member 3").And.Contain("Weights").And.Contain("blocks.0.attn.W_K"));
            Assert.That(Bad(Rewrite((t, _) => t.Remove("optimizer.m.embed.W_E"))).Message, Does.Contain("member 3").And.Contain("FirstMoments").And.Contain("embed.W_E"));
            Assert.That(Bad(Rewrite((t, _) => t["model.embed.W_E"] = torch.zeros(2, 17))).Message, Does.Contain("member 3").And.Contain("embed.W_E").And.Contain("[2, 17]"));
            Assert.That(Bad(Rewrite((t, _) => t["model.embed.W_E"] = torch.zeros([2, 16], dtype: torch.ScalarType.Float64))).Message, Does.Contain("member 3").And.Contain("one precision"));
            Assert.That(Bad(Rewrite((t, _) => t["model.blocks.0.attn.W_X"] = torch.zeros(1))).Message, Does.Contain("member 3").And.Contain("blocks.0.attn.W_X"));
            Assert.That(Bad(Rewrite((t, _) => t["unexpected"] = torch.zeros(1))).Message, Does.Contain("member 3").And.Contain("'unexpected'"));
            Assert.That(Bad(Rewrite((t, _) => t.Remove("history.loss"))).Message, Does.Contain("member 3").And.Contain("history.loss"));
            Assert.That(Bad(Rewrite((t, _) => t["history.loss"] = torch.zeros(2))).Message, Does.Contain("member 3").And.Contain("history.loss").And.Contain("float64"));
        });
        Assert.That(TrainerState.FromBytes(Rewrite((_, _) => { }), "member 3").Step, Is.EqualTo(2));
    }

    [Test]
    public void AnInMemoryStateIsValidatedWhenUsed()
    {
        var state = StateAt(Quick(6), 2);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Restore(state with { Config = state.Config with { DModel = 8 } }, Even));
        Assert.That(e!.Message, Does.Contain("Weights").And.Contain("embed.W_E"));
        var values = state.Weights["embed.W_E"];
        var noisy = values with { Values = values.Values.Select(v => v + 1e-12).ToArray() };
        var weights = new Dictionary<string, TensorValues>(state.Weights) { ["embed.W_E"] = noisy };
        e = Assert.Throws<ArgumentException>(() => (state with { Weights = weights }).ToBytes());
        Assert.That(e!.Message, Does.Contain("not a float32 number"));
        e = Assert.Throws<ArgumentException>(() => Transformer.FromState(state with { Losses = [1.0] }));
        Assert.That(e!.Message, Does.Contain("Losses has 1 entries"));
        Assert.That(state.Step.ToString(CultureInfo.InvariantCulture), Is.EqualTo("2"));
    }

    [Test]
    public void TrainIsTheWholeRunOfATrainer()
    {
        var options = Quick(7);
        var full = Uninterrupted(options, seed: 9);
        using var model = Transformer.Create(Tiny, seed: 9);
        var result = model.Train(Even, options);
        Assert.That(result.Losses, Is.EqualTo(full.Losses));
        Assert.That(result.Evaluations.Select(e => e.Loss), Is.EqualTo(full.Evaluations));
        Assert.That(Weights(model), Is.EqualTo(full.Weights));
    }
}
