using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Benchmarks.Transformers;

/// <summary>Training throughput of the belief-geometry preset on Mess3, batch 64 × 10 positions, one libtorch thread,
/// on the CPU training engine (the trainer's default for dense float32 CPU models) and on the libtorch autograd path
/// (what CUDA, float64 and mixture-of-experts runs use). Compare with ../shared/anchors/pytorch_train_throughput.py
/// (PyTorch eager on the same model); docs/performance.md records both. One operation = one optimiser step (640
/// predicted tokens), batch sampling included.</summary>
public class TrainingThroughputBenchmarks
{
    private Transformer engineModel = null!, autogradModel = null!;
    private Trainer engine = null!, autograd = null!;

    /// <summary>Builds the two models and trainers with room for many steps.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        var options = new TrainingOptions { Steps = int.MaxValue / 2, BatchSize = 64, EvalInterval = 0, Seed = 1 };
        engineModel = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        engine = Trainer.CreateWithEngine(engineModel, world, options, useEngine: true);
        autogradModel = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        autograd = Trainer.CreateWithEngine(autogradModel, world, options, useEngine: false);
    }

    /// <summary>Ten AdamW steps on the CPU training engine.</summary>
    [Benchmark(OperationsPerInvoke = 10, Baseline = true)]
    public void AdamWStepsBatch64() => engine.Run(engine.Step + 10);

    /// <summary>Ten AdamW steps on libtorch's autograd and per-tensor update.</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public void AdamWStepsBatch64Autograd() => autograd.Run(autograd.Step + 10);

    /// <summary>Frees the trainers and the models.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        engine.Dispose();
        autograd.Dispose();
        engineModel.Dispose();
        autogradModel.Dispose();
    }
}
