using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class ProbeDatasetTests
{
    [Test]
    public void Mess3PaperProbeSet()
    {
        var d = ProbeDataset.AllWords(Processes.Mess3(), 10);
        Assert.That((d.SequenceCount, d.RowCount), Is.EqualTo((59_049, 590_490)));
        Assert.That(d.ConstantPredictorMse(), Is.EqualTo(0.111151).Within(1e-6));
        Assert.That(d.SequenceProbabilities.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(d.Targets.Min(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void RrxorPaperProbeSet()
    {
        var p = Processes.Rrxor();
        var d = ProbeDataset.AllWords(p, 10);
        Assert.That((d.SequenceCount, d.RowCount), Is.EqualTo((436, 4_360)));
        Assert.That(d.ConstantPredictorMse(), Is.EqualTo(0.082742).Within(1e-6));
        Assert.That(d.DistinctBeliefCount, Is.EqualTo(35));
        // Row layout: row = sequence · n + (k − 1) holds the belief after the first k tokens.
        int seq = 123, k = 4;
        var word = d.Tokens.AsSpan(seq * 10, k).ToArray();
        Assert.That(d.Target(seq * 10 + k - 1).ToArray(), Is.EqualTo(BeliefFilter.BeliefAfter(p, word)).Within(1e-15));
        Assert.That(d.SequenceProbabilities[seq], Is.EqualTo(p.WordProbability(d.Tokens.AsSpan(seq * 10, 10))).Within(1e-15));
        var next = d.NextTokenDistributions();
        Assert.That(next.AsSpan((seq * 10 + k - 1) * 2, 2).ToArray(), Is.EqualTo(BeliefFilter.NextTokenDistribution(p, BeliefFilter.BeliefAfter(p, word))).Within(1e-15));
        Assert.That(d.RowWeights(ProbeWeighting.Probability).Sum(), Is.EqualTo(10).Within(1e-12));
        Assert.That(d.RowWeights(ProbeWeighting.Unweighted).Sum(), Is.EqualTo(4_360));
    }

    [Test]
    public void RrxorBeliefVersusNextTokenDistanceR2MatchesSpec()
    {
        // Spec §2.6 / item 28: over all 9,502,620 unordered row pairs, R² of Euclidean belief distances vs next-token
        // distances is 0.284557 (model-free).
        var d = ProbeDataset.AllWords(Processes.Rrxor(), 10);
        var next = d.NextTokenDistributions();
        int n = d.RowCount, s = d.StateCount;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double a = 0, b = 0;
                for (int k = 0; k < s; k++) { double t = d.Targets[i * s + k] - d.Targets[j * s + k]; a += t * t; }
                for (int k = 0; k < 2; k++) { double t = next[i * 2 + k] - next[j * 2 + k]; b += t * t; }
                a = Math.Sqrt(a); b = Math.Sqrt(b);
                sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b; pairs++;
            }
        Assert.That(pairs, Is.EqualTo(9_502_620));
        double cov = sxy / pairs - sx / pairs * (sy / pairs);
        double r2 = cov * cov / ((sxx / pairs - sx / pairs * (sx / pairs)) * (syy / pairs - sy / pairs * (sy / pairs)));
        Assert.That(r2, Is.EqualTo(0.284557).Within(1e-6));
    }

    [Test]
    public void SampledProbeSetUsesExactProbabilities()
    {
        var p = Processes.Mess3();
        var batch = p.Sample(50, 10, seed: 1);
        var d = ProbeDataset.FromSamples(p, batch);
        Assert.That(d.RowCount, Is.EqualTo(500));
        Assert.That(d.SequenceProbabilities[7], Is.EqualTo(p.WordProbability(batch.Row(7))).Within(1e-18));
        Assert.That(d.Target(7 * 10 + 9).ToArray(), Is.EqualTo(BeliefFilter.Filter(p, batch).Belief(7, 9).ToArray()).Within(1e-15));
    }
}
