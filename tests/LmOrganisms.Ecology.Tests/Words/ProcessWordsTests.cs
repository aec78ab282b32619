namespace LmOrganisms.Ecology.Tests;

public class ProcessWordsTests
{
    private static readonly HiddenMarkovProcess Mess3 = Processes.Mess3();
    private static readonly HiddenMarkovProcess Rrxor = Processes.Rrxor();

    [Test]
    public void SpecChecklistItem8WordCountsAndProbabilities()
    {
        Assert.That(Mess3.Words(10).Count, Is.EqualTo(59_049));
        Assert.That(Rrxor.Words(10).Count, Is.EqualTo(436));
        Assert.That(Processes.Z1R().Words(10).Count, Is.EqualTo(32));
        long Nodes(HiddenMarkovProcess p) => Enumerable.Range(0, 12).Sum(l => (long)p.Words(l).Count);
        Assert.That(Nodes(Rrxor), Is.EqualTo(1_723));
        Assert.That(Nodes(Processes.Z1R()), Is.EqualTo(175));
        var two = Mess3.Words(2);
        Assert.That(two.Word(0).ToArray(), Is.EqualTo(new[] { 0, 0 }));
        Assert.That(two.Probabilities[0], Is.EqualTo(0.2245625).Within(1e-12));   // π T(A) T(A) 1
        Assert.That(two.Probabilities.Sum(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void WordsAreLexicographicWithTheirExactProbabilities()
    {
        var words = Rrxor.Words(6);
        for (int i = 0; i < words.Count; i++)
        {
            Assert.That(words.Probabilities[i], Is.EqualTo(Rrxor.WordProbability(words.Word(i))).Within(1e-15));
            if (i > 0) Assert.That(Compare(words.Word(i - 1), words.Word(i)), Is.LessThan(0), $"order at {i}");
        }
        Assert.That(words.Beliefs, Is.Null);
        Assert.Throws<InvalidOperationException>(() => words.Belief(0));
    }

    [Test]
    public void BeliefsAreTheFilteredStatesAfterEachWord()
    {
        var words = Mess3.Words(4, beliefs: true);
        for (int i = 0; i < words.Count; i += 7)
        {
            // Independent: forward vector π T[x1]…T[x4] normalised once at the end.
            var alpha = Mess3.StationaryDistribution.ToArray();
            var next = new double[3];
            foreach (var x in words.Word(i).ToArray()) { Mess3.StepUnnormalised(alpha, x, next); next.CopyTo(alpha, 0); }
            double z = alpha.Sum();
            var belief = words.Belief(i).ToArray();
            for (int s = 0; s < 3; s++) Assert.That(belief[s], Is.EqualTo(alpha[s] / z).Within(1e-14));
        }
    }

    [Test]
    public void TheEmptyWordIsOneWordWithTheStationaryBelief()
    {
        var words = Rrxor.Words(0, beliefs: true);
        Assert.That(words.Count, Is.EqualTo(1));
        Assert.That(words.Probabilities[0], Is.EqualTo(1));
        Assert.That(words.Belief(0).ToArray(), Is.EqualTo(Rrxor.StationaryDistribution.ToArray()));
    }

    [Test]
    public void TheIdealPredictorsCrossEntropyIsTheMyopicEntropyPerPosition()
    {
        // The exact predictor q = Pr(· | x₁..x_k): CE_k = H(X_{k+1} | X₁..X_k) = H(k+1) − H(k), here from the probabilities
        // of words of length k and k + 1 (an independent route through WordProbability).
        int n = 5, v = 3;
        var words = Mess3.Words(n);
        var laws = new double[words.Count * n * v];
        for (int i = 0; i < words.Count; i++)
            for (int k = 1; k <= n; k++)
            {
                var prefix = words.Word(i)[..k].ToArray();
                double pk = Mess3.WordProbability(prefix);
                for (int x = 0; x < v; x++)
                    laws[(i * n + k - 1) * v + x] = Mess3.WordProbability([.. prefix, x]) / pk;
            }
        var ce = words.CrossEntropy(laws);
        for (int k = 1; k <= n; k++)
        {
            double Block(int l) => -Mess3.Words(l).Probabilities.Sum(p => p * Math.Log(p));
            Assert.That(ce[k - 1], Is.EqualTo(Block(k + 1) - Block(k)).Within(1e-12), $"position {k}");
        }
        // The same laws as float log-probabilities give the same losses to float precision.
        var logs = laws.Select(q => (float)Math.Log(q)).ToArray();
        Assert.That(words.CrossEntropy(logs), Is.EqualTo(ce).Within(1e-6));
        // A uniform predictor scores ln 3 at every position; its mean law is uniform.
        var uniform = Enumerable.Repeat(1.0 / 3, laws.Length).ToArray();
        Assert.That(words.CrossEntropy(uniform), Is.All.EqualTo(Math.Log(3)).Within(1e-12));
        Assert.That(words.MeanLaws(uniform).SelectMany(l => l), Is.All.EqualTo(1.0 / 3).Within(1e-12));
        Assert.Throws<ArgumentException>(() => words.CrossEntropy(new double[3]));
    }

    [Test]
    public void MoreWordsThanTheCapAreRefusedByName()
    {
        var coin = Processes.BiasedCoin(0.5);
        Assert.That(coin.Words(22).Count, Is.EqualTo(ProcessWords.MaxCount));
        var e = Assert.Throws<ArgumentException>(() => coin.Words(23));
        Assert.That(e!.Message, Does.Contain("ProcessWords.MaxCount").And.Contain("'coin'"));
    }

    [Test]
    public void CancellationStopsAnEnumeration()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => Processes.BiasedCoin(0.5).Words(20, cancellationToken: cancelled.Token));
    }

    private static int Compare(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return 0;
    }
}
