using LmOrganisms.Ecology;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class MixturePredictorTests
{
    /// <summary>All words of <paramref name="length"/> over <paramref name="nx"/> symbols, row-major, in lexicographic order.</summary>
    internal static int[] AllWords(int nx, int length, out int count)
    {
        count = (int)Math.Pow(nx, length);
        var tokens = new int[count * length];
        for (int r = 0; r < count; r++)
            for (int k = length - 1, v = r; k >= 0; k--, v /= nx) tokens[r * length + k] = v % nx;
        return tokens;
    }

    private static double MixtureProbability(IReadOnlyList<HiddenMarkovProcess> worlds, double[] priors, ReadOnlySpan<int> word)
    {
        double p = 0;
        for (int w = 0; w < worlds.Count; w++) p += priors[w] * worlds[w].WordProbability(word);
        return p;
    }

    private static void AssertBruteForce(IReadOnlyList<HiddenMarkovProcess> worlds, double[] priors, int length)
    {
        var model = new MixturePredictor(worlds, priors);
        int nx = model.Vocabulary;
        var tokens = AllWords(nx, length, out int count);
        var laws = model.NextTokenLaws(tokens, count, length);
        int compared = 0;
        for (int r = 0; r < count; r++)
            for (int t = 0; t < length; t++)
            {
                var prefix = tokens.AsSpan(r * length, t + 1);
                double denominator = MixtureProbability(worlds, priors, prefix);
                var law = laws.AsSpan((r * length + t) * nx, nx);
                if (denominator <= 0)
                {
                    Assert.That(law.ToArray(), Is.All.EqualTo(1.0 / nx), $"row {r}, position {t}: impossible prefix gives the uniform law");
                    continue;
                }
                var extended = new int[t + 2];
                prefix.CopyTo(extended);
                for (int v = 0; v < nx; v++)
                {
                    extended[t + 1] = v;
                    Assert.That(law[v], Is.EqualTo(MixtureProbability(worlds, priors, extended) / denominator).Within(1e-12),
                        $"row {r}, position {t}, token {v}");
                }
                compared++;
            }
        Assert.That(compared, Is.GreaterThan(0));
    }

    [Test]
    public void Mixture_of_two_mess3_variants_equals_the_brute_force_Bayes_mixture()
    {
        var worlds = new[] { Processes.Mess3(), Processes.Mess3(0.15, 0.6).WithName("mess3b") };
        AssertBruteForce(worlds, [0.3, 0.7], 5);
    }

    [Test]
    public void Mixture_with_forbidden_words_equals_the_brute_force_Bayes_mixture_on_possible_prefixes()
    {
        // Golden mean forbids "11", Even forbids odd blocks of 1s between 0s: some prefixes are impossible in one world
        // or in both.
        var golden = Processes.GoldenMean();
        var even = Processes.Even(0.3);
        Assert.That(even.Alphabet, Is.EqualTo(golden.Alphabet));
        AssertBruteForce([golden, even], [0.5, 0.5], 7);
    }

    [Test]
    public void World_posterior_is_prior_times_likelihood_normalised()
    {
        var worlds = new[] { Processes.Mess3(), Processes.Mess3(0.15, 0.6).WithName("mess3b") };
        var model = new MixturePredictor(worlds, [0.25, 0.75]);
        var word = worlds[0].Encode("ABCCAB");
        double a = 0.25 * worlds[0].WordProbability(word), b = 0.75 * worlds[1].WordProbability(word);
        var posterior = model.WorldPosterior(word);
        Assert.That(posterior[0], Is.EqualTo(a / (a + b)).Within(1e-12));
        Assert.That(posterior[1], Is.EqualTo(b / (a + b)).Within(1e-12));
        Assert.That(model.WorldPosterior([]), Is.EqualTo(new[] { 0.25, 0.75 }).Within(1e-15));
    }

    [Test]
    public void Bad_input_is_named()
    {
        var mess3 = Processes.Mess3();
        var model = new MixturePredictor([mess3]);
        Assert.That(model.ContextLength, Is.EqualTo(int.MaxValue));
        var e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws([0, 1, 3, 0], 2, 2))!;
        Assert.That(e.Message, Does.Contain("Token 3 at row 1, position 0 is outside the vocabulary of 3 tokens"));
        e = Assert.Throws<ArgumentException>(() => model.NextTokenLaws([0, 1, 2], 2, 2))!;
        Assert.That(e.Message, Does.Contain("3 tokens given for 2 sequences of 2"));
        e = Assert.Throws<ArgumentException>(() => _ = new MixturePredictor([mess3, Processes.GoldenMean()]))!;
        Assert.That(e.Message, Does.Contain("has alphabet").And.Contain("one alphabet"));
        e = Assert.Throws<ArgumentException>(() => _ = new MixturePredictor([mess3, mess3.WithName("b")], [0.5, 0.6]))!;
        Assert.That(e.Message, Does.Contain("The priors sum to 1.1"));
        e = Assert.Throws<ArgumentException>(() => _ = new MixturePredictor([mess3, mess3.WithName("b")], [1, 0]))!;
        Assert.That(e.Message, Does.Contain("The prior of world 'b' (index 1) is 0"));
    }
}
