using LmOrganisms.Ecology;
using TorchSharp;
using TorchSharp.PyBridge;

namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// A released belief-geometry checkpoint converted to PyTorch at run time (the converted files are never committed:
/// their licence is unknown) reproduces the paper's logged loss, both as our export (configuration in the archive)
/// and as a bare <c>torch.save</c>-style state dict next to the paper's <c>train_config.json</c>, which is how the
/// paper's repository publishes its models. The checkpoints are found as in <see cref="ReleasedCheckpointTests"/>.
/// </summary>
[NonParallelizable]
public sealed class ReleasedCheckpointPyTorchTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "lmo-released-pt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    private static bool SameLogits(Transformer a, Transformer b)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tokens = torch.randint(0, a.Config.Vocabulary, [8, a.Config.ContextLength], generator: new torch.Generator(5));
        return a.call(tokens).eq(b.call(tokens)).all().item<bool>();
    }

    // The logged losses (mean over the 10 positions, nats) of ReleasedCheckpointTests.
    [TestCase("mess3/629209600.safetensors", 0.802605)]
    [TestCase("mess3/6400.safetensors", 0.882340)]
    public void ExportedToPyTorchTheCheckpointReproducesItsLoggedLoss(string checkpoint, double loggedLoss)
    {
        using var released = Transformer.Load(TestData.BeliefGeometryCheckpoint(checkpoint));
        var path = Path.Combine(dir, "mess3.pt");
        released.Save(path);
        using var reloaded = Transformer.Load(path);
        Assert.That(reloaded.Config, Is.EqualTo(TransformerPresets.BeliefGeometry));
        Assert.That(SameLogits(reloaded, released), Is.True);
        Assert.That(reloaded.ExactLoss(Processes.Mess3()).Average(), Is.EqualTo(loggedLoss).Within(5e-6));
    }

    [Test]
    public void ABareStateDictNextToThePapersTrainConfigReproducesTheLoggedLoss()
    {
        // As the paper's repository ships it: torch.save(model.state_dict()) with TransformerLens' buffers, no metadata,
        // and train_config.json in the same folder. Written here with PyBridge's own pickler.
        var source = TestData.BeliefGeometryCheckpoint("mess3/629209600.safetensors");
        var path = Path.Combine(dir, "629209600.pt");
        using (var content = Safetensors.Read(source))
        using (var mask = torch.ones(10, 10, torch.ScalarType.Bool).tril())
        using (var ignore = torch.tensor(-1e5f))
        {
            var stateDict = new System.Collections.Hashtable();
            foreach (var (name, t) in content.Tensors) stateDict[name] = t;
            for (int l = 0; l < 4; l++)
            {
                stateDict[$"blocks.{l}.attn.mask"] = mask;
                stateDict[$"blocks.{l}.attn.IGNORE"] = ignore;
            }
            using var file = File.Create(path);
            PyTorchPickler.PickleStateDict(file, stateDict);
        }
        File.Copy(Path.Combine(Path.GetDirectoryName(source)!, "train_config.json"), Path.Combine(dir, "train_config.json"));
        using var model = Transformer.Load(path);
        Assert.That(model.Config, Is.EqualTo(TransformerPresets.BeliefGeometry));
        Assert.That(model.ExactLoss(Processes.Mess3()).Average(), Is.EqualTo(0.802605).Within(5e-6));
    }
}
