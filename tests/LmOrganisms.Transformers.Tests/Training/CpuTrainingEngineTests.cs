using LmOrganisms.Ecology;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace LmOrganisms.Transformers.Tests;

/// <summary>The CPU training engine against the module and libtorch's autograd: logits, loss, every gradient, the
/// optimiser update, and the engine's place in the trainer.</summary>
[NonParallelizable]
public sealed class CpuTrainingEngineTests
{
    private static readonly TransformerConfig Small = new(2, 16, 1, 8, 32, 6, 3);

    private static IEnumerable<TestCaseData> Architectures()
    {
        yield return new TestCaseData(TransformerPresets.BeliefGeometry, 8, 10).SetArgDisplayNames("BeliefGeometry");
        yield return new TestCaseData(new TransformerConfig(2, 32, 4, 8, 64, 10, 2), 6, 10).SetArgDisplayNames("Rrxor-shaped, 4 heads");
        yield return new TestCaseData(TransformerPresets.MicroGpt(vocabulary: 5, layers: 2, dModel: 16, heads: 4, contextLength: 8), 5, 8).SetArgDisplayNames("microgpt");
        yield return new TestCaseData(Small with { Activation = ActivationKind.Gelu }, 5, 6).SetArgDisplayNames("GELU");
        yield return new TestCaseData(Small with { TiedUnembedding = true }, 5, 6).SetArgDisplayNames("tied unembedding");
        yield return new TestCaseData(Small with { LearnedPositions = false }, 5, 6).SetArgDisplayNames("no positions");
        yield return new TestCaseData(Small with { FinalNorm = false }, 5, 6).SetArgDisplayNames("no final norm");
        yield return new TestCaseData(Small, 5, 4).SetArgDisplayNames("sequences shorter than the context");
        yield return new TestCaseData(Small with { Normalization = NormalizationKind.RmsNorm, EmbeddingNorm = true }, 5, 6).SetArgDisplayNames("RMSNorm with gain, embedding norm");
        yield return new TestCaseData(Small with { Normalization = NormalizationKind.None }, 5, 6).SetArgDisplayNames("no norm");
        yield return new TestCaseData(Small with { Biases = false, TiedUnembedding = true, EmbeddingNorm = true }, 5, 6).SetArgDisplayNames("LayerNorm without bias, tied");
        yield return new TestCaseData(new TransformerConfig(1, 20, 3, 5, 36, 7, 4), 3, 7).SetArgDisplayNames("odd widths");
    }

    private static int[] Sequences(int vocabulary, int count, int length, int seed)
    {
        var rng = new Random(seed);
        var tokens = new int[count * (length + 1)];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = rng.Next(vocabulary);
        return tokens;
    }

    private static (double Loss, float[] Logits) Autograd(Transformer model, int[] sequences, int count, int length)
    {
        using var scope = torch.NewDisposeScope();
        var tokens = torch.tensor(Array.ConvertAll(sequences, x => (long)x), [count, length + 1]);
        var logits = model.call(tokens.narrow(1, 0, length));
        var loss = torch.nn.functional.cross_entropy(logits.reshape(-1, model.Config.Vocabulary), tokens.narrow(1, 1, length).reshape(-1));
        model.zero_grad();
        loss.backward();
        return (loss.item<float>(), logits.detach().reshape(-1).data<float>().ToArray());
    }

