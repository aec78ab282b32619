using TorchSharp;

namespace LmOrganisms.Evolution.Tests.Experiments;

/// <summary>One libtorch thread for the neural experiment tests (the CI box has 2 cores shared by every assembly).</summary>
[SetUpFixture]
public sealed class TorchThreads
{
    [OneTimeSetUp]
    public void PinThreads() => torch.set_num_threads(1);
}
