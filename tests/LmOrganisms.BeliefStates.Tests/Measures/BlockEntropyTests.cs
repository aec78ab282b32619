using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class BlockEntropyTests
{
    private static IEnumerable<HiddenMarkovProcess> AllProcesses() =>
        [Processes.Mess3(), Processes.Rrxor(), Processes.Z1R(), Processes.GoldenMean(), Processes.Even(), Processes.Mess3(0.15, 0.6)];

    [TestCaseSource(nameof(AllProcesses))]
    public void ShortcutEqualsWordEnumeration(HiddenMarkovProcess p)
    {
        int max = p.AlphabetSize == 3 ? 8 : 14;
        var curves = BlockEntropy.Curves(p, max);
        for (int l = 0; l <= max; l++)
        {
            Assert.That(curves.Block(l), Is.EqualTo(BlockEntropy.ByEnumeration(p, l)).Within(1e-10), $"H({l}) nats");
            Assert.That(Units.ToBits(curves.Block(l)), Is.EqualTo(Units.ToBits(BlockEntropy.ByEnumeration(p, l))).Within(1e-10), $"H({l}) bits");
        }
        for (int l = 1; l <= max; l++)
        {
            Assert.That(curves.Myopic(l), Is.EqualTo(curves.Block(l) - curves.Block(l - 1)).Within(1e-10));
            if (l > 1) Assert.That(curves.Myopic(l), Is.LessThanOrEqualTo(curves.Myopic(l - 1) + 1e-12), $"h({l}) decreasing");
        }
    }

    [TestCaseSource(nameof(AllProcesses))]
    public void MyopicDirectFormEqualsDifferencedEnumeration(HiddenMarkovProcess p)
    {
        // Direct: h(L) = Σ_{|w| = L−1} Pr(w) H(Pr(· | w)), from enumerated words and their beliefs (not the MSP).
        var curves = BlockEntropy.Curves(p, 6);
        for (int l = 1; l <= 6; l++)
        {
            double direct = 0;
            var words = p.Words(l - 1, beliefs: true);
            for (int i = 0; i < words.Count; i++)
                direct += words.Probabilities[i] * -BeliefFilter.NextTokenLaw(p, words.Belief(i)).Where(v => v > 0).Sum(v => v * Math.Log(v));
            Assert.That(direct, Is.EqualTo(BlockEntropy.ByEnumeration(p, l) - BlockEntropy.ByEnumeration(p, l - 1)).Within(1e-10));
            Assert.That(curves.Myopic(l), Is.EqualTo(direct).Within(1e-10));
        }
    }

    [Test]
    public void EpsilonMachineHasTheGeneratorsBlockEntropies()
    {
        foreach (var p in new[] { Processes.Rrxor(), Processes.Z1R(), Processes.Even() })
        {
            var eps = LmOrganisms.BeliefStates.MixedStatePresentation.Build(p, 30).EpsilonMachine();
            var a = BlockEntropy.Curves(p, 12);
            for (int l = 0; l <= 12; l++)
                Assert.That(BlockEntropy.ByEnumeration(eps, l), Is.EqualTo(a.Block(l)).Within(1e-10), $"{p.Name} H({l})");
        }
    }

    [Test]
    public void RrxorBlockEntropiesInBits()
    {
        var c = BlockEntropy.Curves(Processes.Rrxor(), 30);
        Assert.That(Units.ToBits(c.Block(1)), Is.EqualTo(1).Within(1e-12));
        Assert.That(Units.ToBits(c.Block(2)), Is.EqualTo(2).Within(1e-12));
        Assert.That(Units.ToBits(c.Block(3)), Is.EqualTo(2.918296).Within(1e-6));
        // h(L) approaches the entropy rate 2/3 bit from above as the observer synchronises to the phase.
        Assert.That(Units.ToBits(c.Myopic(30)) - 2 / 3.0, Is.InRange(0, 1e-3));
        Assert.That(Units.ToBits(c.Myopic(30)), Is.LessThan(Units.ToBits(c.Myopic(15))));
    }

    [Test]
    public void RrxorThirtyBlockEntropiesAreFast()
    {
        var p = Processes.Rrxor();
        BlockEntropy.Curves(p, 30);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        BlockEntropy.Curves(p, 30);
        sw.Stop();
        Assert.That(sw.Elapsed.TotalMilliseconds, Is.LessThan(250)); // goal < 50 ms; generous on a shared box
    }
}
