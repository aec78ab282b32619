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
    private const string Hook = "features";

    private static readonly HiddenMarkovProcess SourceC =
        HiddenMarkovProcess.FromStateEmission("C", ["0", "1"], ["u", "v"], [[0.9, 0.1], [0.1, 0.9]], [[0.8, 0.2], [0.2, 0.8]]);

    /// <summary>
    /// Activations of a representation given per context (one row of <paramref name="width"/> per sequence of
    /// <paramref name="set"/>): <see cref="UsableInformation.Fit(Activations, ProbeSet, CancellationToken)"/> reads the row
    /// at the last position L − 1 of every sequence; the other positions are left at zero.
    /// </summary>
    internal static Activations AtLastPosition(ProbeSet set, float[] perSequence, int width)
    {
        Assert.That(perSequence, Has.Length.EqualTo(set.Count * width));
        var values = new float[set.RowCount * width];
        for (int q = 0; q < set.Count; q++)
            Array.Copy(perSequence, q * width, values, (q * set.Length + set.Length - 1) * width, width);
        return Activations.FromArrays(set.RowCount, [new HookActivations(Hook, width, values)]);
    }

    /// <summary>The belief after every whole sequence (the last row's belief) as float32 features.</summary>
    private static float[] LastBeliefs(ProbeSet set)
    {
        int s = set.StateCount;
        var x = new float[set.Count * s];
        for (int q = 0; q < set.Count; q++)
        {
            var b = set.Belief(q * set.Length + set.Length - 1);
            for (int i = 0; i < s; i++) x[q * s + i] = (float)b[i];
        }
        return x;
    }

    [Test]
    public void Exact_population_rows_reproduce_the_exact_surplus()
    {
        var set = ProbeSet.AllWords(Processes.Mess3(), 5);
        var result = new UsableInformation().Fit(AtLastPosition(set, LastBeliefs(set), 3), set);
        var exact = Processes.Mess3().Theory(5).Surplus(2);
        Assert.That(result.NextToken.ExactInformation, Is.EqualTo(exact.PredictiveInformation[0]).Within(1e-12));
        Assert.That(result.Future.ExactInformation, Is.EqualTo(exact.PredictiveInformation[1]).Within(1e-12));
        Assert.That(result.ConditionalSurplus.ExactInformation, Is.EqualTo(exact.Conditional).Within(1e-12));
        // The result carries the exact surplus of the same contexts.
        Assert.That((result.Hook, result.ContextLength, result.Horizon), Is.EqualTo((Hook, 5, 2)));
        Assert.That(result.Exact.PredictiveInformation, Is.EqualTo(exact.PredictiveInformation));
        Assert.That(result.Exact.Conditional, Is.EqualTo(exact.Conditional));
    }

    [Test]
    public void One_hot_context_representation_reaches_the_exact_values_on_source_C()
    {
        // Spec §3 E1 source C (L = 14 values; L = 10 differs by < 4e-6): 1,024 words, one-hot of the word's distinct belief.
        var set = ProbeSet.AllWords(SourceC, 10);
        Assert.That(set.Count, Is.EqualTo(1024));
        var ids = new Dictionary<int, int>(); // belief id of the last row → one-hot column, in order of first occurrence
        var last = Enumerable.Range(0, set.Count).Select(q =>
        {
            int id = set.BeliefIds[q * set.Length + set.Length - 1];
            if (!ids.TryGetValue(id, out int column)) ids[id] = column = ids.Count;
            return column;
        }).ToArray();
        int count = ids.Count;
        var x = new float[set.Count * count];
        for (int q = 0; q < set.Count; q++) x[q * count + last[q]] = 1;
        var estimator = new UsableInformation { Probe = new SoftmaxProbe { Ridge = 0, MaxIterations = 2000, GradientTolerance = 1e-10 } };
        var bounds = estimator.Fit(AtLastPosition(set, x, count), set);
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
        var set = ProbeSet.AllWords(mess3, 6);
        var bounds = new UsableInformation().Fit(AtLastPosition(set, LastBeliefs(set), mess3.StateCount), set);
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

    /// <summary>Rows with one-hot targets of sampled labels (the 0.1 <c>ProbeData.FromLabels</c>).</summary>
    private static ProbeBatch FromLabels(double[] features, int width, int[] labels, int classes)
    {
        var targets = new double[labels.Length * classes];
        for (int r = 0; r < labels.Length; r++) targets[r * classes + labels[r]] = 1;
        return ProbeBatch.FromDouble(features, width, targets, classes);
    }

    [Test]
    public void Planted_representation_without_information_gives_zero_on_held_out_rows()
    {
        var mess3 = Processes.Mess3();
        var batch = mess3.Sample(count: 60_000, length: 2, seed: 7);
        var rng = new Random(11);
        int half = batch.Count / 2, width = 4;
        ProbeBatch Rows(int first)
        {
            var x = new double[half * width];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() * 2 - 1;
            var labels = Enumerable.Range(first, half).Select(r => batch[r, 1]).ToArray();
            return FromLabels(x, width, labels, 3);
        }
        var train = Rows(0);
        var test = Rows(half);
        var estimator = new UsableInformation();
        var e = estimator.FitPredictive(train, test);
        TestContext.Out.WriteLine($"noise: {e.Information:R} (baseline {e.BaselineEntropy:R})");
        Assert.That(e.HeldOut, Is.True);
        Assert.That(e.Information, Is.EqualTo(0).Within(2e-3));
        // The same rows with the belief after the first token carry I(B1; X2) > 0, held out too.
        var beliefs = Enumerable.Range(0, batch.Count).SelectMany(r => mess3.BeliefAfter(batch.Row(r)[..1])).ToArray();
        var exact = mess3.Theory(1).Surplus(1).StatePredictionInformation;
        var bTrain = FromLabels(beliefs[..(half * 3)], 3, Enumerable.Range(0, half).Select(r => batch[r, 1]).ToArray(), 3);
        var bTest = FromLabels(beliefs[(half * 3)..], 3, Enumerable.Range(half, half).Select(r => batch[r, 1]).ToArray(), 3);
        var b = estimator.FitPredictive(bTrain, bTest);
        TestContext.Out.WriteLine($"belief after one token: {b.Information:R} exact {exact:R}");
        Assert.That(b.Information, Is.EqualTo(exact).Within(0.01));
    }

    [Test]
    public void Bad_targets_are_named()
    {
        var bad = ProbeBatch.FromDouble([1.0, 2.0], 1, [0.5, 0.4, 0.5, 0.5], 2);
        var ex = Assert.Throws<ArgumentException>(() => new SoftmaxProbe().Fit(bad));
        Assert.That(ex!.Message, Does.Contain("Target row 0 sums to 0.9"));
        ex = Assert.Throws<ArgumentException>(() => new UsableInformation().FitPredictive(bad));
        Assert.That(ex!.Message, Does.Contain("Target row 0 sums to 0.9"));
        // The label form of the rows (internal since 0.2; users build one-hot targets).
        ex = Assert.Throws<ArgumentException>(() => _ = SoftTargets.FromLabels([1.0], 1, [3], 2));
        Assert.That(ex!.Message, Does.Contain("Label of row 0 is 3"));
    }

    [Test]
    public void Fit_is_deterministic_and_starts_from_the_constant_law()
    {
        var set = ProbeSet.AllWords(Processes.Mess3(), 3);
        var activations = AtLastPosition(set, LastBeliefs(set), 3);
        var a = new UsableInformation().Fit(activations, set);
        var b = new UsableInformation().Fit(activations, set);
        Assert.That(a.Future.Information, Is.EqualTo(b.Future.Information));
        var none = new UsableInformation { Probe = new SoftmaxProbe { MaxIterations = 0 } };
        var constant = none.Fit(activations, set);
        Assert.That(constant.Future.Information, Is.EqualTo(0).Within(1e-12));
        Assert.That(constant.ConditionalSurplus.Information, Is.EqualTo(0).Within(1e-12));
    }
}
