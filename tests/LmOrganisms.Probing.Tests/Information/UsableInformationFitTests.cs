using LmOrganisms.Ecology;
using LmOrganisms.Transformers;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// <see cref="UsableInformation.Fit(Activations, ProbeSet, CancellationToken)"/>: the probe reads every sequence's last
/// position, and on an exact population (<see cref="ProbeSet.AllWords"/>) every bound lies between 0 and the exact value
/// of the contexts, which is the exact surplus <c>process.Theory(L).Surplus(k)</c>, whatever the representation.
/// </summary>
public class UsableInformationFitTests
{
    private static void AssertBounded(UsableInformationResult r, string what)
    {
        foreach (var (name, e) in new[] { ("next", r.NextToken), ("future", r.Future), ("surplus", r.ConditionalSurplus), ("cell", r.BeliefCell) })
        {
            TestContext.Out.WriteLine($"{what} {name}: bound {e.Information:R} exact {e.ExactInformation:R}");
            Assert.That(e.Information, Is.InRange(-1e-12, e.ExactInformation + 1e-12), $"{what}: {name}");
            Assert.That(e.HeldOut, Is.False);
        }
    }

    [Test]
    public void Bounds_of_every_residual_hook_of_a_model_lie_below_the_exact_surplus()
    {
        using var model = Transformer.Create(new TransformerConfig(Layers: 2, DModel: 12, Heads: 2, DHead: 6, DMlp: 24, ContextLength: 8, Vocabulary: 3), seed: 7);
        var mess3 = Processes.Mess3();
        var set = ProbeSet.AllWords(mess3, length: 4);
        var activations = model.Capture(set);
        var exact = mess3.Theory(4).Surplus(3);
        foreach (var hook in activations.Hooks)
        {
            var r = new UsableInformation { Hook = hook, Horizon = 3, Probe = new SoftmaxProbe { MaxIterations = 100 } }.Fit(activations, set);
            Assert.That((r.Hook, r.ContextLength, r.Horizon), Is.EqualTo((hook, 4, 3)));
            Assert.That(r.Exact.PredictiveInformation, Is.EqualTo(exact.PredictiveInformation));
            // The ceilings are the exact values of the contexts.
            Assert.That(r.NextToken.ExactInformation, Is.EqualTo(exact.PredictiveInformation[0]).Within(1e-12));
            Assert.That(r.Future.ExactInformation, Is.EqualTo(exact.PredictiveInformation[2]).Within(1e-12));
            Assert.That(r.ConditionalSurplus.ExactInformation, Is.EqualTo(exact.Conditional).Within(1e-12));
            AssertBounded(r, hook);
        }
        // Without Hook: the state the head reads.
        Assert.That(new UsableInformation { Probe = new SoftmaxProbe { MaxIterations = 5 } }.Fit(activations, set).Hook,
            Is.EqualTo(HookNames.LnFinalNormalized));
        var noHead = Activations.FromArrays(set.RowCount, activations.All.Take(2));
        Assert.That(new UsableInformation { Probe = new SoftmaxProbe { MaxIterations = 5 } }.Fit(noHead, set).Hook,
            Is.EqualTo(activations.Hooks[1]), "without a head: the last hook");
    }

    [Test]
    public void Only_the_last_position_of_each_sequence_is_read()
    {
        var mess3 = Processes.Mess3();
        var set = ProbeSet.AllWords(mess3, 4);
        var rng = new Random(3);
        var clean = new float[set.RowCount * 3];
        var noisy = new float[set.RowCount * 3];
        for (int row = 0; row < set.RowCount; row++)
            for (int i = 0; i < 3; i++)
            {
                bool last = row % set.Length == set.Length - 1;
                clean[row * 3 + i] = last ? (float)set.Belief(row)[i] : 0;
                noisy[row * 3 + i] = last ? clean[row * 3 + i] : (float)rng.NextDouble();
            }
        var estimator = new UsableInformation { Probe = new SoftmaxProbe { MaxIterations = 50 } };
        var a = estimator.Fit(Activations.FromArrays(set.RowCount, [new HookActivations("x", 3, clean)]), set);
        var b = estimator.Fit(Activations.FromArrays(set.RowCount, [new HookActivations("x", 3, noisy)]), set);
        foreach (var (x, y) in new[] { (a.NextToken, b.NextToken), (a.Future, b.Future), (a.ConditionalSurplus, b.ConditionalSurplus), (a.BeliefCell, b.BeliefCell) })
            Assert.That(y.Information, Is.EqualTo(x.Information));
        AssertBounded(a, "belief");
        Assert.That(a.Future.Information, Is.GreaterThan(0.5 * a.Future.ExactInformation));
    }

    [Test]
    public void Sampled_sequences_are_bounded_by_the_information_of_their_own_contexts()
    {
        using var model = Transformer.Create(new TransformerConfig(Layers: 1, DModel: 12, Heads: 2, DHead: 6, DMlp: 24, ContextLength: 8, Vocabulary: 3), seed: 7);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 600, length: 5, seed: 4);
        var r = new UsableInformation { Probe = new SoftmaxProbe { MaxIterations = 100 } }.Fit(model.Capture(set), set);
        AssertBounded(r, "sampled");
        // The sample's contexts are a finite population of beliefs at depth 5: their information is not the process's.
        Assert.That(r.NextToken.ExactInformation, Is.Not.EqualTo(r.Exact.StatePredictionInformation).Within(1e-9));
    }
}
