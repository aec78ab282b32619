using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// Probe-based lower bounds on information (spec markov-categories §1.4 "for a trained model", §3 E1, checklist item 9):
/// on exact populations the bound never exceeds the exact information, reaches it for a representation with a
/// linear-softmax read-out (one-hot of the context), comes close for the exact belief itself, and is ≈ 0 for a planted
/// representation without information.
/// </summary>
public class UsableInformationTests
{
    private static readonly HiddenMarkovProcess SourceC =
        HiddenMarkovProcess.FromStateEmission("C", ["0", "1"], ["u", "v"], [[0.9, 0.1], [0.1, 0.9]], [[0.8, 0.2], [0.2, 0.8]]);

    private static double[] OneHotOfContexts(int count)
    {
        var x = new double[count * count];
        for (int r = 0; r < count; r++) x[r * count + r] = 1;
        return x;
    }

    [Test]
    public void Exact_population_rows_reproduce_the_exact_surplus()
    {
        var contexts = ProbeContexts.AllWords(Processes.Mess3(), 5);
        var bounds = FutureInformationProbe.Measure(contexts, contexts.Beliefs, 3);
        var exact = InformationSurplus.Compute(Processes.Mess3(), 5, 2);
        Assert.That(bounds.NextToken.ExactInformation, Is.EqualTo(exact.PredictiveInformation[0]).Within(1e-12));
        Assert.That(bounds.Future.ExactInformation, Is.EqualTo(exact.PredictiveInformation[1]).Within(1e-12));
        Assert.That(bounds.ConditionalSurplus.ExactInformation, Is.EqualTo(exact.Conditional).Within(1e-12));
    }

    [Test]
    public void One_hot_context_representation_reaches_the_exact_values_on_source_C()
    {
        // Spec §3 E1 source C (L = 14 values; L = 10 differs by < 4e-6): 1,024 words, one-hot of the word's distinct belief.
        var contexts = ProbeContexts.AllWords(SourceC, 10);
        var (ids, count) = DistinctBeliefs(contexts);
        var x = new double[contexts.Count * count];
        for (int r = 0; r < contexts.Count; r++) x[r * count + ids[r]] = 1;
        var bounds = FutureInformationProbe.Measure(contexts, x, count, new UsableInformationOptions(Probe: new SoftmaxProbeOptions(L2: 0, MaxIterations: 2000, GradientTolerance: 1e-10)));
        TestContext.Out.WriteLine($"beliefs {count}: next {bounds.NextToken.Information:R} future {bounds.Future.Information:R} surplus {bounds.ConditionalSurplus.Information:R} cell {bounds.BeliefCell.Information:R} / {bounds.BeliefCell.ExactInformation:R}");
        Assert.That(bounds.NextToken.Information, Is.EqualTo(0.062500).Within(1e-5));
        Assert.That(bounds.Future.Information, Is.EqualTo(0.082936).Within(1e-5));
        Assert.That(bounds.ConditionalSurplus.Information, Is.EqualTo(0.020435).Within(1e-5));
        foreach (var e in new[] { bounds.NextToken, bounds.Future, bounds.ConditionalSurplus, bounds.BeliefCell })
            Assert.That(e.Information, Is.LessThanOrEqualTo(e.ExactInformation + 1e-12));
    }

    [Test]
    public void Exact_belief_as_activation_is_a_lower_bound_within_tolerance()
    {
        var mess3 = Processes.Mess3();
        var contexts = ProbeContexts.AllWords(mess3, 6);
        var bounds = FutureInformationProbe.Measure(contexts, contexts.Beliefs, mess3.StateCount);
        foreach (var (name, e) in new[] { ("next", bounds.NextToken), ("future", bounds.Future), ("surplus", bounds.ConditionalSurplus), ("cell", bounds.BeliefCell) })
            TestContext.Out.WriteLine($"{name}: bound {e.Information:R} exact {e.ExactInformation:R} gap {e.Gap:R} iterations {e.Probe.Iterations} converged {e.Probe.Converged}");
        foreach (var e in new[] { bounds.NextToken, bounds.Future, bounds.ConditionalSurplus, bounds.BeliefCell })
        {
            Assert.That(e.Information, Is.LessThanOrEqualTo(e.ExactInformation + 1e-12));
            Assert.That(e.Information, Is.GreaterThanOrEqualTo(0));
            // Measured gaps (Mess3, L = 6): next 0.00126, future 0.00585, surplus 0.00466, cell 0.00211 nats.
            Assert.That(e.Gap, Is.LessThan(0.01));
        }
    }

