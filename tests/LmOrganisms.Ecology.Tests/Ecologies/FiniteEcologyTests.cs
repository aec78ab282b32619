namespace LmOrganisms.Ecology.Tests;

public sealed class FiniteEcologyTests
{
    internal static FiniteEcology T2() => FiniteEcology.Builder().Vocabulary("a", "b")
        .World("w1", 0.5).World("w2", 0.5).Context("c1", 1.0)
        .Next("w1", "c1", 0.9, 0.1).Next("w2", "c1", 0.1, 0.9)
        .Build();

    [Test]
    public void BuilderAndIndexers()
    {
        var e = T2();
        Assert.That((e.WorldCount, e.ContextCount, e.VocabularySize), Is.EqualTo((2, 1, 2)));
        Assert.That(e[1, 0, 1], Is.EqualTo(0.9));
        Assert.That(e.Next(0, 0).ToArray(), Is.EqualTo(new[] { 0.9, 0.1 }));
        Assert.That(e.ToArray(), Is.EqualTo(new[] { new[] { new[] { 0.9, 0.1 } }, new[] { new[] { 0.1, 0.9 } } }));
        Assert.That((e.WorldIndex("w2"), e.ContextIndex("c1"), e.TokenIndex("b")), Is.EqualTo((1, 0, 1)));
        Assert.That(Assert.Throws<ArgumentException>(() => e.WorldIndex("w9"))!.Message, Does.Contain("Unknown world 'w9'"));
        Assert.That(e.ToString(), Is.EqualTo("FiniteEcology (2 worlds, 1 contexts, 2 tokens)"));
    }

    private static string CreateError(double[] priors, double[] weights, double[][][] next, string[]? vocabulary = null) =>
        Assert.Throws<ArgumentException>(() => FiniteEcology.Create(["w1", "w2"], priors, ["c1", "c2"], weights, vocabulary ?? ["a", "b"], next))!.Message;

    private static double[][][] Next() => [[[0.9, 0.1], [0.5, 0.5]], [[0.1, 0.9], [0.5, 0.5]]];

