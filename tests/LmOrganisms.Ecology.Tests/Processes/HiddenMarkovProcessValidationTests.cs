using LmOrganisms.Ecology;

namespace LmOrganisms.Ecology.Tests;

public sealed class HiddenMarkovProcessValidationTests
{
    private static readonly string[] Bits = ["0", "1"];
    private static readonly string[] TwoStates = ["A", "B"];

    private static double[][][] GoldenMean() =>
    [
        [[0.5, 0], [1, 0]],
        [[0, 0.5], [0, 0]],
    ];

    private static string CreateError(string[] alphabet, string[] states, double[][][] t) =>
        Assert.Throws<ArgumentException>(() => HiddenMarkovProcess.Create("p", alphabet, states, t))!.Message;

    [Test]
    public void ValidTensorIsAccepted()
    {
        var p = HiddenMarkovProcess.Create("gm", Bits, TwoStates, GoldenMean());
        Assert.That(p.ToArray(), Is.EqualTo(GoldenMean()));
        Assert.That(p.ToString(), Is.EqualTo("gm (2 symbols, 2 states, unifilar)"));
    }

    [Test]
    public void RowNotSummingToOneNamesRowStateAndSymbolSums()
    {
        var t = GoldenMean();
        t[1][1][0] = 0.5; // state B now sums to 1.5
        Assert.That(CreateError(Bits, TwoStates, t),
            Is.EqualTo("Process 'p': row 1 (state 'B') sums to 1.5 over all symbols (0: 1, 1: 0.5), expected 1 (within 1E-09). (Parameter 'transitions')"));
    }

    [Test]
    public void RowSumWithinToleranceIsAccepted()
    {
        var t = GoldenMean();
        t[0][0][0] = 0.5 + 5e-10;
        Assert.DoesNotThrow(() => HiddenMarkovProcess.Create("p", Bits, TwoStates, t));
    }

    [TestCase(-0.1, "is -0.1")]
    [TestCase(double.NaN, "is NaN")]
    [TestCase(double.PositiveInfinity, "is ∞")]
    public void BadEntryNamesSymbolAndStates(double value, string shown)
    {
        var t = GoldenMean();
        t[1][0][1] = value;
        var message = CreateError(Bits, TwoStates, t);
        Assert.That(message, Does.Contain("entry [0][1] of symbol '1' (state 'A' to 'B')"));
        Assert.That(message, Does.Contain(shown.Replace("∞", "Infinity", StringComparison.Ordinal)).Or.Contain(shown));
    }

    [Test]
    public void EmptyAlphabetIsRejected() =>
        Assert.That(CreateError([], TwoStates, []), Does.Contain("The symbol list is empty"));

    [Test]
    public void EmptyStateListIsRejected() =>
        Assert.That(CreateError(Bits, [], [[], []]), Does.Contain("The state list is empty"));

    [Test]
    public void DuplicateNamesAreRejected()
    {
        Assert.That(CreateError(["0", "0"], TwoStates, GoldenMean()), Does.Contain("Duplicate symbol name '0' at indices 0 and 1"));
        Assert.That(CreateError(Bits, ["A", "A"], GoldenMean()), Does.Contain("Duplicate state name 'A' at indices 0 and 1"));
    }

    [Test]
    public void RaggedOrMismatchedShapesAreRejected()
    {
        Assert.That(CreateError(Bits, TwoStates, [GoldenMean()[0]]), Does.Contain("1 symbol matrices, but the alphabet has 2 symbols"));
        Assert.That(CreateError(Bits, TwoStates, [[[0.5, 0]], GoldenMean()[1]]), Does.Contain("matrix of symbol '0' has 1 rows, expected 2"));
        Assert.That(CreateError(Bits, TwoStates, [[[0.5, 0], [1]], GoldenMean()[1]]), Does.Contain("row 1 (state 'B') of symbol '0' has 1 entries, expected 2"));
    }

    [Test]
    public void EmptyNameIsRejected() =>
        Assert.That(Assert.Throws<ArgumentException>(() => HiddenMarkovProcess.Create(" ", Bits, TwoStates, GoldenMean()))!.Message,
            Does.Contain("process name is null or empty"));

    [Test]
    public void NonUniqueStationaryDistributionIsAnError()
    {
        // Two disconnected self-loops: every mixture is stationary.
        var p = HiddenMarkovProcess.Create("split", Bits, TwoStates, [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]);
        var e = Assert.Throws<InvalidOperationException>(() => _ = p.StationaryDistribution);
        Assert.That(e!.Message, Does.Contain("no unique stationary distribution"));
        Assert.That(e.Message, Does.Contain("2 closed classes"));
    }

    [Test]
    public void StationaryDistributionSolvesPiTEqualsPi()
    {
        var p = Processes.Mess3(0.1, 0.6);
        var pi = p.StationaryDistribution;
        Assert.That(pi.Sum(), Is.EqualTo(1).Within(1e-14));
        var t = p.StateTransitionMatrix();
        for (int j = 0; j < 3; j++)
            Assert.That(Enumerable.Range(0, 3).Sum(i => pi[i] * t[i, j]), Is.EqualTo(pi[j]).Within(1e-14));
    }

    [Test]
    public void FromStateEmissionBuildsDiagETimesT()
    {
        var p = HiddenMarkovProcess.FromStateEmission("hmm", ["a", "b"], ["s", "t"],
            [[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.4, 0.6]]);
        Assert.That(p[0, 0, 1], Is.EqualTo(0.7 * 0.1).Within(1e-15));
        Assert.That(p[1, 1, 0], Is.EqualTo(0.6 * 0.2).Within(1e-15));
        Assert.That(p.IsUnifilar, Is.False);
        var e = Assert.Throws<ArgumentException>(() => HiddenMarkovProcess.FromStateEmission("hmm", ["a", "b"], ["s", "t"],
            [[0.9, 0.1], [0.2, 0.8]], [[0.7, 0.3], [0.4, 0.5]]));
        Assert.That(e!.Message, Does.Contain("emission row 1 (state 't') sums to 0.9"));
    }

    [Test]
    public void LookupsNameTheUnknownValue()
    {
        var p = Processes.Mess3();
        Assert.That(p.SymbolIndex("B"), Is.EqualTo(1));
        Assert.That(p.StateIndex("2"), Is.EqualTo(2));
        Assert.That(Assert.Throws<ArgumentException>(() => p.SymbolIndex("Z"))!.Message, Does.Contain("Symbol 'Z' is not in the alphabet of process 'mess3' (A, B, C)"));
        Assert.That(Assert.Throws<ArgumentException>(() => p.StateIndex("9"))!.Message, Does.Contain("State '9' is not a state of process 'mess3'"));
        Assert.That(Assert.Throws<ArgumentException>(() => p.Encode("ABx"))!.Message, Does.Contain("Character 'x' at position 2"));
        Assert.That(Assert.Throws<ArgumentException>(() => p.WordProbability([0], [1.0, 0]))!.Message, Does.Contain("2 entries; process 'mess3' has 3 states"));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.WordProbability([3]));
    }

    [Test]
    public void WithNameKeepsTheTensor()
    {
        var p = Processes.Z1R().WithName("z");
        Assert.That(p.Name, Is.EqualTo("z"));
        Assert.That(p.ToArray(), Is.EqualTo(Processes.Z1R().ToArray()));
    }
}