    [Test]
    public void Planted_representation_without_information_gives_zero_on_held_out_rows()
    {
        var mess3 = Processes.Mess3();
        var batch = mess3.Sample(length: 2, count: 60_000, seed: 7);
        var rng = new Random(11);
        int half = batch.Count / 2, width = 4;
        ProbeData Rows(int first)
        {
            var x = new double[half * width];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 2 - 1;
            var labels = Enumerable.Range(first, half).Select(r => batch[r, 1]).ToArray();
            return ProbeData.FromLabels(x, width, labels, 3);
        }
        var train = Rows(0);
        var test = Rows(half);
        var e = UsableInformation.Predictive(train, test);
        TestContext.Out.WriteLine($"noise: {e.Information:R} (baseline {e.BaselineEntropy:R})");
        Assert.That(e.HeldOut, Is.True);
        Assert.That(e.Information, Is.EqualTo(0).Within(2e-3));
        // The same rows with the belief after the first token carry I(B1; X2) > 0, held out too.
        var beliefs = Enumerable.Range(0, batch.Count).SelectMany(r => BeliefFilter.BeliefAfter(mess3, batch.Row(r)[..1])).ToArray();
        var exact = InformationSurplus.Compute(mess3, 1, 1).StatePredictionInformation;
        var bTrain = ProbeData.FromLabels(beliefs[..(half * 3)], 3, Enumerable.Range(0, half).Select(r => batch[r, 1]).ToArray(), 3);
        var bTest = ProbeData.FromLabels(beliefs[(half * 3)..], 3, Enumerable.Range(half, half).Select(r => batch[r, 1]).ToArray(), 3);
        var b = UsableInformation.Predictive(bTrain, bTest);
        TestContext.Out.WriteLine($"belief after one token: {b.Information:R} exact {exact:R}");
        Assert.That(b.Information, Is.EqualTo(exact).Within(0.01));
    }

    [Test]
    public void Bad_targets_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ProbeData([1.0, 2.0], 1, [0.5, 0.4, 0.5, 0.5], 2));
        Assert.That(ex!.Message, Does.Contain("Target row 0 sums to 0.9"));
        ex = Assert.Throws<ArgumentException>(() => _ = ProbeData.FromLabels([1.0], 1, [3], 2));
        Assert.That(ex!.Message, Does.Contain("Label of row 0 is 3"));
    }

    [Test]
    public void Fit_is_deterministic_and_starts_from_the_constant_law()
    {
        var contexts = ProbeContexts.AllWords(Processes.Mess3(), 3);
        var a = FutureInformationProbe.Measure(contexts, contexts.Beliefs, 3);
        var b = FutureInformationProbe.Measure(contexts, contexts.Beliefs, 3);
        Assert.That(a.Future.Information, Is.EqualTo(b.Future.Information));
        var none = new SoftmaxProbeOptions(MaxIterations: 0);
        var constant = FutureInformationProbe.Measure(contexts, contexts.Beliefs, 3, new UsableInformationOptions(Probe: none));
        Assert.That(constant.Future.Information, Is.EqualTo(0).Within(1e-12));
        Assert.That(constant.ConditionalSurplus.Information, Is.EqualTo(0).Within(1e-12));
    }

    private static (int[] Ids, int Count) DistinctBeliefs(ProbeContexts contexts)
    {
        int s = contexts.Process.StateCount;
        var index = new Dictionary<string, int>();
        var ids = new int[contexts.Count];
        for (int r = 0; r < contexts.Count; r++)
        {
            var key = string.Join(",", contexts.Beliefs.AsSpan(r * s, s).ToArray().Select(v => Math.Round(v, 9).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (!index.TryGetValue(key, out int id)) index[key] = id = index.Count;
            ids[r] = id;
        }
        return (ids, index.Count);
    }
}