    [Test]
    public void ValidationErrorsNameTheBadValue()
    {
        Assert.That(CreateError([0.5, 0.6], [0.5, 0.5], Next()), Does.Contain("The world prior sums to 1.1, expected 1"));
        Assert.That(CreateError([1.0, 0.0], [0.5, 0.5], Next()), Does.Contain("The prior of world 'w2' (index 1) is 0; every world needs a strictly positive prior"));
        Assert.That(CreateError([0.5, 0.5], [0.6, -0.2], Next()), Does.Contain("The context weights, entry 1, is negative (-0.2)"));
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.4], Next()), Does.Contain("The context weights sums to 0.9"));
        var bad = Next();
        bad[1][0] = [0.1, 0.83];
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], bad), Does.Contain("The next-token law of world 'w2' after context 'c1' sums to 0.93, expected 1"));
        bad = Next();
        bad[0][1] = [1.0];
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], bad), Does.Contain("world 'w1' after context 'c2' has 1 entries, expected 2"));
        bad = Next();
        bad[0] = [bad[0][0]];
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], bad), Does.Contain("world 'w1' cover 1 contexts, expected 2"));
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], [Next()[0]]), Does.Contain("has 1 worlds, expected 2"));
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], Next(), ["a", "a"]), Does.Contain("Duplicate token name 'a'"));
        Assert.That(CreateError([0.5, 0.5], [0.5, 0.5], Next(), []), Does.Contain("The token list is empty"));
    }

    [Test]
    public void BuilderReportsMissingAndUnknownLaws()
    {
        var b = FiniteEcology.Builder().Vocabulary("a", "b").World("w1", 1).Context("c1", 1);
        Assert.That(Assert.Throws<ArgumentException>(() => b.Build())!.Message, Does.Contain("No next-token law was given for world 'w1' after context 'c1'"));
        b.Next("w1", "c1", 1, 0).Next("w9", "c1", 1, 0);
        Assert.That(Assert.Throws<ArgumentException>(() => b.Build())!.Message, Does.Contain("world 'w9', which was not declared"));
    }

    [Test]
    public void JsonRoundTripIsExact()
    {
        double third = 1.0 / 3, a = 0.1 + 0.2; // doubles without a short decimal form
        var e = FiniteEcology.Create(["w1", "w2", "w3"], [third, third, 1 - 2 * third], ["c1", "c2"], [0.7, 0.3], ["x", "y", "z"],
            [[[1, 0, 0], [a, 1 - a, 0]], [[1, 0, 0], [0, 1, 0]], [[third, third, 1 - 2 * third], [0, 0, 1]]]);
        var f = FiniteEcology.FromJson(e.ToJson());
        Assert.That(f.Worlds, Is.EqualTo(e.Worlds));
        Assert.That(f.Priors, Is.EqualTo(e.Priors));
        Assert.That(f.Contexts, Is.EqualTo(e.Contexts));
        Assert.That(f.ContextWeights, Is.EqualTo(e.ContextWeights));
        Assert.That(f.Vocabulary, Is.EqualTo(e.Vocabulary));
        Assert.That(f.ToArray(), Is.EqualTo(e.ToArray()));
    }

    [Test]
    public void ReadsTheDesignDocumentExample()
    {
        const string json = """
            { "worlds":   [ { "name": "w1", "prior": 0.5 }, { "name": "w2", "prior": 0.5 } ],
              "contexts": [ { "name": "c1", "weight": 1.0 } ],
              "vocabulary": ["a", "b"],
              "next": [ [ [0.9, 0.1] ], [ [0.1, 0.9] ] ] }
            """;
        Assert.That(FiniteEcology.FromJson(json).ToArray(), Is.EqualTo(T2().ToArray()));
    }

    [TestCase("{ \"contexts\": [], \"vocabulary\": [], \"next\": [] }", "field \"worlds\" is missing")]
    [TestCase("{ \"worlds\": [ 3 ], \"contexts\": [], \"vocabulary\": [], \"next\": [] }", "\"worlds\"[0] is not an object")]
    [TestCase("{ \"worlds\": [ { \"name\": \"w\", \"prior\": \"x\" } ], \"contexts\": [], \"vocabulary\": [], \"next\": [] }", "\"worlds\"[0].prior is not a number")]
    [TestCase("{ \"worlds\": [ { \"name\": \"w\", \"prior\": 1 } ], \"contexts\": [ { \"name\": \"c\", \"weight\": 1 } ], \"vocabulary\": [\"a\"] }", "field \"next\" is missing")]
    public void BadEcologyFilesNameTheField(string json, string expected) =>
        Assert.That(Assert.Catch(() => FiniteEcology.FromJson(json))!.Message, Does.Contain(expected));

    [Test]
    public void SaveAndLoad()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lmo-eco-{Guid.NewGuid():N}.json");
        try
        {
            T2().Save(path);
            Assert.That(FiniteEcology.Load(path).ToArray(), Is.EqualTo(T2().ToArray()));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void WithContextWeightsAndPriorsValidate()
    {
        var e = FiniteEcology.Create(["w1", "w2"], [0.5, 0.5], ["c1", "c2"], [0.5, 0.5], ["a", "b"], Next());
        Assert.That(e.WithContextWeights([1, 0]).ContextWeights, Is.EqualTo(new[] { 1.0, 0.0 }));
        Assert.That(e.WithPriors([0.25, 0.75]).Priors, Is.EqualTo(new[] { 0.25, 0.75 }));
        Assert.That(Assert.Throws<ArgumentException>(() => e.WithContextWeights([0.5]))!.Message, Does.Contain("has 1 entries, expected 2"));
        Assert.That(Assert.Throws<ArgumentException>(() => e.WithPriors([1, 0]))!.Message, Does.Contain("strictly positive"));
    }

    [Test]
    public void MixtureConcatenatesContextsWithWeights()
    {
        var mu0 = FiniteEcology.Create(["w1", "w2"], [0.5, 0.5], ["c1", "c2"], [0.6, 0.4], ["a", "b"], Next());
        var nu = T2();
        var mix = FiniteEcology.Mixture(mu0, nu, 0.25);
        Assert.That(mix.Contexts, Is.EqualTo(new[] { "0:c1", "c2", "1:c1" }));
        Assert.That(mix.ContextWeights, Is.EqualTo(new[] { 0.45, 0.3, 0.25 }).Within(1e-15));
        Assert.That(mix.Next(1, 2).ToArray(), Is.EqualTo(nu.Next(1, 0).ToArray()));
        Assert.That(mix.Next(0, 1).ToArray(), Is.EqualTo(mu0.Next(0, 1).ToArray()));
        Assert.That(FiniteEcology.Mixture(mu0, nu, 0).ContextWeights.Skip(2), Is.EqualTo(new[] { 0.0 }));
    }

    [Test]
    public void MixtureRejectsIncompatibleEcologies()
    {
        var nu = T2();
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => FiniteEcology.Mixture(nu, nu, 1.5))!.Message, Does.Contain("alpha = 1.5"));
        var other = nu.WithPriors([0.3, 0.7]);
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.Mixture(nu, other, 0.5))!.Message, Does.Contain("world 'w1' has prior 0.5 vs 0.3"));
        var renamed = FiniteEcology.Create(["x", "y"], [0.5, 0.5], ["c"], [1], ["a", "b"], [[[1, 0]], [[0, 1]]]);
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.Mixture(nu, renamed, 0.5))!.Message, Does.Contain("different worlds"));
        var vocab = FiniteEcology.Create(["w1", "w2"], [0.5, 0.5], ["c"], [1], ["a", "c"], [[[1, 0]], [[0, 1]]]);
        Assert.That(Assert.Throws<ArgumentException>(() => FiniteEcology.Mixture(nu, vocab, 0.5))!.Message, Does.Contain("different vocabularies"));
    }
}
