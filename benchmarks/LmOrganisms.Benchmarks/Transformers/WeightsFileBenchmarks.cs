using BenchmarkDotNet.Attributes;
using LmOrganisms.Transformers;
using TorchSharp;

namespace LmOrganisms.Benchmarks.Transformers;

/// <summary>
/// Weights files: our safetensors reader/writer (<see cref="Safetensors"/>) against TorchSharp.PyBridge's
/// (<c>TorchSharp.PyBridge.Safetensors</c>), and PyTorch <c>.pt</c> state dicts (<see cref="PyTorchStateDict"/>, through
/// PyBridge). Sizes: the belief-geometry preset (143,075 parameters, 578 KB: the released Mess3 checkpoints' size) and a
/// larger model (4 layers, d_model 512, d_mlp 2048: 12.6 M parameters, 50 MB). Reads are from a file (page cache warm)
/// and include disposing the tensors; writes are to memory, so that neither side pays for the disk (our
/// <see cref="Safetensors.Write"/> adds an fsync and a rename for atomicity).
/// </summary>
[MemoryDiagnoser]
public class WeightsFileBenchmarks
{
    private string dir = "";
    private string safetensorsPath = "";
    private string pyTorchPath = "";
    private Dictionary<string, torch.Tensor> tensors = null!;
    private Transformer model = null!;

    /// <summary>Model size: "checkpoint" (the released Mess3 size) or "large".</summary>
    [Params("checkpoint", "large")]
    public string Size { get; set; } = "checkpoint";

    /// <summary>Writes the two files of a freshly initialised model of <see cref="Size"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var config = Size == "checkpoint" ? TransformerPresets.BeliefGeometry : TransformerPresets.BeliefGeometry with { DModel = 512, Heads = 8, DHead = 64, DMlp = 2048, Vocabulary = 64 };
        model = Transformer.Create(config, seed: 1);
        tensors = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.detach(), StringComparer.Ordinal);
        dir = Directory.CreateTempSubdirectory("lmo-bench-weights-").FullName;
        safetensorsPath = Path.Combine(dir, "weights.safetensors");
        pyTorchPath = Path.Combine(dir, "weights.pt");
        Safetensors.Write(safetensorsPath, tensors);
        PyTorchStateDict.Write(pyTorchPath, tensors);
    }

    /// <summary>Our reader: the whole file into memory, every header field checked, one tensor per entry.</summary>
    [Benchmark(Baseline = true)]
    public int ReadSafetensorsOurs()
    {
        using var content = Safetensors.Read(safetensorsPath);
        return content.Tensors.Count;
    }

    /// <summary>PyBridge's reader: streams each tensor's bytes from the file into an empty tensor.</summary>
    [Benchmark]
    public int ReadSafetensorsPyBridge()
    {
        var loaded = TorchSharp.PyBridge.Safetensors.LoadStateDict(safetensorsPath);
        foreach (var t in loaded.Values) t.Dispose();
        return loaded.Count;
    }

    /// <summary>Our writer (header with metadata support, padded), to bytes in memory.</summary>
    [Benchmark]
    public int WriteSafetensorsOurs() => Safetensors.Serialize(tensors).Length;

    /// <summary>PyBridge's writer (no metadata), to a memory stream.</summary>
    [Benchmark]
    public long WriteSafetensorsPyBridge()
    {
        using var stream = new MemoryStream();
        TorchSharp.PyBridge.Safetensors.SaveStateDict(stream, tensors, leaveOpen: true);
        return stream.Length;
    }

    /// <summary>A PyTorch state dict: archive checks, then PyBridge's unpickler.</summary>
    [Benchmark]
    public int ReadPyTorch()
    {
        using var content = PyTorchStateDict.Read(pyTorchPath);
        return content.Tensors.Count;
    }

    /// <summary>A PyTorch state dict: PyBridge's pickler, then the deterministic repack.</summary>
    [Benchmark]
    public int WritePyTorch() => PyTorchStateDict.Serialize(tensors).Length;

    /// <summary>Deletes the files and frees the model.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var t in tensors.Values) t.Dispose();
        model.Dispose();
        Directory.Delete(dir, recursive: true);
    }
}
