using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

[NonParallelizable]
public sealed class TrainerTests
{
    private static readonly TransformerConfig Tiny = new(1, 16, 2, 8, 32, 8, 2);

    private static TrainingOptions Quick(int steps) => new()
    {
        Steps = steps, BatchSize = 16, LearningRate = 1e-2, Seed = 11, EvalInterval = 0, EvalSequences = 256,
    };

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lmo-train-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Test]
    public void LossFallsOnALearnableProcess()
    {
        // RRXOR: every third bit is the XOR of the previous two. Optimal loss per position falls well below ln 2.
        using var model = Transformer.Create(Tiny with { ContextLength = 9 }, seed: 1);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Rrxor()), Quick(150) with { SequenceLength = 9 });
        var before = trainer.Evaluate().Loss;
        var result = trainer.Run();
        Assert.That(before, Is.EqualTo(Math.Log(2)).Within(0.1));
        Assert.That(result.FinalEvaluation!.Loss, Is.LessThan(before - 0.05));
        Assert.That(result.Losses, Has.Count.EqualTo(150));
    }

    [Test]
    public void SameSeedGivesTheSameLossCurveBitForBit([Values] bool engine)
    {
        double[] Curve()
        {
            using var model = Transformer.Create(Tiny, seed: 2);
            using var trainer = Trainer.CreateWithEngine(model, TrainingWorld.FromProcess(Processes.GoldenMean()), Quick(15) with { GradientClipNorm = 0.5 }, engine);
            Assert.That(trainer.UsesEngine, Is.EqualTo(engine));
            return trainer.Run().Losses.ToArray();
        }
        var a = Curve();
        var b = Curve();
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a.Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public void ResumedRunEqualsTheUninterruptedRun([Values] OptimizerKind optimizer, [Values] bool engine)
    {
        var options = Quick(12) with { Optimizer = optimizer, Schedule = LearningRateSchedule.WarmupCosine, WarmupSteps = 3, EvalInterval = 4 };
        var world = TrainingWorld.FromProcess(Processes.Even());
        using var fullModel = Transformer.Create(Tiny, seed: 3);
        using var full = Trainer.CreateWithEngine(fullModel, world, options, engine);
        full.Run();

        var dir = TempDir();
        try
        {
            var path = Path.Combine(dir, "run.ckpt.safetensors");
            using (var firstModel = Transformer.Create(Tiny, seed: 3))
            using (var first = Trainer.CreateWithEngine(firstModel, world, options, engine))
            {
                first.Run(untilStep: 5);
                first.SaveCheckpoint(path);
            }
            using var resumed = engine ? Trainer.Resume(path, world) : Trainer.RestoreWithEngine(TrainerState.FromBytes(File.ReadAllBytes(path), path), world, useEngine: false);
            Assert.That(resumed.UsesEngine, Is.EqualTo(engine));
            Assert.That(resumed.Step, Is.EqualTo(5));
            resumed.Run();
            Assert.That(resumed.Losses, Is.EqualTo(full.Losses));
            Assert.That(resumed.Evaluations.Select(e => e.Loss), Is.EqualTo(full.Evaluations.Select(e => e.Loss)));
            var expected = fullModel.StateDict();
            foreach (var (name, tensor) in resumed.Model.StateDict())
                Assert.That(tensor.eq(expected[name]).all().item<bool>(), Is.True, name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void FailedSaveLeavesThePreviousCheckpointIntact()
    {
        var dir = TempDir();
        try
        {
            var path = Path.Combine(dir, "run.ckpt.safetensors");
            var world = TrainingWorld.FromProcess(Processes.Even());
            using var model = Transformer.Create(Tiny, seed: 4);
            using var trainer = Trainer.Create(model, world, Quick(4));
            trainer.Run(untilStep: 2);
            trainer.SaveCheckpoint(path);
            var before = File.ReadAllBytes(path);
            // A write that fails midway (unsupported tensor after valid ones) must not touch the file in place.
            using var good = torch.ones(3);
            using var bad = torch.ones(3, dtype: torch.ScalarType.Bool);
            Assert.Throws<ArgumentException>(() => Safetensors.Write(path, new Dictionary<string, torch.Tensor> { ["a"] = good, ["z"] = bad }));
            Assert.Throws<IOException>(() => Ecology.AtomicFile.Write(path, s =>
            {
                s.Write(before.AsSpan(0, 100));
                throw new IOException("disk full (simulated)");
            }));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
            Assert.That(Directory.GetFiles(dir), Has.Length.EqualTo(1));
            using var resumed = Trainer.Resume(path, world);
            Assert.That(resumed.Step, Is.EqualTo(2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void DivergenceNamesTheStep()
    {
        using var model = Transformer.Create(Tiny, seed: 5);
        using (torch.no_grad()) model.named_parameters().First(p => p.name == "blocks.0.mlp.W_in").parameter.fill_(float.NaN);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Even()), Quick(5));
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.That(e!.Message, Does.Contain("step 1").And.Contain("NaN"));
    }

    [Test]
    public void CancellationStopsBetweenSteps()
    {
        using var model = Transformer.Create(Tiny, seed: 5);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Even()), Quick(50));
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Step == 3) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => trainer.Run(progress, cts.Token));
        Assert.That(trainer.Step, Is.EqualTo(3));
    }

    [Test]
    public void ProgressReportsEveryStepWithThroughputAndExcess()
    {
        var optimal = Enumerable.Repeat(0.5, 8).ToArray();
        var reports = new List<TrainingProgress>();
        using var model = Transformer.Create(Tiny, seed: 6);
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Even()), Quick(4) with { EvalInterval = 2, OptimalLossPerPosition = optimal });
        trainer.Run(new SynchronousProgress(reports.Add));
        Assert.That(reports.Select(r => r.Step), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(reports.All(r => r.TokensPerSecond > 0), Is.True);
        var evaluation = reports[1].Evaluation!;
        Assert.That(evaluation.RelativeExcessPerPosition![3], Is.EqualTo(evaluation.LossPerPosition[3] / 0.5 - 1).Within(1e-15));
        Assert.That(reports[2].Evaluation, Is.Null);
    }

    [Test]
    public void InvalidOptionsAreRejectedByName()
    {
        using var model = Transformer.Create(Tiny);
        var world = TrainingWorld.FromProcess(Processes.Even());
        var e = Assert.Throws<ArgumentException>(() => Trainer.Create(model, world, new TrainingOptions { Beta2 = 1.0 }));
        Assert.That(e!.Message, Does.Contain("Beta2").And.Contain("1"));
        e = Assert.Throws<ArgumentException>(() => Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), new TrainingOptions()));
        Assert.That(e!.Message, Does.Contain("3 tokens").And.Contain("2"));
    }

    [Test]
    public void SchedulesFollowTheirFormulas()
    {
        var linear = new TrainingOptions { Steps = 100, LearningRate = 0.01, Schedule = LearningRateSchedule.LinearDecay };
        Assert.That(linear.LearningRateAt(0), Is.EqualTo(0.01));
        Assert.That(linear.LearningRateAt(25), Is.EqualTo(0.0075).Within(1e-15));
        var cosine = new TrainingOptions { Steps = 110, LearningRate = 1, Schedule = LearningRateSchedule.WarmupCosine, WarmupSteps = 10 };
        Assert.That(cosine.LearningRateAt(4), Is.EqualTo(0.5));
        Assert.That(cosine.LearningRateAt(10), Is.EqualTo(1.0));
        Assert.That(cosine.LearningRateAt(60), Is.EqualTo(0.5).Within(1e-12));
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action(value);
    }
}
