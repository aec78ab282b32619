using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class ProcessBuilderTests
{
    [Test]
    public void BuildsTheGoldenMeanByHand()
    {
        var p = HiddenMarkovProcess.Builder("gm").Alphabet("0", "1").States("A", "B")
            .Transition("0", "A", "A", 0.5).Transition("1", "A", "B", 0.5).Transition("0", "B", "A", 1.0)
            .Build();
        Assert.That(p.ToArray(), Is.EqualTo(Processes.GoldenMean().ToArray()));
    }

    [Test]
    public void ErrorsNameTheBadTransition()
    {
        var b = HiddenMarkovProcess.Builder("p").Alphabet("0", "1").States("A");
        Assert.That(Assert.Throws<ArgumentException>(() => b.Transition("2", "A", "A", 1).Build())!.Message,
            Does.Contain("symbol '2', which is not in the alphabet (0, 1)"));
        b = HiddenMarkovProcess.Builder("p").Alphabet("0").States("A");
        Assert.That(Assert.Throws<ArgumentException>(() => b.Transition("0", "X", "A", 1).Build())!.Message, Does.Contain("unknown state 'X'"));
        b = HiddenMarkovProcess.Builder("p").Alphabet("0").States("A");
        Assert.That(Assert.Throws<ArgumentException>(() => b.Transition("0", "A", "Y", 1).Build())!.Message, Does.Contain("goes to unknown state 'Y'"));
        b = HiddenMarkovProcess.Builder("p").Alphabet("0").States("A");
        Assert.That(Assert.Throws<ArgumentException>(() => b.Transition("0", "A", "A", 0.5).Transition("0", "A", "A", 0.5).Build())!.Message,
            Does.Contain("'A' -0-> 'A' is set twice"));
        b = HiddenMarkovProcess.Builder("p").Alphabet("0").States("A");
        Assert.That(Assert.Throws<ArgumentException>(() => b.Transition("0", "A", "A", 0.93).Build())!.Message,
            Does.Contain("row 0 (state 'A') sums to 0.93"));
    }
}
