using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class OrganismWorldsTests
{
    [Test]
    public void EightDistinctlyNamedWorldsOverOneAlphabet()
    {
        Assert.That(OrganismWorlds.All, Has.Count.EqualTo(8));
        Assert.That(OrganismWorlds.All.Select(w => w.Name).Distinct().Count(), Is.EqualTo(8));
        Assert.That(OrganismWorlds.All.Select(w => w.Name), Is.EqualTo(OrganismWorlds.Names));
        foreach (var w in OrganismWorlds.All) Assert.That(w.Alphabet, Is.EqualTo(OrganismWorlds.Alphabet));
        Assert.That(OrganismWorlds.Parameters("near"), Is.EqualTo((0.08, 0.85)));
        Assert.That(OrganismWorlds.ByName("drift").Name, Is.EqualTo("drift"));
        Assert.That(OrganismWorlds.First(3).Select(w => w.Name), Is.EqualTo(new[] { "mess3", "alternating", "iid" }));
        var e = Assert.Throws<ArgumentException>(() => OrganismWorlds.ByName("nope"));
        Assert.That(e!.Message, Does.Contain("'nope'"));
    }

    [Test]
    public void SeparationsSpanTwoOrdersOfMagnitudeAndMatchTheDocumentedValues()
    {
        var s = OrganismWorlds.Separations(OrganismWorlds.All, 2);
        var eco = OrganismWorlds.Ecology(OrganismWorlds.All, 2);
        Assert.That(eco.EcologicalComplexity(), Is.EqualTo(8));
        var off = Enumerable.Range(0, 8).SelectMany(i => Enumerable.Range(i + 1, 7 - i).Select(j => s[i][j])).ToArray();
        Assert.That(off.Max() / off.Min(), Is.GreaterThan(100));
        int I(string n) => OrganismWorlds.Names.ToList().IndexOf(n);
        Assert.That(s[I("mess3")][I("near")], Is.EqualTo(0.00063).Within(0.000005));
        Assert.That(s[I("iid")][I("alternating-soft")], Is.EqualTo(0.00051).Within(0.000005));
        Assert.That(s[I("alternating")][I("crisp")], Is.EqualTo(0.1718).Within(0.00005));
        // i.i.d. uniform: the next-token law of "iid" is uniform after every context
        int iid = I("iid");
        for (int c = 0; c < eco.ContextCount; c++)
            for (int v = 0; v < 3; v++) Assert.That(eco[iid, c, v], Is.EqualTo(1.0 / 3).Within(1e-12));
    }

    [Test]
    public void TinyOrganismIsSmall()
    {
        var c = OrganismPresets.Tiny(3);
        Assert.That(c.ParameterCount, Is.EqualTo(6496));
        Assert.That(c.ContextLength, Is.EqualTo(16));
        Assert.That(OrganismPresets.Tiny(3, 12, dModel: 8).DModel, Is.EqualTo(8));
        var t = OrganismPresets.TinyTraining(100, 5, weightDecay: 0.1);
        Assert.That((t.Steps, t.Seed, t.WeightDecay, t.Beta1, t.Beta2), Is.EqualTo((100, 5, 0.1, 0.85, 0.99)));
        var e = Assert.Throws<ArgumentException>(() => OrganismPresets.Tiny(1));
        Assert.That(e!.Message, Does.Contain("vocabulary size 1"));
    }
}
