using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class TwinWorldsTests
{
    [Test]
    public void RepeatProbabilityMatchesTheProcess()
    {
        // Closed form: x + (1 − 3x)(α² + 2β²) = 0.05 + 0.85 · 0.73375 = 0.6736875.
        Assert.That(TwinWorlds.RepeatProbability(0.05, 0.85), Is.EqualTo(0.6736875).Within(1e-15));
        foreach (var (x, a) in new[] { (0.05, 0.85), (0.45, 0.9), (0.02, 0.6), (0.2, 0.4) })
        {
            var p = Processes.Mess3(x, a);
            double direct = p.WordProbability([0, 0]) / p.WordProbability([0]);
            Assert.That(TwinWorlds.RepeatProbability(x, a), Is.EqualTo(direct).Within(1e-14), $"Mess3({x}, {a})");
        }
    }

    [Test]
    public void TwinAlphaSolvesTheQuadratic()
    {
        // Bisection on the repeat probability (independent of the closed form) gave 0.975634279191663.
        Assert.That(TwinWorlds.TwinAlpha(0.05, 0.85, 0.15), Is.EqualTo(0.975634279191663).Within(1e-12));
        double alpha = TwinWorlds.TwinAlpha(0.05, 0.6, 0.15);
        Assert.That(TwinWorlds.RepeatProbability(0.15, alpha), Is.EqualTo(TwinWorlds.RepeatProbability(0.05, 0.6)).Within(1e-14));
    }

    [Test]
    public void TwinsAgreeOnContextsUpToLengthOneAndDifferOnLonger()
    {
        var a = Processes.Mess3(0.05, 0.85).WithName("a");
        var b = TwinWorlds.Mess3Twin(0.05, 0.85, 0.15, "b");
        var e = FiniteEcology.FromProcesses([a, b], 2);
        for (int c = 0; c < e.ContextCount; c++)
        {
            double diff = 0;
            for (int v = 0; v < 3; v++) diff = Math.Max(diff, Math.Abs(e[0, c, v] - e[1, c, v]));
            if (e.Contexts[c].Length <= 1 || e.Contexts[c] == "ε") Assert.That(diff, Is.LessThan(1e-14), e.Contexts[c]);
        }
        Assert.That(e.TaskDistance(0, 1), Is.GreaterThan(1e-4));
        Assert.That(FiniteEcology.FromProcesses([a, b], 1).TaskDistance(0, 1), Is.LessThan(1e-28));
    }

    [Test]
    public void UnreachableTwinIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TwinWorlds.TwinAlpha(0.05, 0.85, 0.3));
        Assert.That(e!.Message, Does.Contain("reaches only"));
        Assert.Throws<ArgumentException>(() => TwinWorlds.TwinAlpha(0.05, 0.85, 1.0 / 3));
    }
}
