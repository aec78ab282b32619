using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class GapWorldsTests
{
    private static IEnumerable<HiddenMarkovProcess> Revealing() => [GapWorlds.NoisyEcho(0.1), GapWorlds.NoisyEcho(0.3), GapWorlds.SumThree()];

    [Test]
    public void EveryWordOfAtMostTwoTokensIsUniformSoContextsOfLengthAtMostOneAgreeWithIid()
    {
        foreach (var p in Revealing())
        {
            for (int a = 0; a < 3; a++)
            {
                Assert.That(p.WordProbability([a]), Is.EqualTo(1.0 / 3).Within(1e-15), $"{p.Name}: P({a})");
                for (int b = 0; b < 3; b++)
                    Assert.That(p.WordProbability([a, b]), Is.EqualTo(1.0 / 9).Within(1e-15), $"{p.Name}: P({a}{b})");
            }
            // Length-3 words differ: the rule shows from the third token on.
            Assert.That(Enumerable.Range(0, 27).Max(w => Math.Abs(p.WordProbability([w / 9, w / 3 % 3, w % 3]) - (1.0 / 27))), Is.GreaterThan(0.01), p.Name);
        }
    }

    [Test]
    public void TheProcessesHaveTheirStatedStructure()
    {
        var echo = GapWorlds.NoisyEcho(0.1);
        Assert.That((echo.StateCount, echo.IsUnifilar), Is.EqualTo((9, true)));
        Assert.That(echo.StationaryDistribution, Has.All.EqualTo(1.0 / 9).Within(1e-12));
        // P(x3 = x1 | x1 x2) = 1 − η + η/3.
        Assert.That(echo.WordProbability([0, 2, 0]) / echo.WordProbability([0, 2]), Is.EqualTo(0.9 + (0.1 / 3)).Within(1e-14));
        var sum = GapWorlds.SumThree();
        Assert.That((sum.StateCount, sum.IsUnifilar), Is.EqualTo((7, true)));
        Assert.That(sum.StationaryDistribution[0], Is.EqualTo(1.0 / 3).Within(1e-12));
        for (int i = 1; i < 7; i++) Assert.That(sum.StationaryDistribution[i], Is.EqualTo(1.0 / 9).Within(1e-12));
        // Blocks (a, b, a + b mod 3): a body of 3 tokens is consistent with phase 0 or not, P = 5/81 or 2/81.
        Assert.That(sum.WordProbability([1, 2, 0]), Is.EqualTo(5.0 / 81).Within(1e-15));
        Assert.That(sum.WordProbability([1, 2, 1]), Is.EqualTo(2.0 / 81).Within(1e-15));
        Assert.That(GapWorlds.Uniform().StateCount, Is.EqualTo(1));
    }

    [Test]
    public void EchoSummaryLossClosedFormMatchesEnumeration()
    {
        var uniform = GapWorlds.Uniform();
        foreach (double noise in new[] { 0.1, 0.3, 1.0 })
            for (int b = 1; b <= 7; b++)
                Assert.That(GapWorlds.EchoSummaryCrossEntropy(noise, b),
                    Is.EqualTo(RescueExperiment.BayesSummaryCrossEntropy(uniform, GapWorlds.NoisyEcho(noise), b)).Within(1e-12), $"η = {noise}, B = {b}");
        Assert.That(GapWorlds.EchoSummaryCrossEntropy(0.1, 2), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(GapWorlds.EchoSummaryCrossEntropy(1.0, 8), Is.EqualTo(Math.Log(2)).Within(1e-14));
        // The quick experiment's pair: 8 tokens nearly decide the world (independent enumeration: 0.0937, 0.0690, 0.0509 at B = 8, 9, 10).
        Assert.That(GapWorlds.EchoSummaryCrossEntropy(0.1, 8), Is.EqualTo(0.0937).Within(5e-5));
        Assert.That(GapWorlds.EchoSummaryCrossEntropy(0.1, 9), Is.EqualTo(0.0690).Within(5e-5));
        Assert.That(GapWorlds.EchoSummaryCrossEntropy(0.1, 10), Is.EqualTo(0.0509).Within(5e-5));
    }

    [Test]
    public void SumThreeSummaryLossHasItsClosedFormAtThreeTokens()
    {
        // P(consistent) = 1/3 (iid) or 5/9 (sum-3); posterior of sum-3 5/8 if consistent, 2/5 if not.
        double expected = (0.5 * (((1.0 / 3) * -Math.Log(3.0 / 8)) + ((2.0 / 3) * -Math.Log(3.0 / 5))))
            + (0.5 * (((5.0 / 9) * -Math.Log(5.0 / 8)) + ((4.0 / 9) * -Math.Log(2.0 / 5))));
        Assert.That(RescueExperiment.BayesSummaryCrossEntropy(GapWorlds.Uniform(), GapWorlds.SumThree(), 3), Is.EqualTo(expected).Within(1e-14));
        Assert.That(RescueExperiment.BayesSummaryCrossEntropy(GapWorlds.Uniform(), GapWorlds.SumThree(), 8), Is.EqualTo(0.345695).Within(1e-6));
    }

    [Test]
    public void BadNoiseIsRejectedWithItsValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GapWorlds.NoisyEcho(0));
        Assert.That(e!.Message, Does.Contain("noise η = 0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GapWorlds.EchoSummaryCrossEntropy(1.5, 8));
    }
}
