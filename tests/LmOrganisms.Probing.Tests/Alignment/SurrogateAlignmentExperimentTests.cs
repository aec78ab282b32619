using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class SurrogateAlignmentExperimentTests
{
    [TestCase(SurrogateObjective.FisherCalibrated)]
    [TestCase(SurrogateObjective.Bohning)]
    public void Surrogate_gradient_descent_reaches_the_closed_form_top_eigenspace(SurrogateObjective objective)
    {
        var r = SurrogateAlignmentExperiment.Run(new SurrogateAlignmentOptions { Signal = 0.5, Objective = objective });
        bool fisher = objective == SurrogateObjective.FisherCalibrated;
        var (target, other) = fisher ? (r.AnglesToChiSquareDegrees, r.AnglesToEuclideanDegrees) : (r.AnglesToEuclideanDegrees, r.AnglesToChiSquareDegrees);
        Assert.That(r.GradientNorm, Is.LessThan(1e-12));
        Assert.That(target.Max(), Is.LessThan(1e-3)); // measured 8.5e-7° for both
        Assert.That(r.MaxAngleDegrees, Is.EqualTo(target.Max()));
        Assert.That(r.Loss, Is.EqualTo(r.ClosedFormLoss).Within(1e-10));
        // M_E and M_χ differ for a non-uniform marginal, so each optimum is visibly off the other operator's eigenspace.
        Assert.That(other.Max(), Is.GreaterThan(1));
        if (fisher) Assert.That(r.Efficiency, Is.EqualTo(1).Within(1e-9));
        else Assert.That(r.Efficiency, Is.LessThan(0.99));
    }

    [Test]
    public void Nll_minimiser_is_aligned_to_order_signal_with_a_linear_angle()
    {
        var small = SurrogateAlignmentExperiment.Run(new SurrogateAlignmentOptions { Signal = 0.01 });
        var large = SurrogateAlignmentExperiment.Run(new SurrogateAlignmentOptions { Signal = 0.02 });
        Assert.That(small.GradientNorm, Is.LessThan(1e-12));
        Assert.That(large.GradientNorm, Is.LessThan(1e-12));
        Assert.That(small.Efficiency, Is.GreaterThan(0.999));
        Assert.That(small.MaxAngleDegrees, Is.LessThan(1));
        Assert.That(small.MaxAngleDegrees, Is.GreaterThan(0.05)); // the NLL optimum is not exactly aligned
        // Angle ∝ s: the angle ratio is the signal ratio 2 (measured 2.02), and the slope through the origin fits both.
        Assert.That(large.MaxAngleDegrees / small.MaxAngleDegrees, Is.EqualTo(2).Within(0.1));
        double slope = (0.01 * small.MaxAngleDegrees + 0.02 * large.MaxAngleDegrees) / (0.01 * 0.01 + 0.02 * 0.02);
        Assert.That(small.MaxAngleDegrees, Is.EqualTo(slope * 0.01).Within(0.05 * slope * 0.01));
        Assert.That(large.MaxAngleDegrees, Is.EqualTo(slope * 0.02).Within(0.05 * slope * 0.02));
        // Near the marginal the excess NLL is ½ Σ_{i>d} λᵢ(M_χ) (spec §3 E2); the decomposition closes.
        Assert.That(small.Nll.ExpectedKl, Is.EqualTo(small.TailEigenvalueHalfSum).Within(0.01 * small.TailEigenvalueHalfSum));
        Assert.That(small.Loss, Is.EqualTo(small.ClosedFormLoss).Within(1e-6));
        Assert.That(small.Nll.Residual, Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Closed_form_optima_attain_the_spectral_loss_formulas()
    {
        var (pi, q) = SurrogateAlignmentExperiment.World(40, 10, 0.5, 3);
        var sim = new PredictiveSimilarity(pi, q);
        var p = sim.Marginal;
        var (hf, headF) = ReducedRankSurrogate.Optimum(sim, pi, 2, SurrogateObjective.FisherCalibrated);
        double entropy = -p.Sum(x => x * Math.Log(x));
        Assert.That(sim.FisherSurrogateLoss(hf, headF), Is.EqualTo(entropy - 0.5 * sim.ChiSquareSpectrum.Take(2).Sum()).Within(1e-12));
        Assert.That(sim.PrincipalAngles(hf).Max(), Is.LessThan(1e-7));
        var (hb, headB) = ReducedRankSurrogate.Optimum(sim, pi, 2, SurrogateObjective.Bohning);
        double uniformGap = p.Sum(x => (x - 0.1) * (x - 0.1));
        Assert.That(sim.BohningSurrogateLoss(hb, headB), Is.EqualTo(Math.Log(10) - uniformGap - sim.EuclideanSpectrum.Take(2).Sum()).Within(1e-12));
        Assert.That(sim.PrincipalAngles(hb, euclideanOperator: true).Max(), Is.LessThan(1e-7));
    }

    [Test]
    public void World_is_reproducible_stochastic_and_flat_without_signal()
    {
        var (pi, q) = SurrogateAlignmentExperiment.World(12, 6, 0.3, 5);
        var (pi2, q2) = SurrogateAlignmentExperiment.World(12, 6, 0.3, 5);
        Assert.That(pi2, Is.EqualTo(pi));
        Assert.That(q2, Is.EqualTo(q));
        Assert.That(pi.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(q.Select(row => row.Sum()), Is.All.EqualTo(1).Within(1e-12));
        var (_, flat) = SurrogateAlignmentExperiment.World(12, 6, 0, 5);
        for (int c = 1; c < flat.Length; c++)
            for (int w = 0; w < 6; w++) Assert.That(flat[c][w], Is.EqualTo(flat[0][w]).Within(1e-15));
        // rank M_χ ≤ V − 1 = 5 (centring), and the signal makes the first four clearly positive.
        var spectrum = new PredictiveSimilarity(pi, q).ChiSquareSpectrum;
        Assert.That(spectrum[3], Is.GreaterThan(1e-3));
        Assert.That(spectrum.Skip(5), Is.All.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Runs_are_bit_for_bit_reproducible_report_progress_and_cancel()
    {
        var options = new SurrogateAlignmentOptions { Signal = 0.02, Steps = 25_000, GradientTolerance = 0 };
        var steps = new List<int>();
        var a = SurrogateAlignmentExperiment.Run(options, new SyncProgress(steps));
        var b = SurrogateAlignmentExperiment.Run(options);
        Assert.That(a.StepsTaken, Is.EqualTo(25_000));
        Assert.That(steps, Is.EqualTo(new[] { 10_000, 20_000 }));
        Assert.That(b.Representation.ToColumnMajorArray(), Is.EqualTo(a.Representation.ToColumnMajorArray()));
        Assert.That(b.Head.Bias.ToArray(), Is.EqualTo(a.Head.Bias.ToArray()));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => SurrogateAlignmentExperiment.Run(options, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }

    [Test]
    public void Bad_options_are_rejected_with_the_offending_value()
    {
        var e = Assert.Throws<ArgumentException>(() => SurrogateAlignmentExperiment.Run(new SurrogateAlignmentOptions { Dimension = 4 }));
        Assert.That(e!.Message, Does.Contain("Dimension is 4"));
        e = Assert.Throws<ArgumentException>(() => SurrogateAlignmentExperiment.Run(new SurrogateAlignmentOptions { LearningRate = -1 }));
        Assert.That(e!.Message, Does.Contain("LearningRate is -1"));
        var d = Assert.Throws<InvalidOperationException>(() => SurrogateAlignmentExperiment.Run(
            new SurrogateAlignmentOptions { Signal = 1, Objective = SurrogateObjective.Bohning, LearningRate = 100 }));
        Assert.That(d!.Message, Does.Contain("diverged"));
    }
}
