using TorchSharp;

namespace LmOrganisms.Fuzz.Tests;

/// <summary>Pins libtorch to one thread for the whole test assembly (2-core CI box: 15–30× slowdowns otherwise).</summary>
[SetUpFixture]
public sealed class TorchThreads
{
    [OneTimeSetUp]
    public void PinToOneThread() => torch.set_num_threads(1);
}
