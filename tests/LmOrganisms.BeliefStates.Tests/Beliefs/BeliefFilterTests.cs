using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates.Tests;

public class BeliefFilterTests
{
    private static readonly HiddenMarkovProcess Mess3 = Processes.Mess3();
    private static readonly HiddenMarkovProcess Rrxor = Processes.Rrxor();
    private static readonly HiddenMarkovProcess Z1R = Processes.Z1R();

    [Test]
    public void SpecChecklistItem6BeliefVectors()
    {
        Assert.That(BeliefFilter.BeliefAfter(Mess3, "A"), Is.EqualTo(new[] { 0.85, 0.075, 0.075 }).Within(1e-12));
        Assert.That(BeliefFilter.BeliefAfter(Mess3, "AB"), Is.EqualTo(new[] { 0.355104, 0.592607, 0.052289 }).Within(1e-6));
        Assert.That(BeliefFilter.BeliefAfter(Rrxor, "1"), Is.EqualTo(new[] { 1 / 3.0, 0, 1 / 3.0, 1 / 6.0, 1 / 6.0 }).Within(1e-12));
        Assert.That(BeliefFilter.BeliefAfter(Rrxor, "11"), Is.EqualTo(new[] { 1 / 3.0, 0, 1 / 3.0, 0, 1 / 3.0 }).Within(1e-12));
        Assert.That(BeliefFilter.BeliefAfter(Z1R, "10"), Is.EqualTo(new[] { 0.5, 0.5, 0 }).Within(1e-12));
        Assert.That(BeliefFilter.BeliefAfter(Mess3, ""), Is.EqualTo(new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }).Within(1e-12));
    }

    [Test]
    public void SpecChecklistItem7NextTokenDistributions()
    {
        var pi = Rrxor.StationaryDistribution.ToArray();
        Assert.That(BeliefFilter.NextTokenLaw(Rrxor, pi), Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-12));
        Assert.That(BeliefFilter.NextTokenLaw(Rrxor, BeliefFilter.BeliefAfter(Rrxor, "11")), Is.EqualTo(new[] { 2 / 3.0, 1 / 3.0 }).Within(1e-12));
        Assert.That(BeliefFilter.NextTokenLaw(Mess3, BeliefFilter.BeliefAfter(Mess3, "A")),
            Is.EqualTo(new[] { 0.6736875, 0.16315625, 0.16315625 }).Within(1e-12));
    }

    [Test]
    public void UpdateEqualsNormalisedProductOfMatrices()
    {
        var eta = BeliefFilter.Update(Mess3, Mess3.StationaryDistribution.ToArray(), 0);
        eta = BeliefFilter.Update(Mess3, eta, 1);
        Assert.That(eta, Is.EqualTo(BeliefFilter.BeliefAfter(Mess3, "AB")).Within(1e-15));
    }

    [Test]
    public void BatchFilterMatchesPerWordBeliefsAndStaysInSimplex([Values(3, 5)] int which)
    {
        var p = which == 3 ? Mess3 : Rrxor;
        var batch = p.Sample(40, 12, seed: 7);
        var beliefs = BeliefFilter.Filter(p, batch);
        Assert.That(beliefs.Values, Has.Length.EqualTo(40 * 12 * p.StateCount));
        for (int r = 0; r < batch.Count; r++)
        {
            var row = batch.Row(r);
            var single = BeliefFilter.Beliefs(p, row);
            for (int t = 0; t < batch.Length; t++)
            {
                var expected = BeliefFilter.BeliefAfter(p, row[..(t + 1)]);
                Assert.That(beliefs.Belief(r, t).ToArray(), Is.EqualTo(expected).Within(1e-12));
                Assert.That(single.AsSpan(t * p.StateCount, p.StateCount).ToArray(), Is.EqualTo(expected).Within(1e-12));
                Assert.That(expected.Sum(), Is.EqualTo(1).Within(1e-12));
                Assert.That(expected.Min(), Is.GreaterThanOrEqualTo(0));
            }
        }
        Assert.That(beliefs.ToSingle()[5], Is.EqualTo((float)beliefs.Values[5]));
        Assert.That(beliefs[1, 2, 0], Is.EqualTo(beliefs.Values[(12 + 2) * p.StateCount]));
    }

    [Test]
    public void ZeroProbabilityObservationNamesPositionAndSymbol()
    {
        // Z1R: after "00" the next symbol is forced to be 1, so "0 0 0" has probability 0.
        var ex = Assert.Throws<ArgumentException>(() => BeliefFilter.Beliefs(Z1R, new[] { 0, 0, 0 }));
        Assert.That(ex!.Message, Does.Contain("Position 2").And.Contain("symbol '0'"));
        var batch = new TokenBatch(new[] { 0, 1, 0, 0, 0, 0 }, 2, 3);
        var ex2 = Assert.Throws<ArgumentException>(() => BeliefFilter.Filter(Z1R, batch));
        Assert.That(ex2!.Message, Does.Contain("Sequence 1, position 2").And.Contain("symbol '0'"));
    }

    [Test]
    public void FilterIntoChecksBufferSizesAndTokens()
    {
        var ex = Assert.Throws<ArgumentException>(() => BeliefFilter.FilterInto(Mess3, new int[6], 2, 3, new double[10]));
        Assert.That(ex!.Message, Does.Contain("10 entries").And.Contain("2 × 3 × 3"));
        var ex2 = Assert.Throws<ArgumentOutOfRangeException>(() => BeliefFilter.Beliefs(Mess3, new[] { 0, 7 }));
        Assert.That(ex2!.Message, Does.Contain("Token 7 at position 1"));
    }

    [Test]
    public void BadBeliefIsRejectedWithItsSum()
    {
        var ex = Assert.Throws<ArgumentException>(() => BeliefFilter.Update(Mess3, new[] { 0.5, 0.2, 0.2 }, 0));
        Assert.That(ex!.Message, Does.Contain("sums to 0.9"));
    }
}
