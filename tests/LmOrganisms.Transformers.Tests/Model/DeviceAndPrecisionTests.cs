using LmOrganisms.Ecology;
using LmOrganisms.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace LmOrganisms.Transformers.Tests;

[NonParallelizable]
public sealed class DeviceAndPrecisionTests
{
    private static readonly TransformerConfig Tiny = new(1, 16, 2, 8, 32, 8, 3);

    private static IEnumerable<TransformerConfig> Configs()
    {
        yield return Tiny;
        yield return Tiny with { Biases = false, TiedUnembedding = true, EmbeddingNorm = true, Normalization = NormalizationKind.RmsNorm };
        yield return new TransformerConfig(2, 16, 2, 8, 24, 8, 3) { Experts = 3, TopK = 2 };
    }

    private static Tensor Tokens() => torch.tensor(new long[] { 0, 1, 2, 1, 0, 2, 2, 1, 1, 0, 0, 2, 1, 2, 0, 1 }, [2, 8]);

    [TestCaseSource(nameof(Configs))]
    public void ToFloat64KeepsTheForwardAndUsesTheConvertedParameters(TransformerConfig config)
    {
        using var model = Transformer.Create(config, seed: 7);
        model.eval();
        using var tokens = Tokens();
        using var single = model.call(tokens);
        model.to(ScalarType.Float64);
        Assert.That(model.parameters().Select(p => p.dtype), Is.All.EqualTo(ScalarType.Float64));
        using var dbl = model.call(tokens);
        Assert.That(dbl.dtype, Is.EqualTo(ScalarType.Float64));
        using var difference = (dbl - single.to(ScalarType.Float64)).abs().max();
        Assert.That(difference.ToDouble(), Is.LessThan(1e-5));

        // The forward pass reads the parameters registered now: zeroing them (gains and biases included) zeroes the logits.
        using (torch.no_grad())
            foreach (var p in model.parameters()) p.zero_();
        using var zero = model.call(tokens);
        Assert.That(zero.abs().max().ToDouble(), Is.EqualTo(0.0));
    }

    [Test]
    public void ToCpuChangesNothing()
    {
        using var model = Transformer.Create(Tiny, seed: 8);
        using var tokens = Tokens();
        using var before = model.call(tokens);
        model.to(torch.CPU);
        using var after = model.call(tokens);
        Assert.That(after.data<float>().ToArray(), Is.EqualTo(before.data<float>().ToArray()));
        Assert.That(model.Device.type, Is.EqualTo(DeviceType.CPU));
    }

    [Test]
    public void TrainingAFloat64ModelChangesTheParametersTheForwardUses()
    {
        using var model = Transformer.Create(Tiny, seed: 9);
        model.to(ScalarType.Float64);
        using var tokens = Tokens();
        double[] before;
        using (torch.no_grad()) before = model.call(tokens).data<double>().ToArray();
        var options = new TrainingOptions { Steps = 2, BatchSize = 8, LearningRate = 1e-2, Seed = 3, EvalInterval = 0, EvalSequences = 16 };
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), options);
        var result = trainer.Run();
        Assert.That(result.Losses, Has.Count.EqualTo(2));
        Assert.That(result.Losses, Is.All.Matches<double>(double.IsFinite));
        Assert.That(model.parameters().Select(p => p.dtype), Is.All.EqualTo(ScalarType.Float64));
        double[] after;
        using (torch.no_grad()) after = model.call(tokens).data<double>().ToArray();
        Assert.That(after.Zip(before, (a, b) => Math.Abs(a - b)).Max(), Is.GreaterThan(1e-4));
    }

    [Test]
    public void DeviceChoice()
    {
        Assert.That(Trainer.ChooseDevice("cpu", cudaAvailable: true), Is.EqualTo(DeviceType.CPU));
        Assert.That(Trainer.ChooseDevice("auto", cudaAvailable: false), Is.EqualTo(DeviceType.CPU));
        Assert.That(Trainer.ChooseDevice("auto", cudaAvailable: true), Is.EqualTo(DeviceType.CUDA));
        Assert.That(Trainer.ChooseDevice("cuda", cudaAvailable: true), Is.EqualTo(DeviceType.CUDA));
        var e = Assert.Throws<ArgumentException>(() => Trainer.ChooseDevice("cuda", cudaAvailable: false));
        Assert.That(e!.Message, Does.Contain("\"cuda\"").And.Contain("no CUDA GPU is visible").And.Contain("TorchSharp-cuda"));
    }

    [Test]
    public void CudaOnThisMachineEitherTrainsThereOrSaysWhatIsMissing()
    {
        using var model = Transformer.Create(Tiny, seed: 10);
        var options = new TrainingOptions { Steps = 1, BatchSize = 4, Device = "cuda", EvalInterval = 0, EvalSequences = 8 };
        var world = TrainingWorld.FromProcess(Processes.Mess3());
        if (torch.cuda.is_available())
        {
            using var trainer = Trainer.Create(model, world, options);
            Assert.That(trainer.Run().Losses[0], Is.GreaterThan(0.5).And.LessThan(2.0));
            Assert.That(model.Device.type, Is.EqualTo(DeviceType.CUDA));
        }
        else
        {
            var e = Assert.Throws<ArgumentException>(() => Trainer.Create(model, world, options));
            Assert.That(e!.Message, Does.Contain("torch.cuda.is_available() is false"));
        }
    }

    [Test]
    public void AutoTrainsOnTheAvailableDevice()
    {
        using var model = Transformer.Create(Tiny, seed: 11);
        var options = new TrainingOptions { Steps = 1, BatchSize = 4, Device = "auto", EvalInterval = 0, EvalSequences = 8 };
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), options);
        Assert.That(trainer.Run().Losses[0], Is.GreaterThan(0.5).And.LessThan(2.0));
        Assert.That(model.Device.type, Is.EqualTo(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU));
    }

    [Test]
    public void UnknownDeviceIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { Device = "gpu" }.Validate());
        Assert.That(e!.Message, Does.Contain("TrainingOptions.Device").And.Contain("gpu"));
    }
}
