using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Transformers;
using LmOrganisms.Transformers.Tests;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// <see cref="SpectralAlignment"/> on captured activations of a sampled probe set reproduces the 0.1 pipeline
/// (<c>TransformerHiddenStates.FromBeliefContexts</c> + <c>AlignmentAnalysis.Run</c>, which sampled
/// <c>process.Sample(count, L + 1, seed)</c>, read the final state in batches of 1,024 sequences and grouped rows by belief).
/// The expected values were printed by that pipeline (commit 650142e) with round-trip precision.
/// </summary>
public class SpectralAlignmentTests
{
    /// <summary>Relative agreement with the 0.1 pipeline. Same sequences, same float32 states (same batches), same
    /// contexts and the same arithmetic on them: when written, every value below agreed bit for bit; the tolerance
    /// leaves room for the last bits (belief update, BLAS) and nothing more.</summary>
    private const double Relative = 1e-9;

    private static NUnit.Framework.Constraints.IResolveConstraint Near(double expected) => Is.EqualTo(expected).Within(Relative * Math.Abs(expected) + 1e-15);

    private static void Print(string what, SpectralAlignmentResult r) =>
        TestContext.Out.WriteLine(FormattableString.Invariant(
            $"{what}: retained {r.RetainedVariance:R} CE {r.Nll.CrossEntropy:R} KL {r.Nll.ExpectedKl:R} η {r.Efficiency:R} ρ² {string.Join(" ", r.SquaredCanonicalCorrelations.Take(2).Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} sample ρ² {string.Join(" ", r.SampleSquaredCanonicalCorrelations.Take(2).Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} angles χ² {string.Join(" ", r.AnglesToChiSquareDegrees.Take(2).Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} E {r.DirichletEnergy:R} Ew {r.WhitenedDirichletEnergy:R} max tr g {r.MaxMetricTrace:R}"));

    private static void AssertNear(IReadOnlyList<double> actual, double[] expected, string what)
    {
        for (int i = 0; i < expected.Length; i++) Assert.That(actual[i], Near(expected[i]), $"{what}[{i}]");
    }

    [Test]
    [Category(TestData.ReleasedCheckpoints)]
    public void Released_Mess3_checkpoint_gives_the_numbers_of_the_0_1_pipeline()
    {
        using var model = Transformer.Load(TestData.BeliefGeometryCheckpoint("mess3/629209600.safetensors"), TransformerPresets.BeliefGeometry);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 4096, length: 4, seed: 1);
        var activations = model.Capture(set, [HookNames.FinalState(model.Config)], new CaptureOptions { BatchSize = 1024 });

        var all = new SpectralAlignment().Fit(activations, set);
        Print("all components", all);
        Assert.That((all.Hook, all.SampleCount, all.ContextCount, all.Components.ColumnCount), Is.EqualTo((HookNames.LnFinalNormalized, 16384, 120, 63)));
        Assert.That(all.RetainedVariance, Near(0.9999999999999993));
        Assert.That(all.Nll.CrossEntropy, Near(0.8161250358179436));
        Assert.That(all.Nll.ConditionalEntropy, Near(0.8160837788795438));
        Assert.That(all.Nll.ExpectedKl, Is.EqualTo(4.125693840062254E-05).Within(1e-7 * 4.125693840062254E-05)); // a difference of two CEs
        Assert.That(all.Efficiency, Near(0.9999182127238474));
        Assert.That(all.HiddenStateSpread, Is.LessThan(1e-12)); // 0.1: 9.9e-14, rounding of per-context means of identical states
        AssertNear(all.SquaredCanonicalCorrelations, [0.30260796906392895, 0.29891405022495504], "ρ²");
        AssertNear(all.SampleSquaredCanonicalCorrelations, [0.30543013707118555, 0.29488864272334764], "sample ρ²");
        AssertNear(all.TopEigenvalues, [0.3026308842669141, 0.2989403358934784], "λ");
        Assert.That(all.DirichletEnergy, Near(20.87330207717221));
        Assert.That(all.WhitenedDirichletEnergy, Near(62.39847798087076));
        Assert.That(all.MaxMetricTrace, Near(0.1326357576527742));
        Assert.That(all.MetricRank, Is.EqualTo(2));
        AssertNear(all.MeanMetricEigenvalues, [0.053371446759277574, 0.039972800349342065], "metric eigenvalues");

