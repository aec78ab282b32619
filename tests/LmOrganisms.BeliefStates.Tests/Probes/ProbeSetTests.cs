using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class ProbeSetTests
{
    [Test]
    public void Mess3PaperProbeSet()
    {
        var d = ProbeSet.AllWords(Processes.Mess3(), 10);
        Assert.That((d.Count, d.RowCount), Is.EqualTo((59_049, 590_490)));
        Assert.That(d.ConstantPredictorMse(), Is.EqualTo(0.111151).Within(1e-6));
        Assert.That(d.Weights.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(d.Beliefs.Min(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void RrxorPaperProbeSet()
    {
        var p = Processes.Rrxor();
        var d = ProbeSet.AllWords(p, 10);
        Assert.That((d.Count, d.RowCount), Is.EqualTo((436, 4_360)));
        Assert.That(d.ConstantPredictorMse(), Is.EqualTo(0.082742).Within(1e-6));
        Assert.That(d.DistinctBeliefCount, Is.EqualTo(35));
        // Row layout: row = sequence · n + (k − 1) holds the belief after the first k tokens.
        int seq = 123, k = 4;
        var word = d.Tokens.AsSpan(seq * 10, k).ToArray();
        Assert.That(d.Belief(seq * 10 + k - 1).ToArray(), Is.EqualTo(BeliefFilter.BeliefAfter(p, word)).Within(1e-15));
        Assert.That(d.Weights[seq], Is.EqualTo(p.WordProbability(d.Tokens.AsSpan(seq * 10, 10))).Within(1e-15));
        var next = d.NextTokenLaws;
        Assert.That(next.AsSpan((seq * 10 + k - 1) * 2, 2).ToArray(), Is.EqualTo(BeliefFilter.NextTokenLaw(p, BeliefFilter.BeliefAfter(p, word))).Within(1e-15));
        Assert.That(d.RowWeights(ProbeWeighting.Probability).Sum(), Is.EqualTo(10).Within(1e-12));
        Assert.That(d.RowWeights(ProbeWeighting.Unweighted).Sum(), Is.EqualTo(4_360));
    }

    [Test]
    public void RrxorBeliefVersusNextTokenDistanceR2MatchesSpec()
    {
        // Spec §2.6 / item 28: over all 9,502,620 unordered row pairs, R² of Euclidean belief distances vs next-token
        // distances is 0.284557 (model-free).
        var d = ProbeSet.AllWords(Processes.Rrxor(), 10);
        var next = d.NextTokenLaws;
        int n = d.RowCount, s = d.StateCount;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double a = 0, b = 0;
                for (int k = 0; k < s; k++) { double t = d.Beliefs[i * s + k] - d.Beliefs[j * s + k]; a += t * t; }
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
    public void SampledProbeSetsKeepTheFollowingTokenAndCountEachSequenceOnce()
    {
        var p = Processes.Mess3();
        var d = ProbeSet.Sample(p, count: 50, length: 10, seed: 1);
        var full = p.Sample(50, 11, seed: 1);
        Assert.That((d.Count, d.RowCount, d.IsExhaustive), Is.EqualTo((50, 500, false)));
        Assert.That(d.Tokens.AsSpan(7 * 10, 10).ToArray(), Is.EqualTo(full.Row(7)[..10].ToArray()));
        Assert.That(d.FollowingTokens![7], Is.EqualTo(full[7, 10]));
        Assert.That(d.NextToken(7 * 10 + 3), Is.EqualTo(full[7, 4]));
        Assert.That(d.NextToken(7 * 10 + 9), Is.EqualTo(full[7, 10]));
        Assert.That(d.Weights, Is.All.EqualTo(1.0));
        Assert.That(d.Belief(7 * 10 + 9).ToArray(), Is.EqualTo(BeliefFilter.Filter(p, full).Belief(7, 9).ToArray()).Within(1e-15));
        var all = ProbeSet.AllWords(p, 3);
        Assert.That((all.NextToken(1), all.NextToken(2), all.FollowingTokens), Is.EqualTo((all.Tokens[2], -1, (int[]?)null)));
        var given = ProbeSet.FromSequences(p, p.Sample(4, 6, seed: 2));
        Assert.That((given.Count, given.Length, given.NextToken(5)), Is.EqualTo((4, 6, -1)));
    }
}
