using TorchSharp;

namespace LmOrganisms.Transformers.Tests;

public sealed class TorchSmokeTests
{
    [Test]
    public void NativeBackendLoadsAndMultipliesMatrices()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);
        using var c = torch.matmul(a, b);
        Assert.That(c.data<float>().ToArray(), Is.EqualTo(new float[] { 19, 22, 43, 50 }));
    }

    [Test]
    public void LibtorchRunsOnOneThreadInTests() => Assert.That(torch.get_num_threads(), Is.EqualTo(1));
}
