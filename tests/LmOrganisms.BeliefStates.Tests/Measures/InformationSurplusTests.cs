using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class InformationSurplusTests
{
    private static HiddenMarkovProcess Interleaved(int v, double eps)
    {
        // Source A of the Markov-categorical spec §3 E1: w_{t+1} = w_{t−1} with probability 1 − ε, else uniform.
        var cond = new double[v * v][];
        for (int c = 0; c < v * v; c++)
        {
            int older = c / v;
            cond[c] = Enumerable.Range(0, v).Select(x => (x == older ? 1 - eps : 0) + eps / v).ToArray();
        }
        return Processes.MarkovChain("interleaved", Enumerable.Range(0, v).Select(i => ((char)('a' + i)).ToString()).ToArray(), 2, cond);
    }

    [Test]
    public void SourceAInterleavedOrder2()
    {
        var s = InformationSurplus.Compute(Interleaved(2, 0.2), 4, 4);
        Assert.That(s.NextTokenEntropy, Is.EqualTo(0.325083).Within(1e-6));
        Assert.That(s.StatePredictionInformation, Is.EqualTo(0.368064).Within(1e-6));
        Assert.That(s.Conditional, Is.EqualTo(0.368064).Within(1e-6));
        Assert.That(InformationSurplus.Compute(Interleaved(2, 0.2), 4, 2).Conditional, Is.EqualTo(0.368064).Within(1e-6));
        Assert.That(InformationSurplus.Compute(Interleaved(2, 0.2), 4, 2).DpiGap, Is.EqualTo(0.368064).Within(1e-6));
        // Closed form log V − H(row).
        double row = 1 - 0.2 + 0.1;
        Assert.That(s.Conditional, Is.EqualTo(Math.Log(2) + row * Math.Log(row) + 0.1 * Math.Log(0.1)).Within(1e-12));
        var s3 = InformationSurplus.Compute(Interleaved(3, 0.5), 4, 3);
        Assert.That((s3.NextTokenEntropy, s3.StatePredictionInformation, s3.Conditional), Is.EqualTo((0.867563, 0.231049, 0.231049)).Within(1e-6));
        var s4 = InformationSurplus.Compute(Interleaved(4, 0.5), 3, 2);
        Assert.That((s4.NextTokenEntropy, s4.Conditional, s4.DpiGap), Is.EqualTo((1.073543, 0.312752, 0.312752)).Within(1e-6));
    }

    [Test]
    public void ZeroForDirectlyObservedOrder1ChainAndIid()
    {
        var chain = Processes.MarkovChain("flip", ["0", "1"], 1, [[0.9, 0.1], [0.1, 0.9]]);
        var b = InformationSurplus.Compute(chain, 5, 4);
        Assert.That(b.StatePredictionInformation, Is.EqualTo(0.368064).Within(1e-6));
        Assert.That((b.Conditional, b.DpiGap), Is.EqualTo((0.0, 0.0)).Within(1e-12));
        var iid = Processes.MarkovChain("iid", ["a", "b", "c"], 0, [[0.5, 0.3, 0.2]]);
        var d = InformationSurplus.Compute(iid, 3, 4);
        Assert.That(d.NextTokenEntropy, Is.EqualTo(1.029653).Within(1e-6));
        Assert.That((d.StatePredictionInformation, d.Conditional, d.DpiGap), Is.EqualTo((0.0, 0.0, 0.0)).Within(1e-12));
    }

    [Test]
    public void SourceCSeparatesTheTwoDefinitions()
    {
        var c = HiddenMarkovProcess.FromStateEmission("C", ["0", "1"], ["u", "v"], [[0.9, 0.1], [0.1, 0.9]], [[0.8, 0.2], [0.2, 0.8]]);
        var s2 = InformationSurplus.Compute(c, 14, 2);
        Assert.That(s2.NextTokenEntropy, Is.EqualTo(0.630647).Within(1e-6));
        Assert.That(s2.StatePredictionInformation, Is.EqualTo(0.062500).Within(1e-6));
        Assert.That(s2.Conditional, Is.EqualTo(0.020435).Within(1e-6));
        Assert.That(s2.PredictiveInformation[1], Is.EqualTo(0.082936).Within(1e-6));
        Assert.That(s2.DpiGap, Is.EqualTo(0).Within(1e-9));
        Assert.That(InformationSurplus.Compute(c, 14, 3).Conditional, Is.EqualTo(0.028099).Within(1e-6));
        var s4 = InformationSurplus.Compute(c, 14, 4);
        Assert.That(s4.Conditional, Is.EqualTo(0.030804).Within(1e-6));
        for (int k = 1; k < 4; k++) Assert.That(s4.PredictiveInformation[k], Is.GreaterThanOrEqualTo(s4.PredictiveInformation[k - 1]));
    }

    [Test]
    public void PositiveForMess3()
    {
        var s = InformationSurplus.Compute(Processes.Mess3(), 6, 3);
        Assert.That(s.Conditional, Is.GreaterThan(1e-3));
        // Mess3's next-token law is an invertible linear image of its belief, so P loses nothing: S^DPI = 0 (spec §2.6).
        Assert.That(s.DpiGap, Is.EqualTo(0).Within(1e-9));
        Assert.That(s.PredictiveInformation[2], Is.GreaterThan(s.PredictiveInformation[1]));
    }
}
