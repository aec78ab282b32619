using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Benchmarks.Transformers;

/// <summary>Training throughput of the belief-geometry preset on Mess3, batch 64 × 10 positions, one libtorch thread
/// (compare with ../shared/anchors/pytorch_train_throughput.py: 38.5 steps/s, 24,650 tokens/s measured there).
/// One operation = one optimiser step (640 predicted tokens), batch sampling included.</summary>
public class TrainingThroughputBenchmarks
{
    private Transformer model = null!;
    private Trainer trainer = null!;

    /// <summary>Builds the model and a trainer with room for many steps.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        model = Transformer.Create(TransformerPresets.BeliefGeometry, seed: 1);
        trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()),
            new TrainingOptions { Steps = int.MaxValue / 2, BatchSize = 64, EvalInterval = 0, Seed = 1 });
    }

    /// <summary>Ten AdamW steps.</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public void AdamWStepsBatch64() => trainer.Run(trainer.Step + 10);

    /// <summary>Frees the trainer and the model.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        trainer.Dispose();
        model.Dispose();
    }
}
