using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class SamplingTests
{
    [Test]
    public void SameSeedGivesTheSameTokensBitForBit()
    {
        var p = Processes.Mess3();
        var a = p.Sample(20, 50, seed: 7);
        var b = p.Sample(20, 50, seed: 7);
        var c = p.Sample(20, 50, seed: 8);
        Assert.That(a.Tokens, Is.EqualTo(b.Tokens));
        Assert.That(a.Tokens, Is.Not.EqualTo(c.Tokens));
        Assert.That((a.Count, a.Length, a.Tokens.Length), Is.EqualTo((20, 50, 1000)));
    }

    [Test]
    public void SeedZeroSequenceIsStableAcrossReleases()
    {
        // Pinned: System.Random(seed) is the documented, stable seeded algorithm; a change here breaks reproducibility.
        var tokens = Processes.Rrxor().Sample(1, 12, seed: 1).Row(0).ToArray();
        Assert.That(string.Concat(tokens), Is.EqualTo("001100111010"));
    }

    [Test]
    public void SymbolFrequenciesMatchTheStationarySymbolLaw()
    {
        // 100,000 Mess3 tokens; each symbol has probability 1/3. Tokens are correlated (mixing time ~ 1/(3x)), so the
        // standard error is larger than the i.i.d. sqrt(p(1-p)/n) = 0.0015; 0.01 is over 5 correlated standard errors.
        var p = Processes.Mess3();
        var batch = p.Sample(100, 1000, seed: 3);
        var counts = new double[3];
        foreach (var t in batch.Tokens) counts[t]++;
        foreach (var c in counts) Assert.That(c / batch.Tokens.Length, Is.EqualTo(1.0 / 3).Within(0.01));
    }

    [Test]
    public void GoldenMeanFrequenciesAndForbiddenWords()
    {
        // Pr(1) = π_A · p = 2/3 · 1/2 = 1/3; "11" never occurs.
        var p = Processes.GoldenMean();
        var batch = p.Sample(1000, 100, seed: 5);
        double ones = 0;
        for (int r = 0; r < batch.Count; r++)
        {
            var row = batch.Row(r);
            for (int t = 0; t < row.Length; t++)
            {
                ones += row[t];
                if (t > 0) Assert.That(row[t - 1] + row[t], Is.LessThan(2), $"row {r} position {t}");
            }
        }
        // n = 1e5 correlated tokens; sd of the i.i.d. estimate is 0.0015; allow 0.006.
        Assert.That(ones / batch.Tokens.Length, Is.EqualTo(1.0 / 3).Within(0.006));
    }

    [Test]
    public void FirstTokenFollowsTheStationaryLaw()
    {
        // RRXOR: Pr(first token = 1) = 1/2 exactly; 40,000 independent rows give sd 0.0025.
        var batch = Processes.Rrxor().Sample(40_000, 1, seed: 11);
        Assert.That(batch.Tokens.Average(), Is.EqualTo(0.5).Within(0.0125));
    }

    [Test]
    public void RrxorSamplesSatisfyTheXorConstraint()
    {
        var p = Processes.Rrxor();
        var batch = p.Sample(200, 30, seed: 2);
        for (int r = 0; r < batch.Count; r++)
        {
            var row = batch.Row(r).ToArray();
            // Some phase makes every complete triple (a, b, a XOR b).
            bool any = Enumerable.Range(0, 3).Any(phase =>
            {
                for (int i = phase; i + 2 < row.Length; i += 3)
                    if ((row[i] ^ row[i + 1]) != row[i + 2]) return false;
                return true;
            });
            Assert.That(any, Is.True, $"row {r}: {string.Concat(row)}");
        }
    }

    [Test]
    public void PairFrequenciesMatchWordProbabilities()
    {
        // Pr(AA) = 0.2245625 for Mess3; estimate from 200,000 overlapping pairs (correlated: tolerance 0.01).
        var p = Processes.Mess3();
        var batch = p.Sample(100, 2000, seed: 9);
        double aa = 0, pairs = 0;
        for (int r = 0; r < batch.Count; r++)
        {
            var row = batch.Row(r);
            for (int t = 1; t < row.Length; t++, pairs++)
                if (row[t - 1] == 0 && row[t] == 0) aa++;
        }
        Assert.That(aa / pairs, Is.EqualTo(0.2245625).Within(0.01));
    }

    [Test]
    public void SampleIntoFillsABufferAndChecksItsSize()
    {
        var p = Processes.Mess3();
        var buffer = new int[60];
        p.SampleInto(buffer, 6, 10, seed: 4);
        Assert.That(buffer, Is.EqualTo(p.Sample(6, 10, seed: 4).Tokens));
        var e = Assert.Throws<ArgumentException>(() => p.SampleInto(new int[5], 6, 10, seed: 4));
        Assert.That(e!.Message, Does.Contain("holds 5 tokens, fewer than count × length = 6 × 10"));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Sample(2, -1, 0));
    }

    [Test]
    public void TokenBatchAccessors()
    {
        var batch = Processes.Mess3().Sample(3, 4, seed: 1);
        var arrays = batch.ToArrays();
        for (int r = 0; r < 3; r++)
            for (int t = 0; t < 4; t++)
            {
                Assert.That(batch[r, t], Is.EqualTo(arrays[r][t]));
                Assert.That(batch.Row(r)[t], Is.EqualTo(batch.Tokens[r * 4 + t]));
            }
    }

    [Test]
    public void Sizes_beyond_one_array_or_the_memory_are_refused_up_front()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Processes.Mess3().Sample(int.MaxValue, 1, seed: 0))!;
        Assert.That(e.Message, Does.Contain("count × length = 2,147,483,647 × 1 = 2,147,483,647 tokens (8.0 GiB)"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Processes.Mess3().Sample(1, int.MaxValue, seed: 0));
        var m = Assert.Throws<ArgumentException>(() => MemoryBudget.Require(MemoryBudget.AvailableBytes * 2.0, "Test work", "x"))!;
        Assert.That(m.Message, Does.StartWith("Test work: about ").And.Contain("of memory available to this process"));
        Assert.That(m.ParamName, Is.EqualTo("x"));
        Assert.That(MemoryBudget.Format(3.5 * (1 << 20)), Is.EqualTo("3.5 MiB"));
    }
}
