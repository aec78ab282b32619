using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class EmpiricalPrefixEcologyTests
{
    private static readonly string[] Vocabulary = ["a", "b", "c"];

    [Test]
    public void Hand_made_sequences_reproduce_the_counts()
    {
        // World "en": after 1 token: b, b, c; after 3 tokens: a, c (chunk 2 is too short for r = 3).
        IReadOnlyList<int[]> en = [[0, 1, 2, 0], [1, 1, 0, 2], [2, 2]];
        // World "fr": after 1 token: a, a; after 3 tokens: b.
        IReadOnlyList<int[]> fr = [[2, 0, 1, 1], [0, 0]];
        var e = EmpiricalPrefixEcology.Create(["en", "fr"], [en, fr], Vocabulary, [1, 3, 7]);
        Assert.That(e.Contexts, Is.EqualTo(new[] { "r=1", "r=3" })); // r = 7 has no data
        Assert.That(e.ContextWeights, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(e.Priors, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(e.Next(0, 0).ToArray(), Is.EqualTo(new[] { 0.0, 2.0 / 3, 1.0 / 3 }).Within(1e-15));
        Assert.That(e.Next(0, 1).ToArray(), Is.EqualTo(new[] { 0.5, 0.0, 0.5 }).Within(1e-15));
        Assert.That(e.Next(1, 0).ToArray(), Is.EqualTo(new[] { 1.0, 0.0, 0.0 }));
        Assert.That(e.Next(1, 1).ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 0.0 }));
    }

    [Test]
    public void Model_context_loss_is_the_weighted_cross_entropy()
    {
        IReadOnlyList<int[]> en = [[0, 1], [0, 2]];
        IReadOnlyList<int[]> fr = [[0, 0]];
        var e = EmpiricalPrefixEcology.Create(["en", "fr"], [en, fr], Vocabulary, [1]);
        // en: P = (0, ½, ½), model (0.2, 0.4, 0.4); fr: P = (1, 0, 0), model (0.5, 0.25, 0.25).
        double expected = 0.5 * -(0.5 * Math.Log(0.4) + 0.5 * Math.Log(0.4)) + 0.5 * -Math.Log(0.5);
        var loss = EmpiricalPrefixEcology.ModelContextLoss(e, [[new[] { 0.2, 0.4, 0.4 }], [new[] { 0.5, 0.25, 0.25 }]]);
        Assert.That(loss, Is.EqualTo(expected).Within(1e-15));
        Assert.That(EmpiricalPrefixEcology.ModelContextLoss(e, [[new[] { 1.0, 0, 0 }], [new[] { 1.0, 0, 0 }]]),
            Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Bad_tokens_and_missing_data_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            EmpiricalPrefixEcology.Create(["en"], [[new[] { 0, 5 }]], Vocabulary, [1]));
        Assert.That(ex!.Message, Does.Contain("World 'en', chunk 0, position 1: token 5"));
        ex = Assert.Throws<ArgumentException>(() =>
            EmpiricalPrefixEcology.Create(["en", "fr"], [[new[] { 0, 1 }], [new[] { 0 }]], Vocabulary, [1]));
        Assert.That(ex!.Message, Does.Contain("No prefix length has data for every world"));
    }
}
