using LmOrganisms.Populations;
using TorchSharp;

namespace LmOrganisms.Tests;

/// <summary>Pins libtorch to one thread for the whole test assembly (2-core CI box; members run concurrently in the population tests).</summary>
[SetUpFixture]
public sealed class TorchThreads
{
    [OneTimeSetUp]
    public void PinToOneThread() => torch.set_num_threads(1);
}