    private static float MaxAbs(ReadOnlySpan<float> x)
    {
        float max = 0;
        foreach (var v in x) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    [TestCaseSource(nameof(Architectures))]
    public void LogitsLossAndEveryGradientEqualAutograd(TransformerConfig config, int count, int length)
    {
        using var model = Transformer.Create(config, seed: 21);
        using (torch.no_grad())
        {
            // Non-trivial gains and biases, so their gradients and effects are tested too.
            var rng = new Random(4);
            foreach (var (name, p) in model.named_parameters())
                if (!name.Split('.')[^1].StartsWith("W_", StringComparison.Ordinal))
                    p.copy_(torch.tensor(Enumerable.Range(0, (int)p.numel()).Select(_ => (float)(rng.NextDouble() * 0.4 - 0.2) + (name.EndsWith(".w", StringComparison.Ordinal) ? 1f : 0f)).ToArray(), p.shape));
        }
        var sequences = Sequences(config.Vocabulary, count, length, seed: 9);
        using var engine = new CpuTrainingEngine(model, batch: count + 2, length);
        double loss = engine.Loss(sequences, count);
        engine.Backward();
        var logits = engine.Logits.ToArray();

        var (expectedLoss, expectedLogits) = Autograd(model, sequences, count, length);
        Assert.That(logits, Has.Length.EqualTo(expectedLogits.Length));
        float logitError = 0;
        for (int i = 0; i < logits.Length; i++) logitError = Math.Max(logitError, Math.Abs(logits[i] - expectedLogits[i]));
        Assert.That(logitError, Is.LessThanOrEqualTo(1e-5f), "logits");
        Assert.That(loss, Is.EqualTo(expectedLoss).Within(1e-4 * expectedLoss), "loss");
        float overall = engine.Parameters.Slots.Max(s => MaxAbs(s.Parameter.grad!.reshape(-1).data<float>().ToArray()));
        foreach (var slot in engine.Parameters.Slots)
        {
            var expected = slot.Parameter.grad!.reshape(-1).data<float>().ToArray();
            var actual = engine.Parameters.Gradients.Span.Slice((int)slot.Offset, (int)slot.Count).ToArray();
            if (slot.Name.EndsWith("attn.b_K", StringComparison.Ordinal))
            {
                // A key bias shifts every score of a query by the same amount, which the softmax ignores: its gradient is
                // exactly zero, and both sides hold rounding noise only.
                Assert.That(MaxAbs(actual), Is.LessThanOrEqualTo(1e-6f * overall), slot.Name);
                continue;
            }
            float scale = Math.Max(MaxAbs(expected), 1e-6f), error = 0;
            for (int i = 0; i < expected.Length; i++) error = Math.Max(error, Math.Abs(actual[i] - expected[i]));
            Assert.That(error / scale, Is.LessThanOrEqualTo(1e-4), $"{slot.Name}: max error {error:G3}, max |grad| {scale:G3}");
        }
    }

    [Test]
    public void AStepAllocatesNothing()
    {
        using var model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 3);
        using var engine = new CpuTrainingEngine(model, batch: 16, length: 10);
        var sequences = Sequences(3, 16, 10, seed: 2);
        var options = new TrainingOptions { GradientClipNorm = 1 };
        for (int step = 1; step <= 3; step++)
        {
            engine.Loss(sequences, 16);
            engine.Backward();
            engine.Update(options, 1e-3, step);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 4; step <= 8; step++)
        {
            engine.Loss(sequences, 16);
            engine.Backward();
            engine.Update(options, 1e-3, step);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void ParametersBecomeViewsOfTheFlatBuffer()
    {
        using var model = Transformer.Create(Small, seed: 2);
        var handle = model.StateDict()["blocks.1.mlp.W_in"];
        var before = handle.clone();
        using var engine = new CpuTrainingEngine(model, batch: 2, length: 6);
        Assert.That(handle.eq(before).all().item<bool>(), Is.True, "binding keeps the values");
        var slot = engine.Parameters.Slots.Single(s => s.Name == "blocks.1.mlp.W_in");
        Assert.That(ReferenceEquals(slot.Parameter, handle), Is.True, "the module keeps its parameter objects");
        engine.Parameters.Values.Span[(int)slot.Offset + 3] = 42f;
        Assert.That(handle.reshape(-1)[3].item<float>(), Is.EqualTo(42f), "writes to the buffer reach the module");
        using (torch.no_grad()) handle.reshape(-1)[5] = torch.tensor(-7f);
        Assert.That(engine.Parameters.Values.Span[(int)slot.Offset + 5], Is.EqualTo(-7f), "writes to the module reach the buffer");
    }

    [Test]
    public void OneUpdateEqualsThePerTensorUpdate([Values] OptimizerKind optimizer, [Values] bool clip, [Values(0.0, 0.05)] double weightDecay)
    {
        var options = new TrainingOptions { Optimizer = optimizer, GradientClipNorm = clip ? 0.3 : null, WeightDecay = weightDecay, LearningRate = 3e-3 };
        using var model = Transformer.Create(Small, seed: 5);
        using var engine = new CpuTrainingEngine(model, batch: 2, length: 6);
        var flat = engine.Parameters;
        var rng = new Random(8);
        float Draw() => (float)(rng.NextDouble() * 2 - 1);
        foreach (var slot in flat.Slots)
        {
            for (long i = slot.Offset; i < slot.Offset + slot.Count; i++)
            {
                flat.Gradients.Span[(int)i] = Draw() * 0.1f;
                flat.FirstMoments.Span[(int)i] = Draw() * 0.01f;
                flat.SecondMoments.Span[(int)i] = Math.Abs(Draw()) * 1e-4f;
            }
        }
        // The reference: copies of the parameters and moments updated by the autograd path's per-tensor update.
        var state = flat.Slots.Select(s =>
        {
            var p = new Parameter(s.Parameter.detach().clone());
            p.grad = flat.Gradients.View(s.Offset, s.Count, s.Shape).clone();
            return (s.Name, p, flat.FirstMoments.View(s.Offset, s.Count, s.Shape).clone(), flat.SecondMoments.View(s.Offset, s.Count, s.Shape).clone());
        }).ToArray();
        Trainer.UpdateTensors(state, options, lr: 3e-3, t: 4);
        engine.Update(options, lr: 3e-3, step: 4);
        foreach (var (name, p, m, v) in state)
        {
            var slot = flat.Slots.Single(s => s.Name == name);
            foreach (var (expected, buffer, what) in new[] { (p.detach(), flat.Values, "value"), (m, flat.FirstMoments, "m"), (v, flat.SecondMoments, "v") })
            {
                var e = expected.reshape(-1).data<float>().ToArray();
                var a = buffer.Span.Slice((int)slot.Offset, (int)slot.Count).ToArray();
                double error = 0;
                for (int i = 0; i < e.Length; i++) error = Math.Max(error, Math.Abs(a[i] - e[i]));
                Assert.That(error, Is.LessThanOrEqualTo(1e-6), $"{name} {what}");
            }
        }
        foreach (var (_, p, m, v) in state)
        {
            p.Dispose();
            m.Dispose();
            v.Dispose();
        }
    }

    [Test]
    public void TrainerUsesTheEngineForDenseFloat32CpuModelsOnly()
    {
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        var options = new TrainingOptions { Steps = 2, BatchSize = 4, EvalInterval = 0, EvalSequences = 8 };
        using (var dense = Transformer.Create(Small, seed: 1))
        using (var trainer = Trainer.Create(dense, world, options))
            Assert.That(trainer.UsesEngine, Is.True);
        using (var moe = Transformer.Create(Small with { Experts = 2 }, seed: 1))
        using (var trainer = Trainer.Create(moe, world, options))
            Assert.That(trainer.UsesEngine, Is.False);
        using (var wide = Transformer.Create(Small, seed: 1))
        {
            wide.to(torch.ScalarType.Float64);
            using var trainer = Trainer.Create(wide, world, options);
            Assert.That(trainer.UsesEngine, Is.False);
            trainer.Run();
        }
        using (var forced = Transformer.Create(Small, seed: 1))
        using (var trainer = Trainer.CreateWithEngine(forced, world, options, useEngine: false))
            Assert.That(trainer.UsesEngine, Is.False);
    }

    [Test]
    public void HooksAreSeen()
    {
        using var model = Transformer.Create(Small, seed: 1);
        Assert.That(model.HasHooks, Is.False);
        var remover = model.register_forward_hook((m, input, output) => output);
        Assert.That(model.HasHooks, Is.True);
        remover.remove();
        Assert.That(model.HasHooks, Is.False);
        var block = model.named_modules().Single(m => m.name == "blocks.0.attn").module as torch.nn.Module<torch.Tensor, torch.Tensor>;
        remover = block!.register_forward_pre_hook((m, input) => input);
        Assert.That(model.HasHooks, Is.True);
        remover.remove();
        using var tokens = torch.zeros(1, 3, dtype: torch.int64);
        bool seen = false;
        model.RunWithHooks(tokens, new Dictionary<string, Func<torch.Tensor, torch.Tensor>> { [HookNames.ResidPre(0)] = x => { seen = model.HasHooks; return x; } });
        Assert.That(seen, Is.True);
        Assert.That(model.HasHooks, Is.False);
    }

    [Test]
    public void AStepWithATorchHookTakesTheAutogradPathAndTheHookFires()
    {
        using var model = Transformer.Create(Small, seed: 3);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), new TrainingOptions { Steps = 3, BatchSize = 4, EvalInterval = 0, EvalSequences = 8 });
        int calls = 0;
        trainer.Run(untilStep: 1);
        var remover = model.register_forward_hook((m, input, output) => { calls++; return output; });
        trainer.Run(untilStep: 2);
        remover.remove();
        trainer.Run();
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(trainer.Losses, Has.Count.EqualTo(3));
        Assert.That(trainer.Losses.All(double.IsFinite), Is.True);
    }

