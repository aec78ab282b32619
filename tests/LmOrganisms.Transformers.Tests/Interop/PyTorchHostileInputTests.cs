namespace LmOrganisms.Transformers.Tests;

/// <summary>
/// Untrusted <c>.pt</c> files (Fixtures/PyTorch/hostile, made by make_fixtures.py, and corruptions made here) are
/// refused with an <see cref="ArgumentException"/> naming the file and the entry or field; no pickle code runs.
/// </summary>
[NonParallelizable]
public sealed class PyTorchHostileInputTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Path.Combine(Path.GetTempPath(), "lmo-pytorch-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    [TestCase("hostile/legacy-format.pt", "legacy serialization")]
    [TestCase("hostile/not-a-pickle.pt", "data.pkl could not be unpickled")]
    [TestCase("hostile/no-data-pkl.pt", "has 0 records named like data.pkl")]
    [TestCase("hostile/code-execution.pt", "'posix.system'", "refused without running it")]
    [TestCase("hostile/top-level-list.pt", "something other than a dict")]
    [TestCase("hostile/non-string-key.pt", "a key int (7)")]
    [TestCase("hostile/nested-checkpoint.pt", "Entry 'model'", "nested checkpoint")]
    [TestCase("hostile/string-value.pt", "Entry 'embed.W_E'", "Python str, not a tensor")]
    [TestCase("hostile/short-storage.pt", "more bytes than its storage record holds")]
    [TestCase("hostile/huge-shape.pt", "more memory than there is")]
    [TestCase("hostile/negative-shape.pt", "negative dimension")]
    [TestCase("hostile/missing-storage.pt", "storage record that the archive lacks")]
    [TestCase("hostile/unknown-storage-type.pt", "storage type PyBridge does not read")]
    [TestCase("hostile/whole-module.pt", "whole pickled nn.Module", "model.state_dict()")]
    [TestCase("hostile/integer-weights.pt", "Tensor 'embed.W_E'", "Int64")]
    [TestCase("hostile/wrong-shape.pt", "Tensor 'blocks.1.attn.W_Q'", "[2, 8, 5]", "[2, 8, 4]")]
    [TestCase("hostile/missing-tensor.pt", "blocks.1.mlp.b_in")]
    [TestCase("hostile/unexpected-tensor.pt", "blocks.0.attn.W_extra")]
    [TestCase("tiny-strided.pt", "non-contiguous tensor", "v.contiguous()")]
    [TestCase("tiny-shared-storage.pt", "views into a shared storage", "v.clone()")]
    public void AHostileFileIsRefusedWithTheFileAndTheEntry(string fixture, params string[] expected)
    {
        var path = TestData.PyTorchFixture(fixture);
        var e = Assert.Throws<ArgumentException>(() => Transformer.Load(path));
        Assert.That(e!.Message, Does.Contain(path));
        foreach (var fragment in expected) Assert.That(e.Message, Does.Contain(fragment));
        Assert.That(File.Exists("/tmp/lmo-pickle-was-executed"), Is.False);
    }

    [Test]
    public void CorruptedArchivesAreRefused()
    {
        var good = File.ReadAllBytes(TestData.PyTorchFixture("tiny.pt"));
        var cases = new Dictionary<string, byte[]>
        {
            ["truncated.pt"] = good[..(good.Length / 2)],
            ["no-central-directory.pt"] = good[..^22],
            ["zip-magic-then-noise.pt"] = [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))],
            ["text.pt"] = "this is not a model, just some text"u8.ToArray(),
            ["pickle-magic.pt"] = [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E, 0x00, 0x00],
        };
        var random = new Random(14);
        for (int i = 0; i < 40; i++)
        {
            var flipped = (byte[])good.Clone();
            for (int j = 0; j < 4; j++) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            cases[$"flipped-{i}.pt"] = flipped;
        }
        foreach (var (name, bytes) in cases)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllBytes(path, bytes);
            // Bit flips in tensor bytes give a valid file with other values: either it loads or it is refused cleanly.
            try
            {
                using var model = Transformer.Load(path);
                Assert.That(name, Does.StartWith("flipped-"), "only bit flips may still load");
            }
            catch (ArgumentException e)
            {
                Assert.That(e.Message, Does.Contain(path), name);
            }
        }
    }

    [Test]
    public void MissingFilesDirectoriesAndTinyFilesAreRefused()
    {
        Assert.Throws<FileNotFoundException>(() => Transformer.Load(Path.Combine(dir, "missing.pt")));
        Assert.Throws<FileNotFoundException>(() => PyTorchStateDict.Read(Path.Combine(dir, "missing.pt")));
        var e = Assert.Throws<FileNotFoundException>(() => Transformer.Load(dir));
        Assert.That(e!.Message, Does.Contain("is a directory"));
        var empty = Path.Combine(dir, "empty.pt");
        File.WriteAllBytes(empty, []);
        var a = Assert.Throws<ArgumentException>(() => Transformer.Load(empty));
        Assert.That(a!.Message, Does.Contain(empty).And.Contain("0 bytes"));
    }
}
