using System.Text.Json;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Probing.Tests;

public class InducedPartitionAnalysisTests
{
    private static readonly InducedPartitionAnalysis Ideal = new()
    {
        Behaviour = new WorldBehaviour { WarmupLength = 32, Warmups = 256, Seed = 11 },
        Seed = 5,
    };

    private static InducedPartitionResult RunIdeal(HiddenMarkovProcess[] worlds, int maxContextLength, InducedPartitionAnalysis? options = null)
    {
        var ecology = FiniteEcology.FromProcesses(worlds, maxContextLength);
        return (options ?? Ideal).Fit(new MixturePredictor(worlds), worlds, ecology);
    }

    [Test]
    public void Two_very_different_worlds_are_separated_by_the_ideal_tracker_with_zero_excess()
    {
        var r = RunIdeal([ProcessWorlds.Mess3, ProcessWorlds.Skewed], 2);
        Assert.That(r.Labels, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(r.Classes, Is.EqualTo(2));
        Assert.That(r.SeparatedPairs, Is.EqualTo(1));
        Assert.That(r.ExactLabels, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(r.RecoversQuotient, Is.True);
        Assert.That(r.JsExcess, Is.Zero);
        Assert.That(r.ExcessRatio, Is.Null, "identity partition: BayesLoss − Floor is 0");
        Assert.That(r.BayesLoss, Is.EqualTo(r.Floor).Within(1e-12));
        Assert.That(r.Distances[0][1], Is.GreaterThan(10 * r.Threshold));
        // The ideal tracker's loss on the ecology's contexts is the floor up to the Monte Carlo error of p̄.
        Assert.That(r.ModelContextLoss, Is.GreaterThanOrEqualTo(r.Floor - 1e-12));
        Assert.That(r.ApproximationGap, Is.LessThan(5e-3));
        Assert.That(JsonSerializer.Serialize(r), Does.Contain("\"Classes\":2").And.Contain("\"ExcessRatio\":null"));
    }

    [Test]
    public void Two_identical_law_worlds_are_merged_and_the_excess_is_that_of_the_merged_partition()
    {
        HiddenMarkovProcess[] worlds = [ProcessWorlds.Mess3, ProcessWorlds.Mess3Copy];
        var ecology = FiniteEcology.FromProcesses(worlds, 2);
        var r = Ideal.Fit(new MixturePredictor(worlds), worlds, ecology);
        Assert.That(r.ExactClasses, Is.EqualTo(1));
        Assert.That(r.Classes, Is.EqualTo(1));
        Assert.That(r.SeparatedPairs, Is.Zero);
        Assert.That(r.Distances[0][1], Is.LessThanOrEqualTo(r.Threshold));
        Assert.That(r.JsExcess, Is.EqualTo(ecology.JsExcess([0, 0])).Within(1e-15));
        Assert.That(r.BayesLoss, Is.EqualTo(ecology.BayesLoss([0, 0])).Within(1e-15));
    }

    [Test]
    public void A_planted_partition_is_recovered()
    {
        var r = RunIdeal([ProcessWorlds.Mess3, ProcessWorlds.Skewed, ProcessWorlds.Mess3Copy], 2);
        Assert.That(r.ExactLabels, Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(r.Labels, Is.EqualTo(r.ExactLabels));
        Assert.That((r.Classes, r.SeparatedPairs), Is.EqualTo((2, 2)));
        Assert.That(r.Summary, Is.EqualTo(new SeparationSummary(2, 2)));
        Assert.That(r.Calibration!.Distances, Has.Count.EqualTo(3 * Ideal.CalibrationSplits));
    }

    [Test]
    public void The_excess_ratio_is_one_whenever_the_gap_is_positive()
    {
        // A threshold above ln 2 merges everything, so the separated worlds share a cell and the gap is positive.
        foreach (var worlds in new[]
                 {
                     new[] { ProcessWorlds.Mess3, ProcessWorlds.Skewed },
                     new[] { ProcessWorlds.Mess3, ProcessWorlds.Skewed, Processes.Mess3(0.15, 0.6).WithName("mess3b") },
                 })
        {
            var r = RunIdeal(worlds, 2, Ideal with { Threshold = 1.0 });
            Assert.That(r.Classes, Is.EqualTo(1));
            Assert.That(r.Calibration, Is.Null);
            Assert.That(r.BayesLoss - r.Floor, Is.GreaterThan(1e-3));
            Assert.That(r.ExcessRatio, Is.EqualTo(1).Within(1e-12));
            var ecology = FiniteEcology.FromProcesses(worlds, 2);
            Assert.That(r.JsExcess, Is.EqualTo(ecology.JsExcess(new int[worlds.Length])).Within(1e-15));
        }
    }

    [Test]
    public void A_tiny_trained_transformer_gives_a_complete_consistent_and_reproducible_result()
    {
        HiddenMarkovProcess[] worlds = [ProcessWorlds.Mess3, ProcessWorlds.Skewed];
        var ecology = FiniteEcology.FromProcesses(worlds, 2);
        using var transformer = Train(worlds);
        var model = transformer.AsSequenceModel();
        var options = new InducedPartitionAnalysis { Behaviour = new WorldBehaviour { WarmupLength = 10, Warmups = 64, Seed = 3 }, Seed = 4 };
        var r = options.Fit(model, worlds, ecology);

        Assert.That(r.Worlds, Is.EqualTo(new[] { "mess3", "skewed" }));
        Assert.That(r.MeanLaws, Has.Length.EqualTo(2));
        Assert.That(r.MeanLaws[0], Has.Length.EqualTo(ecology.ContextCount));
        foreach (var law in r.MeanLaws.SelectMany(x => x))
            Assert.That(law.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(r.Distances[0][0], Is.Zero);
        Assert.That(r.Distances[1][1], Is.Zero);
        Assert.That(r.Distances[0][1], Is.EqualTo(r.Distances[1][0]));
        Assert.That(r.Distances[0][1], Is.GreaterThan(0).And.LessThanOrEqualTo(Math.Log(2)));
        Assert.That(r.Calibration, Is.Not.Null);
        Assert.That(r.Threshold, Is.EqualTo(r.Calibration!.Threshold));
        Assert.That(r.Classes, Is.EqualTo(r.Labels.Distinct().Count()));
        Assert.That(r.SeparatedPairs, Is.EqualTo(r.Distances[0][1] > r.Threshold ? 1 : 0));
        Assert.That(r.ExactLabels, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(r.ExactClasses, Is.EqualTo(2));
        Assert.That(r.JsExcess, Is.EqualTo(ecology.JsExcess(r.Labels)).Within(1e-15));
        Assert.That(r.ModelContextLoss, Is.GreaterThanOrEqualTo(r.Floor - 1e-12));
        Assert.That(r.ApproximationGap, Is.EqualTo(r.ModelContextLoss - r.BayesLoss));
        Assert.That(r.ModelContextLoss, Is.EqualTo(EmpiricalPrefixEcology.ModelContextLoss(ecology, r.MeanLaws)));

        using var retrained = Train(worlds);
        var again = options.Fit(retrained.AsSequenceModel(), worlds, ecology);
        Assert.That(again.MeanLaws, Is.EqualTo(r.MeanLaws));
        Assert.That(again.Distances, Is.EqualTo(r.Distances));
        Assert.That((again.Threshold, again.ModelContextLoss), Is.EqualTo((r.Threshold, r.ModelContextLoss)));
    }

    private static Transformer Train(HiddenMarkovProcess[] worlds)
    {
        var transformer = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 16, heads: 4, contextLength: 12), 1);
        using var trainer = Trainer.Create(transformer, TrainingWorld.FromProcesses(worlds),
            new TrainingOptions { Steps = 100, BatchSize = 16, SequenceLength = 12, LearningRate = 1e-2, Seed = 2, EvalInterval = 1000 });
        trainer.Run();
        return transformer;
    }

    [Test]
    public void Calibration_takes_the_ceil_q_n_quantile_of_all_split_half_distances()
    {
        HiddenMarkovProcess[] worlds = [ProcessWorlds.Mess3, ProcessWorlds.Skewed];
        var ecology = FiniteEcology.FromProcesses(worlds, 1);
        var table = (new WorldBehaviour { Warmups = 20, Seed = 1 }).Measure(new MixturePredictor(worlds), worlds, ecology);
        var calibration = ThresholdCalibration.SplitHalves(table, ecology.ContextWeights, splits: 10, quantile: 0.95, seed: 2);
        Assert.That(calibration.Distances, Has.Count.EqualTo(20));
        var sorted = calibration.Distances.Order().ToArray();
        Assert.That(calibration.Threshold, Is.EqualTo(sorted[18]), "⌈0.95 · 20⌉ = 19th smallest");
        Assert.That(calibration.Distances, Is.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Bad_options_are_named()
    {
        HiddenMarkovProcess[] worlds = [ProcessWorlds.Mess3, ProcessWorlds.Skewed];
        var ecology = FiniteEcology.FromProcesses(worlds, 1);
        var model = new MixturePredictor(worlds);
        var e = Assert.Throws<ArgumentException>(() => (Ideal with { Threshold = -1 }).Fit(model, worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("Threshold is -1"));
        e = Assert.Throws<ArgumentException>(() => (Ideal with { Quantile = 1.5 }).Fit(model, worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("Quantile is 1.5"));
        e = Assert.Throws<ArgumentException>(() => (Ideal with { Behaviour = new WorldBehaviour { Warmups = 1 } }).Fit(model, worlds, ecology))!;
        Assert.That(e.Message, Does.Contain("split halves need at least 2"));
        var other = FiniteEcology.FromProcesses([ProcessWorlds.Mess3, ProcessWorlds.Mess3Copy], 1);
        var table = (new WorldBehaviour { Warmups = 4 }).Measure(model, worlds, ecology);
        e = Assert.Throws<ArgumentException>(() => Ideal.Fit(table, other))!;
        Assert.That(e.Message, Does.Contain("The table's worlds (mess3, skewed) are not the ecology's (mess3, mess3-copy)"));
    }

    [Test]
    public void Context_weighted_distance_is_the_weighted_sum_of_half_Jensen_Shannon_divergences()
    {
        double[][] a = [[0.5, 0.5], [0.9, 0.1], [1, 0]];
        double[][] b = [[0.5, 0.5], [0.1, 0.9], [0, 1]];
        Assert.That(BehaviouralDistance.Between(a, b, [1.0 / 3, 1.0 / 3, 1.0 / 3]), Is.EqualTo(BehaviouralDistance.Between(a, b)).Within(1e-15));
        // Disjoint supports give ln 2, equal laws 0: weights (0.2, 0, 0.8) give 0.8 ln 2.
        Assert.That(BehaviouralDistance.Between(a, b, [0.2, 0, 0.8]), Is.EqualTo(0.8 * Math.Log(2)).Within(1e-15));
        var m = BehaviouralDistance.Matrix([a, b, a], [0.2, 0, 0.8]);
        Assert.That(m[0][1], Is.EqualTo(m[1][0]));
        Assert.That(m[0][2], Is.Zero);
        var e = Assert.Throws<ArgumentException>(() => BehaviouralDistance.Between(a, b, [0.5, 0.5]))!;
        Assert.That(e.Message, Does.Contain("there are 2 context weights"));
    }

    [Test]
    public void Analyse_re_evaluates_a_measured_table_at_another_threshold()
    {
        HiddenMarkovProcess[] worlds = [ProcessWorlds.Mess3, ProcessWorlds.Skewed];
        var ecology = FiniteEcology.FromProcesses(worlds, 1);
        var model = new MixturePredictor(worlds);
        var table = Ideal.Behaviour.Measure(model, worlds, ecology);
        var calibrated = Ideal.Fit(table, ecology);
        Assert.That(calibrated.MeanLaws, Is.EqualTo(Ideal.Fit(model, worlds, ecology).MeanLaws));
        var merged = (Ideal with { Threshold = calibrated.Distances[0][1] }).Fit(table, ecology);
        Assert.That(merged.Labels, Is.EqualTo(new[] { 0, 0 }), "D ≤ τ joins");
        Assert.That(merged.MeanLaws, Is.EqualTo(calibrated.MeanLaws));
        Assert.That(merged.ModelContextLoss, Is.EqualTo(calibrated.ModelContextLoss));
        Assert.That(merged.ApproximationGap, Is.LessThan(calibrated.ApproximationGap), "the merged partition's Bayes loss is higher");
    }

    [Test]
    public void Analyse_from_mean_laws_works_on_any_ecology_and_checks_the_shapes()
    {
        // Three worlds, two contexts with weights (0.25, 0.75); worlds 0 and 2 have equal laws.
        double[][][] next =
        [
            [[0.9, 0.1], [0.5, 0.5]],
            [[0.2, 0.8], [0.5, 0.5]],
            [[0.9, 0.1], [0.5, 0.5]],
        ];
        var ecology = FiniteEcology.Create(["a", "b", "c"], [0.2, 0.3, 0.5], ["r=3", "r=5"], [0.25, 0.75], ["x", "y"], next);
        var r = InducedPartitionAnalysis.Fit(next, ecology, 0.01);
        Assert.That(r.Labels, Is.EqualTo(new[] { 0, 1, 0 }));
        Assert.That(r.RecoversQuotient, Is.True);
        Assert.That(r.ModelContextLoss, Is.EqualTo(r.Floor).Within(1e-15));
        Assert.That(r.Distances[0][1], Is.EqualTo(0.25 * Divergence.JensenShannon([0.9, 0.1], [0.2, 0.8])).Within(1e-15));
        Assert.That(r.Calibration, Is.Null);

        var table = (new WorldBehaviour { Warmups = 8 }).Measure(new MixturePredictor([ProcessWorlds.Mess3, ProcessWorlds.Skewed]), [ProcessWorlds.Mess3, ProcessWorlds.Skewed], FiniteEcology.FromProcesses([ProcessWorlds.Mess3, ProcessWorlds.Skewed], 1));
        var e = Assert.Throws<ArgumentException>(() => InducedPartitionAnalysis.Fit(table.MeanLaws, ecology, 0.01))!;
        Assert.That(e.Message, Does.Contain("meanLaws has 2 worlds; the ecology has 3"));
        e = Assert.Throws<ArgumentException>(() => InducedPartitionAnalysis.Fit(next, ecology, -0.5))!;
        Assert.That(e.Message, Does.Contain("threshold is -0.5"));
    }
}
