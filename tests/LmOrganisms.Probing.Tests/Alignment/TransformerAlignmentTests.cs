using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using LmOrganisms.Transformers.Tests;
using TorchSharp;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// The spectral-alignment analysis of trained transformers (spec markov-categories §4 item 17, §3 E3): a model's final
/// states on sampled sequences (<see cref="ProbeSet.Sample"/>, captured with the unembedding head by
/// <c>model.Capture</c>) grouped by belief context, fed into <see cref="SpectralAlignment"/>.
/// </summary>
public class TransformerAlignmentTests
{
    private static Transformer TrainTiny(TransformerConfig config)
    {
        var model = Transformer.Create(config, seed: 3);
        var options = new TrainingOptions { Steps = 200, BatchSize = 32, SequenceLength = 8, LearningRate = 1e-2, WeightDecay = 0, Seed = 5, EvalInterval = 1000 };
        using var trainer = Trainer.Create(model, TrainingWorld.FromProcess(Processes.Mess3()), options);
        trainer.Run();
        return model;
    }

    private static void AssertHeadReproducesLogits(Transformer model)
    {
        var head = model.UnembeddingHead();
        string hook = HookNames.FinalState(model.Config);
        var batch = Processes.Mess3().Sample(4, 8, seed: 9);
        using var tokens = TokenTensors.FromBatch(batch);
        using var cache = model.RunWithCache(tokens, [hook]);
        var h = cache.ToArray(hook);
        var logits = ActivationConversion.ToFloatArray(cache.Logits);
        int d = model.Config.DModel, v = model.Config.Vocabulary;
        for (int r = 0; r < logits.Length / v; r++)
        {
            var hr = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, j => h[r * d + j]);
            var z = head.Weights * hr + head.Bias;
            for (int t = 0; t < v; t++) Assert.That(z[t], Is.EqualTo(logits[r * v + t]).Within(1e-4), $"row {r} token {t}");
        }
    }

    /// <summary>The alignment of <paramref name="model"/>'s final states on <paramref name="count"/> sampled sequences of
    /// <paramref name="length"/> tokens (the 0.1 pipeline's <c>TransformerHiddenStates.FromBeliefContexts</c> +
    /// <c>AlignmentAnalysis.Run</c>).</summary>
    internal static SpectralAlignmentResult Align(Transformer model, HiddenMarkovProcess process, int length, int count, int seed,
        int? components = null, int batchSize = 4096)
    {
        var set = ProbeSet.Sample(process, count, length, seed);
        var activations = model.Capture(set, [HookNames.FinalState(model.Config)], new CaptureOptions { BatchSize = batchSize });
        return new SpectralAlignment { Components = components }.Fit(activations, set);
    }

    [Test]
    public void Tiny_layer_norm_model_gives_a_finite_deterministic_report()
    {
        var clock = Stopwatch.StartNew();
        // TransformerLens conventions: biases and a final LayerNorm (its output lies in a hyperplane: one direction is dropped).
        using var model = TrainTiny(new TransformerConfig(Layers: 1, DModel: 12, Heads: 2, DHead: 6, DMlp: 48, ContextLength: 8, Vocabulary: 3));
        AssertHeadReproducesLogits(model);
        Assert.That(HookNames.FinalState(model.Config), Is.EqualTo(HookNames.LnFinalNormalized));
        SpectralAlignmentResult Analyse()
        {
            var report = Align(model, Processes.Mess3(), length: 3, count: 2048, seed: 1);
            Assert.That(report.Hook, Is.EqualTo(HookNames.LnFinalNormalized));
            Assert.That(report.Components.ColumnCount, Is.EqualTo(11)); // numerical rank of LayerNorm output: d_model − 1
            Assert.That(report.RetainedVariance, Is.GreaterThan(1 - 1e-6));
            Assert.That(report.ContextCount, Is.InRange(12, 39)); // distinct beliefs at depths 1..3 of Mess3
            return report;
        }
        var report = Analyse();
        TestContext.Out.WriteLine($"contexts {report.ContextLaw.Length}, CE {report.Nll.CrossEntropy:F6} H {report.Nll.ConditionalEntropy:F6} KL {report.Nll.ExpectedKl:F6}, η {report.Efficiency:F6}, ρ² {string.Join(", ", report.SquaredCanonicalCorrelations.Take(3).Select(x => x.ToString("F6")))}, λ {string.Join(", ", report.TopEigenvalues.Take(3).Select(x => x.ToString("F6")))}, angles χ² {string.Join(", ", report.AnglesToChiSquareDegrees.Select(x => x.ToString("F2")))}, E {report.WhitenedDirichletEnergy:F6}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(report.Efficiency, Is.InRange(0.0, 1.0 + 1e-9));
        Assert.That(report.AnglesToChiSquareDegrees.Concat(report.AnglesToEuclideanDegrees), Is.All.InRange(0.0, 90.0));
        Assert.That(report.SquaredCanonicalCorrelations.Concat(report.SampleSquaredCanonicalCorrelations), Is.All.InRange(-1e-9, 1 + 1e-9));
        Assert.That(new[] { report.Nll.CrossEntropy, report.Nll.ExpectedKl, report.DirichletEnergy, report.MaxMetricTrace }, Is.All.Matches<double>(double.IsFinite));
        Assert.That(report.Nll.Residual, Is.EqualTo(0).Within(1e-10));
        Assert.That(report.Nll.ExpectedKl, Is.GreaterThanOrEqualTo(-1e-12));
        // §1.10: the whitened Dirichlet energy is d − Σρ².
        Assert.That(report.WhitenedDirichletEnergy, Is.EqualTo(report.Representation.ColumnCount - report.SquaredCanonicalCorrelations.Sum()).Within(1e-8));
        var again = Analyse();
        Assert.That(again.Efficiency, Is.EqualTo(report.Efficiency));
        Assert.That(again.AnglesToChiSquareDegrees, Is.EqualTo(report.AnglesToChiSquareDegrees));
    }

    [Test]
    public void Microgpt_head_reads_the_last_residual_stream()
    {
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 8), seed: 2);
        Assert.That(HookNames.FinalState(model.Config), Is.EqualTo(HookNames.ResidPost(0)));
        AssertHeadReproducesLogits(model);
        var report = Align(model, Processes.Mess3(), length: 3, count: 512, seed: 1, components: 2);
        Assert.That(report.Hook, Is.EqualTo(HookNames.ResidPost(0)));
        Assert.That(report.Components.ColumnCount, Is.EqualTo(2));
        Assert.That(report.Representation.ColumnCount, Is.EqualTo(2));
        Assert.That(report.Efficiency, Is.InRange(0.0, 1.0 + 1e-9));
        var rrxor = ProbeSet.Sample(Processes.Rrxor(), 4, 3, seed: 0);
        var ex = Assert.Throws<ArgumentException>(() => model.Capture(rrxor, [HookNames.FinalState(model.Config)]));
        Assert.That(ex!.Message, Does.Contain("Process 'rrxor' has 2 symbols"));
    }

    [Test]
    [Category(TestData.ReleasedCheckpoints)]
    public void Released_Mess3_checkpoint_aligns_with_the_predictive_similarity_operator()
    {
        var clock = Stopwatch.StartNew();
        using var model = Transformer.Load(TestData.BeliefGeometryCheckpoint("mess3/629209600.safetensors"), TransformerPresets.BeliefGeometry);
        var report = Align(model, Processes.Mess3(), length: 4, count: 4096, seed: 1);
        TestContext.Out.WriteLine($"width {report.Components.ColumnCount}, contexts {report.ContextCount}, retained {report.RetainedVariance:F8}, CE {report.Nll.CrossEntropy:F6} H {report.Nll.ConditionalEntropy:F6} KL {report.Nll.ExpectedKl:E3}, η {report.Efficiency:F6}, ρ² {string.Join(", ", report.SquaredCanonicalCorrelations.Take(3).Select(x => x.ToString("F6")))}, λ {string.Join(", ", report.TopEigenvalues.Take(3).Select(x => x.ToString("F6")))}, angles χ² {string.Join(", ", report.AnglesToChiSquareDegrees.Take(3).Select(x => x.ToString("F3")))}, angles E {string.Join(", ", report.AnglesToEuclideanDegrees.Take(3).Select(x => x.ToString("F3")))}, metric rank {report.MetricRank}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.That(report.Efficiency, Is.InRange(0.0, 1.0 + 1e-9));
        Assert.That(report.AnglesToChiSquareDegrees, Is.All.InRange(0.0, 90.0));
        // Measured: 120 contexts, width 63 (d_model 64 less LayerNorm's null direction, all variance kept),
        // E KL = 4.1e-5 nats, η = 0.99992 (ρ² 0.302608, 0.298914 vs λ 0.302631, 0.298940).
        Assert.That(report.ContextCount, Is.EqualTo(120));
        Assert.That(report.Nll.ExpectedKl, Is.EqualTo(4.13e-5).Within(2e-6));
        Assert.That(report.Efficiency, Is.EqualTo(0.99992).Within(2e-5));

        // The informative version (caveat b): project onto the top-2 principal components (rank M_χ = 2), a bottleneck.
        var narrow = Align(model, Processes.Mess3(), length: 4, count: 4096, seed: 1, components: 2);
        TestContext.Out.WriteLine($"top-2 PCs: retained {narrow.RetainedVariance:F6}, KL {narrow.Nll.ExpectedKl:E3}, η {narrow.Efficiency:F6}, angles χ² {string.Join(", ", narrow.AnglesToChiSquareDegrees.Select(x => x.ToString("F3")))}, angles E {string.Join(", ", narrow.AnglesToEuclideanDegrees.Select(x => x.ToString("F3")))}");
        // Measured: 82.6 % of the variance, η = 0.98905, principal angles 4.68° and 7.11° (M_E gives the same: Mess3's
        // next-token marginal is uniform, so M_χ = 3 M_E).
        Assert.That(narrow.Efficiency, Is.EqualTo(0.98905).Within(1e-3));
        Assert.That(narrow.AnglesToChiSquareDegrees, Is.EqualTo(new[] { 4.675, 7.106 }).Within(0.1));
        Assert.That(narrow.AnglesToEuclideanDegrees, Is.EqualTo(narrow.AnglesToChiSquareDegrees).Within(1e-6));
    }
}
