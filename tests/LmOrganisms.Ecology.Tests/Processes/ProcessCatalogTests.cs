using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class ProcessesTests
{
    private const double Tol = 1e-12;

    [Test]
    public void Mess3MatricesMatchThePaper()
    {
        var p = Processes.Mess3();
        var expected = new[]
        {
            new[,] { { 0.765, 0.00375, 0.00375 }, { 0.0425, 0.0675, 0.00375 }, { 0.0425, 0.00375, 0.0675 } },
            new[,] { { 0.0675, 0.0425, 0.00375 }, { 0.00375, 0.765, 0.00375 }, { 0.00375, 0.0425, 0.0675 } },
            new[,] { { 0.0675, 0.00375, 0.0425 }, { 0.00375, 0.0675, 0.0425 }, { 0.00375, 0.00375, 0.765 } },
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(p.Alphabet, Is.EqualTo(new[] { "A", "B", "C" }));
            for (int x = 0; x < 3; x++)
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        Assert.That(p[x, i, j], Is.EqualTo(expected[x][i, j]).Within(Tol), $"T[{x}][{i}][{j}]");
            Assert.That(p.IsUnifilar, Is.False);
        }
    }

    [Test]
    public void Mess3StationaryDistributionIsUniform() =>
        Assert.That(Processes.Mess3().StationaryDistribution, Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }).Within(Tol));

    [Test]
    public void Mess3WordProbabilities()
    {
        var p = Processes.Mess3();
        // Pr(A) = 1/3 by symmetry; Pr(AA) = π T(A) T(A) 1, computed independently below (= 0.2245625).
        Assert.That(p.WordProbability(p.Encode("A")), Is.EqualTo(1.0 / 3).Within(Tol));
        double pAA = 0;
        var pi = new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 };
        var a = p.ToArray()[0];
        var eta = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) eta[j] += pi[i] * a[i][j];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) pAA += eta[i] * a[i][j];
        Assert.That(p.WordProbability(p.Encode("AA")), Is.EqualTo(pAA).Within(Tol));
        Assert.That(pAA, Is.EqualTo(0.2245625).Within(1e-12));
        // Probabilities of all words of a length sum to 1.
        double total = 0;
        foreach (var w in Words(3, 4)) total += p.WordProbability(w);
        Assert.That(total, Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void RrxorHasThePapersStationaryLawAndXorTriples()
    {
        var p = Processes.Rrxor();
        Assert.That(p.StationaryDistribution, Is.EqualTo(new[] { 1.0 / 3, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6 }).Within(Tol));
        Assert.That(p.IsUnifilar, Is.True);
        // From the start state S every triple (a, b, a XOR b) has probability 1/4 and any other triple 0.
        var start = new double[] { 1, 0, 0, 0, 0 };
        foreach (var w in Words(2, 3))
        {
            double expected = (w[0] ^ w[1]) == w[2] ? 0.25 : 0;
            Assert.That(p.WordProbability(w, start), Is.EqualTo(expected).Within(Tol), string.Join("", w));
        }
    }

    [Test]
    public void Z1RIsUniformAndUnifilar()
    {
        var p = Processes.Z1R();
        Assert.That(p.StationaryDistribution, Is.EqualTo(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }).Within(Tol));
        Assert.That(p.IsUnifilar, Is.True);
        Assert.That(p.WordProbability(p.Encode("00")), Is.EqualTo(1.0 / 6).Within(Tol)); // only from R then 0 → state 0 → 0
    }

    [Test]
    public void GoldenMeanAndEvenHaveStationaryTwoThirdsOneThird()
    {
        foreach (var p in new[] { Processes.GoldenMean(), Processes.Even() })
        {
            Assert.That(p.StationaryDistribution, Is.EqualTo(new[] { 2.0 / 3, 1.0 / 3 }).Within(Tol), p.Name);
            Assert.That(p.IsUnifilar, Is.True, p.Name);
        }
        // Golden mean forbids "11"; the even process forbids "010" (odd block of 1s between 0s).
        var gm = Processes.GoldenMean();
        Assert.That(gm.WordProbability(gm.Encode("11")), Is.Zero);
        var even = Processes.Even();
        Assert.That(even.WordProbability(even.Encode("010")), Is.Zero);
        Assert.That(even.WordProbability(even.Encode("0110")), Is.GreaterThan(0));
    }

    [Test]
    public void GoldenMeanWithOtherParameter()
    {
        // p = Pr(1 | A): πA = 1/(1+p), πB = p/(1+p).
        var p = Processes.GoldenMean(0.25);
        Assert.That(p.StationaryDistribution, Is.EqualTo(new[] { 1 / 1.25, 0.25 / 1.25 }).Within(Tol));
    }

    [Test]
    public void BiasedCoinIsIid()
    {
        var coin = Processes.BiasedCoin(0.3);
        Assert.That(coin.StateCount, Is.EqualTo(1));
        Assert.That(coin.WordProbability(coin.Encode("101")), Is.EqualTo(0.3 * 0.7 * 0.3).Within(Tol));
    }

    [Test]
    public void MarkovChainOrderTwoFromConditionalTable()
    {
        // Pr(next = 1 | last two = ab) = (a + b + 1) / 4 for bits a, b.
        var table = new double[4][];
        for (int c = 0; c < 4; c++)
        {
            double p1 = ((c >> 1) + (c & 1) + 1) / 4.0;
            table[c] = [1 - p1, p1];
        }
        var chain = Processes.MarkovChain("order2", ["0", "1"], 2, table);
        Assert.That(chain.States, Is.EqualTo(new[] { "00", "01", "10", "11" }));
        Assert.That(chain.IsUnifilar, Is.True);
        // From state "01": emit 1 w.p. 1/2 → "11"; from "11": emit 1 w.p. 3/4 → "11", emit 0 → "10".
        Assert.That(chain[1, 1, 3], Is.EqualTo(0.5).Within(Tol));
        Assert.That(chain[1, 3, 3], Is.EqualTo(0.75).Within(Tol));
        Assert.That(chain[0, 3, 2], Is.EqualTo(0.25).Within(Tol));
        // Stationary law solves π T = π.
        var pi = chain.StationaryDistribution.ToArray();
        var t = chain.StateTransitionMatrix();
        for (int j = 0; j < 4; j++)
        {
            double s = 0;
            for (int i = 0; i < 4; i++) s += pi[i] * t[i, j];
            Assert.That(s, Is.EqualTo(pi[j]).Within(1e-12));
        }
        // Order 0 is i.i.d.
        var iid = Processes.MarkovChain("iid", ["a", "b", "c"], 0, [[0.2, 0.3, 0.5]]);
        Assert.That(iid.WordProbability(iid.Encode("cab")), Is.EqualTo(0.5 * 0.2 * 0.3).Within(Tol));
    }

    [Test]
    public void MarkovChainRejectsWrongTable()
    {
        var e = Assert.Throws<ArgumentException>(() => Processes.MarkovChain("m", ["0", "1"], 1, [[0.5, 0.5]]));
        Assert.That(e!.Message, Does.Contain("1 rows, expected 2^1 = 2"));
        e = Assert.Throws<ArgumentException>(() => Processes.MarkovChain("m", ["0", "1"], 1, [[0.5, 0.5], [0.7, 0.7]]));
        Assert.That(e!.Message, Does.Contain("conditional row 1 (context '1') sums to 1.4"));
    }

    [Test]
    public void ByNameParsesParameters()
    {
        var p = Processes.FromName("mess3:0.15,0.6");
        Assert.That(p[0, 0, 0], Is.EqualTo(0.7 * 0.6).Within(Tol));
        Assert.That(Processes.FromName("RRXOR").StateCount, Is.EqualTo(5));
        foreach (var name in Processes.Names) Assert.That(Processes.FromName(name).Name, Is.EqualTo(name));
        Assert.That(Assert.Throws<ArgumentException>(() => Processes.FromName("nope"))!.Message, Does.Contain("Unknown catalog process 'nope'"));
        Assert.That(Assert.Throws<ArgumentException>(() => Processes.FromName("z1r:0.1,0.2"))!.Message, Does.Contain("at most 1 parameters"));
        Assert.That(Assert.Throws<ArgumentException>(() => Processes.FromName("z1r:abc"))!.Message, Does.Contain("'abc'"));
    }

    [Test]
    public void CatalogRejectsBadParameters()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Processes.Mess3(x: 0.6))!.Message, Does.Contain("x = 0.6"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Processes.Mess3(alpha: -0.1))!.Message, Does.Contain("alpha = -0.1"));
        Assert.That(Assert.Throws<ArgumentException>(() => Processes.Z1R(1.5))!.Message, Does.Contain("greater than 1"));
        Assert.That(Assert.Throws<ArgumentException>(() => Processes.BiasedCoin(double.NaN))!.Message, Does.Contain("NaN"));
    }

    internal static IEnumerable<int[]> Words(int alphabetSize, int length)
    {
        int total = (int)Math.Pow(alphabetSize, length);
        for (int n = 0; n < total; n++)
        {
            var w = new int[length];
            for (int k = length - 1, v = n; k >= 0; k--, v /= alphabetSize) w[k] = v % alphabetSize;
            yield return w;
        }
    }
}
