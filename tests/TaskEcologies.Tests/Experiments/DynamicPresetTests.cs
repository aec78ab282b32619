using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class DynamicPresetTests
{
    [Test]
    public void QuickAndFullPresetsOfExperimentsFourToSixAreValidAndFullIsThePapersScale()
    {
        Assert.DoesNotThrow(SelectionOptions.Quick.Validate);
        Assert.DoesNotThrow(SelectionOptions.Full.Validate);
        Assert.DoesNotThrow(OffEcologyOptions.Quick.Validate);
        Assert.DoesNotThrow(OffEcologyOptions.Full.Validate);
        Assert.DoesNotThrow(RescueOptions.Quick.Validate);
        Assert.DoesNotThrow(RescueOptions.Full.Validate);
        // Spec §3.6–3.8: K = 20, G = 50, 3 runs; 10 models × 15,000 steps; base 10,000, post 4,000, K = 12, G = 20.
        Assert.That((SelectionOptions.Full.Size, SelectionOptions.Full.Generations, SelectionOptions.Full.RunSeeds.Count), Is.EqualTo((20, 50, 3)));
        Assert.That((OffEcologyOptions.Full.Models, OffEcologyOptions.Full.Steps), Is.EqualTo((10, 15_000)));
        Assert.That((RescueOptions.Full.BaseSteps, RescueOptions.Full.PostSteps, RescueOptions.Full.PopulationSize, RescueOptions.Full.Generations),
            Is.EqualTo((10_000, 4_000, 12, 20)));
    }
}
