using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Probing.Tests;

public class WorldBehaviourTests
{
    private static readonly HiddenMarkovProcess[] Worlds = [ProcessWorlds.Mess3, ProcessWorlds.Skewed];

    [Test]
    public void An_ideal_tracker_gives_the_ratio_of_sample_means_and_tends_to_the_ecology_laws()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 2);
        const int N = 1024, M = 128;
        var table = (new WorldBehaviour { WarmupLength = M, Warmups = N, Seed = 1 }).Measure(new MixturePredictor(Worlds), Worlds, ecology);
        Assert.That(table.MeanLaws, Has.Length.EqualTo(2));
        double worst = 0;
        for (int w = 0; w < 2; w++)
        {
            var world = Worlds[w];
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                var word = ecology.ContextWords![c].ToArray();
                // With the world identified, Pr_w(c | obs) F(obs ⊕ c)(v) = Pr_w(c v | obs), so p̄_w(c)(v) is the ratio of the
                // sample means of Pr_w(c v | obs) and Pr_w(c | obs); only the posterior's leakage to the other world
                // after 128 tokens (below 1e-3 on these warm-ups) separates the two.
                var numerator = new double[3];
                double denominator = 0;
                for (int n = 0; n < N; n++)
                {
                    var obs = table.WarmupTokens[w].AsSpan(n * M, M).ToArray();
                    double pObs = world.WordProbability(obs);
                    denominator += world.WordProbability([.. obs, .. word]) / pObs;
                    for (int v = 0; v < 3; v++) numerator[v] += world.WordProbability([.. obs, .. word, v]) / pObs;
                }
                for (int v = 0; v < 3; v++)
                {
                    Assert.That(table.MeanLaws[w][c][v], Is.EqualTo(numerator[v] / denominator).Within(1e-3), $"world {w}, context {ecology.Contexts[c]}");
                    worst = Math.Max(worst, Math.Abs(table.MeanLaws[w][c][v] - ecology[w, c, v]));
                }
            }
        }
        // The ratio estimator converges to P_w(v | c) (warm-ups are stationary): with N = 1024 its Monte Carlo error on
        // Mess3's laws stays below about three standard errors, 0.04; the i.i.d. world has no Monte Carlo error at all.
        Assert.That(worst, Is.LessThan(0.04));
        for (int c = 0; c < ecology.ContextCount; c++)
            for (int v = 0; v < 3; v++)
                Assert.That(table.MeanLaws[1][c][v], Is.EqualTo(ecology[1, c, v]).Within(1e-4));
    }

    [Test]
    public void Weights_are_the_exact_context_probabilities_after_each_warmup()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 2);
        var table = (new WorldBehaviour { WarmupLength = 5, Warmups = 6, Seed = 7 }).Measure(new MixturePredictor(Worlds), Worlds, ecology);
        var mess3 = Worlds[0];
        for (int n = 0; n < 6; n++)
        {
            var obs = table.WarmupTokens[0].AsSpan(n * 5, 5).ToArray();
            double pObs = mess3.WordProbability(obs);
            for (int c = 0; c < ecology.ContextCount; c++)
            {
                var word = ecology.ContextWords![c].ToArray();
                double expected = mess3.WordProbability([.. obs, .. word]) / pObs;
                Assert.That(table.Weight(0, n, c), Is.EqualTo(expected).Within(1e-12), $"warm-up {n}, context {ecology.Contexts[c]}");
                // The output is the model's law after obs ⊕ c.
                var full = new MixturePredictor(Worlds).NextTokenLaws([.. obs, .. word], 1, obs.Length + word.Length);
                Assert.That(table.Output(0, n, c).ToArray(), Is.EqualTo(full[^3..]).Within(1e-15));
            }
        }
    }

    [Test]
    public void Measurement_is_reproducible_for_a_seed_and_changes_with_it()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 1);
        var options = new WorldBehaviour { WarmupLength = 4, Warmups = 16, Seed = 3 };
        var model = new MixturePredictor(Worlds);
        var a = options.Measure(model, Worlds, ecology);
        var b = options.Measure(model, Worlds, ecology);
        var c = (options with { Seed = 4 }).Measure(model, Worlds, ecology);
        Assert.That(b.MeanLaws, Is.EqualTo(a.MeanLaws));
        Assert.That(b.WarmupTokens, Is.EqualTo(a.WarmupTokens));
        Assert.That(c.WarmupTokens, Is.Not.EqualTo(a.WarmupTokens));
    }

    [Test]
    public void Mismatched_vocabulary_is_named()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 1);
        var golden = new MixturePredictor([Processes.GoldenMean()]);
        var e = Assert.Throws<ArgumentException>(() => (new WorldBehaviour()).Measure(golden, Worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("The model's vocabulary has 2 tokens, but the ecology's vocabulary has 3 (A, B, C)"));
    }

    [Test]
    public void A_warmup_too_long_for_the_model_context_is_named()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 2);
        using var transformer = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 16, heads: 4, contextLength: 8), 1);
        var e = Assert.Throws<ArgumentException>(() => (new WorldBehaviour { WarmupLength = 7 }).Measure(transformer.AsSequenceModel(), Worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("The warm-up of 7 tokens plus the longest context of 2 tokens is 9 tokens, more than the model's context of 8"));
        e = Assert.Throws<ArgumentException>(() => (new WorldBehaviour { WarmupLength = 0 }).Measure(new MixturePredictor(Worlds), Worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("WarmupLength is 0"));
    }

    [Test]
    public void Worlds_that_are_not_the_ecology_worlds_are_named()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, 1);
        var model = new MixturePredictor(Worlds);
        var options = new WorldBehaviour { Warmups = 4 };
        var e = Assert.Throws<ArgumentException>(() => options.Measure(model, [Worlds[1], Worlds[0]], ecology))!;
        Assert.That(e.Message, Does.Contain("World 0 is process 'skewed', but the ecology's world 0 is 'mess3'"));
        e = Assert.Throws<ArgumentException>(() => options.Measure(model, [Worlds[0]], ecology))!;
        Assert.That(e.Message, Does.Contain("1 worlds (processes) given, but the ecology has 2 worlds (mess3, skewed)"));
        // Same name, other laws.
        HiddenMarkovProcess[] impostor = [Processes.Mess3(0.15, 0.6), Worlds[1]];
        e = Assert.Throws<ArgumentException>(() => options.Measure(model, impostor, ecology))!;
        Assert.That(e.Message, Does.Contain("in world 'mess3', but process 'mess3' gives").And.Contain("not built from these worlds"));
    }

    [Test]
    public void Contexts_that_are_not_words_or_impossible_are_named()
    {
        var golden = Processes.GoldenMean();
        var model = new MixturePredictor([golden]);
        var alphabet = golden.Alphabet;
        var notWords = FiniteEcology.Create([golden.Name], [1.0], ["r=3"], [1.0], alphabet, [[[0.5, 0.5]]]);
        var e = Assert.Throws<ArgumentException>(() => (new WorldBehaviour()).Measure(model, [golden], notWords))!;
        Assert.That(e.Message, Does.Contain("names without token words"));
        string forbidden = alphabet[1] + alphabet[1];
        var impossible = FiniteEcology.Create([golden.Name], [1.0], [forbidden], [1.0], alphabet, [[[0.5, 0.5]]], [[1, 1]]);
        e = Assert.Throws<ArgumentException>(() => (new WorldBehaviour()).Measure(model, [golden], impossible))!;
        Assert.That(e.Message, Does.Contain($"Context '{forbidden}' has probability 0 in world '{golden.Name}'").And.Contain("excludes such contexts"));
    }

    [Test]
    public void A_context_with_zero_weight_in_every_warmup_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            _ = new WorldBehaviourTable(["w"], ["ε", "A"], 2, 1, [[0, 1]], [[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]], [[1, 0, 1, 0]]))!;
        Assert.That(e.Message, Does.Contain("Context 'A' has probability 0 after each of the 2 warm-ups of world 'w'"));
        var table = new WorldBehaviourTable(["w"], ["ε", "A"], 2, 1, [[0, 1]], [[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.75]], [[1, 0, 0.5, 0.5]]);
        Assert.That(table.MeanLaws[0][1], Is.EqualTo(new[] { 0.25, 0.75 }));
        e = Assert.Throws<ArgumentException>(() => _ = table.MeanLawsOf(0, [0]))!;
        Assert.That(e.Message, Does.Contain("Context 'A' has probability 0 after each of the 1 warm-ups of world 'w'"));
    }

    [Test]
    public void Contexts_over_multi_character_symbols_are_read_as_space_separated_words()
    {
        HiddenMarkovProcess[] chains =
        [
            Processes.MarkovChain("sticky", ["up", "down"], 1, [[0.9, 0.1], [0.2, 0.8]]),
            Processes.MarkovChain("fair", ["up", "down"], 0, [[0.5, 0.5]]),
        ];
        var ecology = FiniteEcology.FromProcesses(chains, 2);
        Assert.That(ecology.Contexts, Does.Contain("up down"));
        var table = (new WorldBehaviour { WarmupLength = 3, Warmups = 8, Seed = 2 }).Measure(new MixturePredictor(chains), chains, ecology);
        int c = ecology.ContextIndex("up down");
        for (int n = 0; n < 8; n++)
        {
            // The sticky chain's state is its last token: Pr(up down | obs) = P(up | last) · 0.1.
            int last = table.WarmupTokens[0][n * 3 + 2];
            Assert.That(table.Weight(0, n, c), Is.EqualTo((last == 0 ? 0.9 : 0.2) * 0.1).Within(1e-15));
            Assert.That(table.Weight(1, n, c), Is.EqualTo(0.25).Within(1e-15));
        }
    }
}