    [Test]
    public void EngineAndAutogradPathsTrainAlike()
    {
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        var options = new TrainingOptions { Steps = 20, BatchSize = 16, LearningRate = 5e-3, EvalInterval = 10, EvalSequences = 64, Seed = 3, GradientClipNorm = 1 };
        TrainingResult Train(bool useEngine)
        {
            using var model = Transformer.Create(Small, seed: 4);
            using var trainer = Trainer.CreateWithEngine(model, world, options, useEngine);
            Assert.That(trainer.UsesEngine, Is.EqualTo(useEngine));
            return trainer.Run();
        }
        var engine = Train(true);
        var autograd = Train(false);
        Assert.That(engine.Losses, Is.EqualTo(autograd.Losses).Within(1e-4));
        for (int e = 0; e < engine.Evaluations.Count; e++)
            Assert.That(engine.Evaluations[e].LossPerPosition, Is.EqualTo(autograd.Evaluations[e].LossPerPosition).Within(1e-4));
    }

    [Test]
    public void EvaluationMatchesTheModuleForAnyNumberOfSequences()
    {
        using var model = Transformer.Create(Small, seed: 6);
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        var options = new TrainingOptions { Steps = 1, BatchSize = 8, EvalInterval = 0, EvalSequences = 19 };
        using var engine = Trainer.Create(model, world, options);
        using var other = Transformer.Create(Small, seed: 6);
        using var autograd = Trainer.CreateWithEngine(other, world, options, useEngine: false);
        Assert.That(engine.Evaluate().LossPerPosition, Is.EqualTo(autograd.Evaluate().LossPerPosition).Within(1e-6));
    }
}
