using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

public class AlignmentAnalysisTests
{
    /// <summary>Samples for <see cref="SpectralAlignment"/>'s plain-array fit: hidden states (samples × width), their
    /// context ids and the next token that followed each.</summary>
    private sealed record Samples(double[] States, int Width, int[] Contexts, int[] NextTokens)
    {
        public int Count => Contexts.Length;

        public SpectralAlignmentResult Fit(LinearHead head, IReadOnlyList<double>? contextLaw = null,
            IReadOnlyList<double[]>? nextTokenLaws = null) =>
            new SpectralAlignment().Fit(States, Width, Contexts, NextTokens, head, contextLaw, nextTokenLaws);
    }

    // The spec's stub (§4 item 17): h_c = the closed-form surrogate optimum, samples c ∼ π, w ∼ q_c.
    private static (double[] Pi, double[][] Q, Matrix<double> H, LinearHead Head, Samples Source) Stub(SurrogateObjective objective, int samples = 20_000)
    {
        var (pi, q) = SurrogateAlignmentExperiment.World(40, 10, 0.5, 11);
        var (h, head) = ReducedRankSurrogate.Optimum(new PredictiveSimilarity(pi, q), pi, 2, objective);
        var rng = new Random(4);
        var states = new double[samples * 2];
        var contexts = new int[samples];
        var tokens = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            int c = Draw(rng, pi);
            contexts[i] = c;
            h.Row(c).ToArray().CopyTo(states, i * 2);
            tokens[i] = Draw(rng, q[c]);
        }
        Assert.That(contexts.Distinct().Count(), Is.EqualTo(40), "every context is sampled");
        return (pi, q, h, head, new Samples(states, 2, contexts, tokens));
    }

    private static int Draw(Random rng, double[] law)
    {
        double u = rng.NextDouble(), s = 0;
        for (int i = 0; i < law.Length; i++)
            if ((s += law[i]) > u) return i;
        return law.Length - 1;
    }

    [Test]
    public void Stub_at_the_fisher_surrogate_optimum_is_perfectly_aligned()
    {
        var (pi, q, h, head, source) = Stub(SurrogateObjective.FisherCalibrated);
        var r = source.Fit(head, pi, q);
        Assert.That(r.SampleCount, Is.EqualTo(20_000));
        Assert.That(r.HiddenStateSpread, Is.EqualTo(0).Within(1e-12)); // the per-context mean of identical rows, up to rounding
        Assert.That(r.Efficiency, Is.EqualTo(1).Within(1e-10));
        Assert.That(r.AnglesToChiSquareDegrees.Max(), Is.LessThan(1e-5));
        Assert.That(r.AnglesToEuclideanDegrees.Max(), Is.GreaterThan(1));
        Assert.That(r.SquaredCanonicalCorrelations, Is.EqualTo(r.TopEigenvalues).Within(1e-10));
        // Dirichlet energy (§1.10): whitened E = d − Σρ²; raw E = tr(Hᵀ(Π − A)H) computed independently.
        Assert.That(r.WhitenedDirichletEnergy, Is.EqualTo(2 - r.SquaredCanonicalCorrelations.Sum()).Within(1e-10));
        var sim = new PredictiveSimilarity(pi, q);
        double raw = 0;
        for (int c = 0; c < 40; c++)
            for (int e = 0; e < 40; e++)
                raw += 0.5 * sim.Affinity[c, e] * (h.Row(c) - h.Row(e)).DotProduct(h.Row(c) - h.Row(e));
        Assert.That(r.DirichletEnergy, Is.EqualTo(raw).Within(1e-10));
        // NLL decomposition of softmax(W h_c + b), checked against a direct cross-entropy.
        double ce = 0;
        for (int c = 0; c < 40; c++)
        {
            var p = new LinearHead(head.Weights, head.Bias).Probabilities(h.Row(c));
            for (int w = 0; w < 10; w++) ce -= pi[c] * q[c][w] * Math.Log(p[w]);
        }
        Assert.That(r.Nll.CrossEntropy, Is.EqualTo(ce).Within(1e-12));
        Assert.That(r.Nll.Residual, Is.EqualTo(0).Within(1e-12));
        Assert.That(r.Nll.ExpectedKl, Is.GreaterThan(0));
        // g* statistics against the Probing layer's own pullback metric.
        var mean = Matrix<double>.Build.Dense(2, 2);
        double maxTrace = 0;
        for (int c = 0; c < 40; c++)
        {
            var g = FisherRao.Pullback(head.Weights, head.Bias, h.Row(c));
            mean += pi[c] * g;
            maxTrace = Math.Max(maxTrace, g.Trace());
        }
        Assert.That(r.MaxMetricTrace, Is.EqualTo(maxTrace).Within(1e-12));
        Assert.That(r.MeanMetricEigenvalues.Sum(), Is.EqualTo(mean.Trace()).Within(1e-12));
        Assert.That(r.MetricRank, Is.EqualTo(2));
        // The sample CCA (no Q) agrees with the population one to sampling error.
        Assert.That(r.SampleSquaredCanonicalCorrelations, Is.EqualTo(r.SquaredCanonicalCorrelations).Within(0.02));
    }

    [Test]
    public void Stub_at_the_bohning_optimum_is_aligned_with_m_e()
    {
        var (pi, q, _, head, source) = Stub(SurrogateObjective.Bohning, 2_000);
        var r = source.Fit(head, pi, q);
        Assert.That(r.AnglesToEuclideanDegrees.Max(), Is.LessThan(1e-5));
        Assert.That(r.Efficiency, Is.LessThan(1));
    }

    [Test]
    public void Without_laws_the_empirical_population_matches_the_sample_cca_exactly()
    {
        var (_, _, _, head, source) = Stub(SurrogateObjective.FisherCalibrated, 5_000);
        var r = source.Fit(head);
        Assert.That(r.ContextLaw.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(r.NextTokenLaws.Select(x => x.Sum()), Is.All.EqualTo(1).Within(1e-12));
        // h is a function of the context, so the sample CCA is the population CCA of the empirical (π̂, Q̂).
        Assert.That(r.SampleSquaredCanonicalCorrelations, Is.EqualTo(r.SquaredCanonicalCorrelations).Within(1e-8));
        Assert.That(r.Efficiency, Is.GreaterThan(0.9).And.LessThanOrEqualTo(1 + 1e-12));
    }

    [Test]
    public void Docs_snippet_one_sample_per_context_gives_unit_efficiency()
    {
        var (pi, q) = SurrogateAlignmentExperiment.World(40, 10, 0.5, seed: 11);
        var (h, head) = ReducedRankSurrogate.Optimum(new PredictiveSimilarity(pi, q), pi, 2, SurrogateObjective.FisherCalibrated);
        var states = Enumerable.Range(0, 40).SelectMany(c => h.Row(c).ToArray()).ToArray();
        var report = new SpectralAlignment().Fit(states, 2, Enumerable.Range(0, 40).ToArray(), new int[40], head, pi, q);
        Assert.That(report.Efficiency, Is.EqualTo(1).Within(1e-10));
    }

    [Test]
    public void Bad_sources_and_heads_are_rejected()
    {
        var head = new LinearHead(Matrix<double>.Build.Dense(3, 2), Vector<double>.Build.Dense(3));
        var alignment = new SpectralAlignment();
        // Contexts are numbered 0 … N − 1 by the samples: context 1 between 0 and 2 has none.
        var e = Assert.Throws<ArgumentException>(() => alignment.Fit([1.0, 2, 3, 4], 2, [0, 2], [1, 1], head));
        Assert.That(e!.Message, Does.Contain("No sample has context 1"));
        var wide = new LinearHead(Matrix<double>.Build.Dense(3, 4), Vector<double>.Build.Dense(3));
        e = Assert.Throws<ArgumentException>(() => alignment.Fit([1.0, 2], 2, [0], [1], wide));
        Assert.That(e!.Message, Does.Contain("width 2"));
        e = Assert.Throws<ArgumentException>(() => alignment.Fit([1.0, 2], 2, [0], [7], head));
        Assert.That(e!.Message, Does.Contain("next token 7"));
        e = Assert.Throws<ArgumentException>(() => alignment.Fit([1.0, 2], 3, [0], [0], head));
        Assert.That(e!.Message, Does.Contain("expected 1 samples × width 3"));
    }
}
