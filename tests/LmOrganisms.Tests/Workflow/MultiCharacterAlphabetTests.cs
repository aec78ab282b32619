using LmOrganisms.Probing;

namespace LmOrganisms.Tests;

/// <summary>
/// A world whose symbols are longer than one character ({"up", "down"}) through the whole chain of the task-ecology
/// workflow: exact ecology from processes, restriction of the contexts by length, sequences sampled from the ecology,
/// training, and the induced partition of the trained organism. Context words are token arrays, so nothing depends on
/// how names are spelled (in 0.1 the restriction took the display name's character count as the word length).
/// </summary>
public class MultiCharacterAlphabetTests
{
    private static HiddenMarkovProcess Walk(string name, double stay) =>
        Processes.MarkovChain(name, ["up", "down"], 1, [[stay, 1 - stay], [1 - stay, stay]]);

    private static readonly HiddenMarkovProcess[] Worlds = [Walk("sticky", 0.9), Walk("flippy", 0.1), Walk("sticky-too", 0.9)];

    [Test]
    public void Up_down_worlds_go_from_ecology_to_a_trained_organisms_induced_partition()
    {
        var ecology = FiniteEcology.FromProcesses(Worlds, maxContextLength: 2);
        Assert.That(ecology.Contexts, Does.Contain("up down"));
        Assert.That(ecology.ContextWords![ecology.ContextIndex("up down")], Is.EqualTo(new[] { 0, 1 }));

        // Restriction by length counts tokens: "up down" is a context of length 2, not 7.
        var lengthTwo = ecology.WithContextLengths(2, 2);
        for (int c = 0; c < lengthTwo.ContextCount; c++)
            Assert.That(lengthTwo.ContextWeights[c] > 0, Is.EqualTo(lengthTwo.ContextWords![c].Count == 2), lengthTwo.Contexts[c]);
        Assert.That(lengthTwo.ContextWeights.Sum(), Is.EqualTo(1).Within(1e-12));

        // A training world sampled exactly from the ecology: a sequence of the sticky worlds mostly repeats its token.
        var world = TrainingWorld.FromEcology(ecology);
        var buffer = new int[3000 * 3];
        world.Sample(buffer, 3000, 3, seed: 1);
        int repeats = 0;
        for (int r = 0; r < 3000; r++) repeats += buffer[r * 3] == buffer[r * 3 + 1] ? 1 : 0;
        Assert.That(repeats / 3000.0, Is.EqualTo((0.9 + 0.1 + 0.9) / 3).Within(0.03));

        // The exact theory: the sticky worlds share every law, the flippy one is separated.
        Assert.That(ecology.QuotientPartition(), Is.EqualTo(new[] { 0, 1, 0 }));

        // A tiny organism trained on the mixture, then measured on the ecology: its induced partition is the quotient.
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 2, contextLength: 16), seed: 3);
        model.Train(TrainingWorld.FromProcesses(Worlds), new TrainingOptions { Steps = 300, BatchSize = 32, LearningRate = 0.01, Seed = 2, EvalInterval = 0 });
        var analysis = new InducedPartitionAnalysis { Behaviour = new WorldBehaviour { WarmupLength = 8, Warmups = 64, Seed = 4 }, Seed = 5 };
        var result = analysis.Fit(model.AsSequenceModel(), Worlds, ecology);
        Assert.That(result.ExactLabels, Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(result.Labels, Is.EqualTo(new[] { 0, 1, 0 }), $"distances {string.Join(", ", result.Distances.SelectMany(d => d))}, τ {result.Threshold}");
        Assert.That(result.JsExcess, Is.EqualTo(0).Within(1e-12));
    }
}
