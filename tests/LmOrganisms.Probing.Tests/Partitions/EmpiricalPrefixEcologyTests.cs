using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

// The ecology itself (FiniteEcology.FromPrefixes) is tested in LmOrganisms.Ecology.Tests/Ecologies/FromPrefixesTests.
public class EmpiricalPrefixEcologyTests
{
    private static readonly string[] Vocabulary = ["a", "b", "c"];

    [Test]
    public void Model_context_loss_is_the_weighted_cross_entropy()
    {
        // Each sequence starts with its start token (here "a"); r = 1 counts the token after it and one more.
        IReadOnlyList<int[]> en = [[0, 0, 1], [0, 0, 2]];
        IReadOnlyList<int[]> fr = [[0, 0, 0]];
        var e = FiniteEcology.FromPrefixes(["en", "fr"], [en, fr], Vocabulary, [1]);
        // en: P = (0, ½, ½), model (0.2, 0.4, 0.4); fr: P = (1, 0, 0), model (0.5, 0.25, 0.25).
        double expected = 0.5 * -(0.5 * Math.Log(0.4) + 0.5 * Math.Log(0.4)) + 0.5 * -Math.Log(0.5);
        var loss = EmpiricalPrefixEcology.ModelContextLoss(e, [[new[] { 0.2, 0.4, 0.4 }], [new[] { 0.5, 0.25, 0.25 }]]);
        Assert.That(loss, Is.EqualTo(expected).Within(1e-15));
        Assert.That(EmpiricalPrefixEcology.ModelContextLoss(e, [[new[] { 1.0, 0, 0 }], [new[] { 1.0, 0, 0 }]]),
            Is.EqualTo(double.PositiveInfinity));
    }
}