        var top2 = new SpectralAlignment { Components = 2 }.Fit(activations, set);
        Print("top 2", top2);
        Assert.That((top2.ContextCount, top2.Components.ColumnCount), Is.EqualTo((120, 2)));
        Assert.That(top2.RetainedVariance, Near(0.8256821719857457));
        Assert.That(top2.Nll.CrossEntropy, Near(0.8175040598309319));
        Assert.That(top2.Nll.ExpectedKl, Near(0.0014202809513893236));
        Assert.That(top2.Efficiency, Near(0.989045458700091));
        AssertNear(top2.SquaredCanonicalCorrelations, [0.3003614421050008, 0.29461984127930796], "ρ²");
        AssertNear(top2.SampleSquaredCanonicalCorrelations, [0.30135709549385165, 0.2882763383572364], "sample ρ²");
        AssertNear(top2.AnglesToChiSquareDegrees, [4.674861939687192, 7.105890758080953], "angles χ²");
        AssertNear(top2.AnglesToEuclideanDegrees, [4.674861939687114, 7.105890758080851], "angles E");
        Assert.That(top2.DirichletEnergy, Near(16.04939173160525));
        Assert.That(top2.WhitenedDirichletEnergy, Near(1.4050187166156913));
        Assert.That(top2.MaxMetricTrace, Near(0.05070867524035864));
        // The same principal directions in both fits; the projected head is W P, b + W μ.
        Assert.That((all.Components.SubMatrix(0, 64, 0, 2) - top2.Components).Enumerate().Max(Math.Abs), Is.LessThan(1e-12));
        Assert.That(top2.Mean.ToArray(), Is.EqualTo(all.Mean.ToArray()));
    }

    [Test]
    public void An_untrained_microgpt_gives_the_numbers_of_the_0_1_pipeline()
    {
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 8), seed: 2);
        var set = ProbeSet.Sample(Processes.Mess3(), count: 512, length: 3, seed: 1);
        var r = new SpectralAlignment { Components = 2 }.Fit(model.Capture(set, [HookNames.FinalState(model.Config)]), set);
        Print("microgpt", r);
        Assert.That((r.Hook, r.SampleCount, r.ContextCount), Is.EqualTo((HookNames.ResidPost(0), 1536, 39)));
        Assert.That(r.RetainedVariance, Near(0.7409748879666891));
        Assert.That(r.Efficiency, Near(0.4207494641894903));
        Assert.That(r.Nll.ExpectedKl, Near(0.2854699284690743));
        Assert.That(r.Nll.CrossEntropy, Near(1.1102139645998295));
        AssertNear(r.AnglesToChiSquareDegrees, [28.17929313179517, 74.66485768397402], "angles χ²");
        AssertNear(r.SquaredCanonicalCorrelations, [0.22511288026205956, 0.0205769842821396], "ρ²");
        AssertNear(r.SampleSquaredCanonicalCorrelations, [0.1991956610495671, 0.017596394318826165], "sample ρ²");
    }

    [Test]
    public void The_activation_fit_is_the_array_fit_of_the_projected_states()
    {
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 8), seed: 2);
        var mess3 = Processes.Mess3();
        var set = ProbeSet.Sample(mess3, count: 300, length: 3, seed: 5);
        var activations = model.Capture(set, [HookNames.FinalState(model.Config)]);
        var fitted = new SpectralAlignment { Components = 3 }.Fit(activations, set);

        // Contexts are the distinct beliefs in order of first occurrence, π their frequencies, Q their exact laws.
        var states = activations[HookNames.ResidPost(0)];
        var ids = new Dictionary<int, int>();
        int n = set.RowCount, r3 = 3;
        var contexts = new int[n];
        var tokens = new int[n];
        var projected = new double[n * r3];
        var laws = new List<double[]>();
        for (int row = 0; row < n; row++)
        {
            if (!ids.TryGetValue(set.BeliefIds[row], out int c))
            {
                ids[set.BeliefIds[row]] = c = ids.Count;
                laws.Add(mess3.NextTokenLaw(set.Belief(row)));
            }
            contexts[row] = c;
            tokens[row] = set.NextToken(row);
            for (int k = 0; k < r3; k++)
                for (int j = 0; j < 8; j++) projected[row * r3 + k] += fitted.Components[j, k] * (states.Row(row)[j] - fitted.Mean[j]);
        }
        var pi = Enumerable.Range(0, ids.Count).Select(c => contexts.Count(x => x == c) / (double)n).ToArray();
        var head = activations.Head!;
        var projectedHead = new LinearHead(head.Weights * fitted.Components, head.Bias + head.Weights * fitted.Mean);
        var plain = new SpectralAlignment().Fit(projected, r3, contexts, tokens, projectedHead, pi, laws);
        Assert.That(plain.Hook, Is.EqualTo(""));
        Assert.That(fitted.ContextLaw, Is.EqualTo(pi).Within(1e-15));
        Assert.That(fitted.NextTokenLaws, Is.EqualTo(laws.ToArray()));
        Assert.That(fitted.Efficiency, Is.EqualTo(plain.Efficiency).Within(1e-12));
        Assert.That(fitted.Nll.CrossEntropy, Is.EqualTo(plain.Nll.CrossEntropy).Within(1e-12));
        Assert.That(fitted.SquaredCanonicalCorrelations, Is.EqualTo(plain.SquaredCanonicalCorrelations).Within(1e-12));
        Assert.That(fitted.SampleSquaredCanonicalCorrelations, Is.EqualTo(plain.SampleSquaredCanonicalCorrelations).Within(1e-12));
        Assert.That(fitted.AnglesToChiSquareDegrees, Is.EqualTo(plain.AnglesToChiSquareDegrees).Within(1e-9));
        Assert.That(fitted.DirichletEnergy, Is.EqualTo(plain.DirichletEnergy).Within(1e-12));
    }

    [Test]
    public void Max_context_length_keeps_the_short_prefixes_and_all_words_sets_drop_the_last_position()
    {
        using var model = Transformer.Create(TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 8, heads: 2, contextLength: 8), seed: 2);
        var sampled = ProbeSet.Sample(Processes.Mess3(), count: 400, length: 5, seed: 2);
        var activations = model.Capture(sampled, [HookNames.ResidPost(0)]);
        var shortPrefixes = new SpectralAlignment { MaxContextLength = 2, Components = 2 }.Fit(activations, sampled);
        Assert.That(shortPrefixes.SampleCount, Is.EqualTo(400 * 2));
        Assert.That(shortPrefixes.ContextCount, Is.EqualTo(3 + 9)); // Mess3's distinct beliefs after 1 and 2 tokens
        Assert.That(new SpectralAlignment { Components = 2 }.Fit(activations, sampled).SampleCount, Is.EqualTo(400 * 5));

        // Every word once, weighted by its probability: π is exact, and the last position (no next token) is not used.
        var words = ProbeSet.AllWords(Processes.Mess3(), 3);
        var exact = new SpectralAlignment { Components = 2 }.Fit(model.Capture(words, [HookNames.ResidPost(0)]), words);
        Assert.That(exact.SampleCount, Is.EqualTo(27 * 2));
        Assert.That(exact.ContextCount, Is.EqualTo(3 + 9));
        // π(belief after x) = Pr(x) / 2 = 1/6 (Mess3's stationary token law is uniform; two positions are used) and
        // π(belief after xy) = Pr(xy) / 2 < 1/6.
        var law = exact.ContextLaw.OrderDescending().ToArray();
        Assert.That(law.Take(3), Is.All.EqualTo(1.0 / 6).Within(1e-12));
        Assert.That(law[3], Is.LessThan(1.0 / 6 - 1e-3));
        Assert.That(exact.ContextLaw.Sum(), Is.EqualTo(1).Within(1e-12));

        var ex = Assert.Throws<ArgumentException>(() => new SpectralAlignment { MaxContextLength = 6 }.Fit(activations, sampled));
        Assert.That(ex!.Message, Does.Contain("SpectralAlignment.MaxContextLength is 6"));
        ex = Assert.Throws<ArgumentException>(() => new SpectralAlignment { Hook = HookNames.ResidPre(0) }.Fit(activations, sampled));
        Assert.That(ex!.Message, Does.Contain("The head reads 'blocks.0.hook_resid_post', not 'blocks.0.hook_resid_pre'"));
        ex = Assert.Throws<ArgumentException>(() => new SpectralAlignment { Components = 9 }.Fit(activations, sampled));
        Assert.That(ex!.Message, Does.Contain("SpectralAlignment.Components is 9"));
    }
}
