using BenchmarkDotNet.Attributes;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Benchmarks.Probing;

/// <summary>
/// One induced-partition measurement of the size the task-ecology experiments use: three Mess3-variant worlds, the
/// exact ecology of contexts up to length 3 (40 contexts), 256 warm-ups of 8 tokens per world, so
/// 3 × 256 × 27 sequences of 11 tokens through the model, plus the split-half calibration (30 splits per world).
/// The model is the ideal organism (<see cref="MixturePredictor"/>) or an untrained
/// <see cref="TransformerPresets.MicroGptTaskEcology"/> transformer (2 layers × 32, 4 heads, context 32; one torch thread).
/// </summary>
[MemoryDiagnoser]
public class InducedPartitionBenchmarks
{
    private HiddenMarkovProcess[] worlds = [];
    private FiniteEcology ecology = null!;
    private ISequenceModel model = null!;
    private Transformer? transformer;
    private readonly InducedPartitionAnalysis options = new() { Behaviour = new WorldBehaviour { WarmupLength = 8, Warmups = 256, Seed = 1 } };

    /// <summary>The organism measured.</summary>
    [Params("mixture", "microgpt")]
    public string Model { get; set; } = "mixture";

    /// <summary>Builds the worlds, the ecology and the model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        worlds = [Processes.Mess3(), Processes.Mess3(0.15, 0.6).WithName("mess3b"), Processes.Mess3(0.1, 0.7).WithName("mess3c")];
        ecology = FiniteEcology.FromProcesses(worlds, 3);
        if (Model == "microgpt")
        {
            transformer = Transformer.Create(TransformerPresets.MicroGptTaskEcology(3), 1);
            model = transformer.AsSequenceModel();
        }
        else
            model = new MixturePredictor(worlds);
    }

    /// <summary>Releases the transformer.</summary>
    [GlobalCleanup]
    public void Cleanup() => transformer?.Dispose();

    /// <summary>Measure, calibrate τ and evaluate the exact theory on the induced partition.</summary>
    [Benchmark]
    public InducedPartitionResult Run() => options.Fit(model, worlds, ecology);
}
