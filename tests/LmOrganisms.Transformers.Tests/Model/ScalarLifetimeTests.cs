using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// TorchSharp 0.107 frees a <c>Scalar</c> in its finalizer; a scalar created implicitly for one call can be collected
/// and freed while libtorch still reads it. The library keeps every scalar it passes alive for the whole call, so
/// forward, backward and optimiser steps run on several threads while another thread collects continuously.
/// </summary>
[NonParallelizable]
public sealed class ScalarLifetimeTests
{
    private const int Iterations = 150;

    // LayerNorm with biases (masked_fill, scale, bias adds) and microgpt's RMSNorm (+ eps) with a mixture of experts.
    private static readonly TransformerConfig[] Configs =
    [
        new(1, 8, 2, 4, 16, 8, 3),
        TransformerPresets.MicroGpt(vocabulary: 3, dModel: 8, heads: 2, contextLength: 8) with { Experts = 2, TopK = 1 },
    ];

    private static readonly TrainingOptions Training = new()
    {
        Steps = 40,
        BatchSize = 4,
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0.01,
        GradientClipNorm = 0.5,
        Schedule = LearningRateSchedule.Constant,
        EvalInterval = 0,
        EvalSequences = 4,
        Seed = 11,
    };

    [Test]
    public void ForwardBackwardAndUpdatesSurviveConcurrentCollections()
    {
        var expected = Run(Iterations);
        bool stop = false;
        long collections = 0;
        var collector = new Thread(() =>
        {
            // Young-generation collections back to back: they free (and finalize) the short-lived scalars mid-call; full
            // collections in a tight loop suspend the workers so often that the test took minutes on a busy 2-core machine.
            while (!Volatile.Read(ref stop))
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                collections++;
                Thread.Yield();
            }
        });
        var clock = Stopwatch.StartNew();
        collector.Start();
        double[][] results = new double[2][];
        var errors = new List<Exception>();
        try
        {
            var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
            {
                try
                {
                    results[w] = Run(Iterations);
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e);
                }
            })).ToArray();
            foreach (var worker in workers) worker.Start();
            foreach (var worker in workers) worker.Join();
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
        TestContext.Out.WriteLine($"{collections} collections in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(errors, Is.Empty, () => string.Join("\n", errors.Select(e => e.ToString())));
        Assert.That(collections, Is.GreaterThan(10));
        for (int w = 0; w < 2; w++)
        {
            int mismatches = expected.Where((x, i) => BitConverter.DoubleToInt64Bits(x) != BitConverter.DoubleToInt64Bits(results[w][i])).Count();
            Assert.That(mismatches, Is.Zero, $"worker {w}: {mismatches} of {expected.Length} numbers differ from the serial run");
        }
    }

    /// <summary>Per iteration and model: the loss and the sum of every gradient after a forward and backward pass,
    /// then the losses of a short AdamW run with weight decay and clipping.</summary>
    private static double[] Run(int iterations)
    {
        var values = new List<double>();
        var models = Configs.Select((c, i) => Transformer.Create(c, seed: 5 + i)).ToArray();
        try
        {
            using var tokens = torch.tensor(Enumerable.Range(0, 4 * 9).Select(i => (long)(i * 7 % 3)).ToArray(), [4, 9]);
            for (int it = 0; it < iterations; it++)
            {
                foreach (var model in models)
                {
                    using var scope = torch.NewDisposeScope();
                    model.zero_grad();
                    var logits = model.call(tokens.narrow(1, 0, 8));
                    var loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 3), tokens.narrow(1, 1, 8).reshape(-1));
                    loss.backward();
                    values.Add(loss.ToDoubleKept());
                    values.Add(model.parameters().Sum(p => p.grad!.to(torch.float64).sum().ToDoubleKept()));
                }
            }
            using var trained = Transformer.Create(Configs[0], seed: 9);
            using var trainer = Trainer.Create(trained, TrainingWorld.FromProcess(Processes.Mess3()), Training with { SequenceLength = 8 });
            values.AddRange(trainer.Run().Losses);
            return values.ToArray();
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }
}
