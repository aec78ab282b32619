using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class ProbeValidationTests
{
    private static List<ProbeBatch> Batches(double[] x, int p, double[] y, int t, int rowsPerBatch, long[]? groups = null)
    {
        int n = y.Length / t;
        var list = new List<ProbeBatch>();
        for (int s = 0; s < n; s += rowsPerBatch)
        {
            int e = Math.Min(n, s + rowsPerBatch);
            list.Add(ProbeBatch.FromSingle(x[(s * p)..(e * p)].Select(v => (float)v).ToArray(), p, y[(s * t)..(e * t)], t,
                groups: groups?[s..e]));
        }
        return list;
    }

    [Test]
    public void Cross_validation_folds_are_deterministic_for_a_seed_and_recover_the_noise_level()
    {
        const double noise = 0.2;
        var (x, y, _, _) = LinearProbeTests.Planted(4000, 6, 2, noise, 21);
        var batches = Batches(x, 6, y, 2, 333);
        var a = LinearProbe.OrdinaryLeastSquares.CrossValidate(batches, 5, seed: 7);
        var b = LinearProbe.OrdinaryLeastSquares.CrossValidate(batches, 5, seed: 7);
        var c = LinearProbe.OrdinaryLeastSquares.CrossValidate(batches, 5, seed: 8);
        Assert.That(a.Folds, Has.Count.EqualTo(5));
        for (int f = 0; f < 5; f++)
        {
            Assert.That(a.Folds[f].Mse, Is.EqualTo(b.Folds[f].Mse));
            Assert.That(a.Folds[f].RowCount, Is.EqualTo(b.Folds[f].RowCount));
        }
        Assert.That(a.Folds.Sum(f => f.RowCount), Is.EqualTo(4000));
        Assert.That(Enumerable.Range(0, 5).Any(f => a.Folds[f].RowCount != c.Folds[f].RowCount), Is.True);
        Assert.That(a.Pooled.Mse, Is.EqualTo(noise * noise).Within(0.1 * noise * noise));
        // Out-of-fold error is above in-sample error.
        var inSample = LinearProbe.OrdinaryLeastSquares.Fit(batches).Evaluate(ProbeStatistics.Accumulate(batches));
        Assert.That(a.Pooled.Mse, Is.GreaterThan(inSample.Mse));
    }

    [Test]
    public void Cross_validation_pooled_metrics_equal_a_direct_out_of_fold_computation()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(600, 3, 1, 0.5, 22);
        var batches = Batches(x, 3, y, 1, 100);
        var cv = LinearProbe.OrdinaryLeastSquares.CrossValidate(batches, 3, seed: 1);
        double sse = 0;
        for (int f = 0; f < 3; f++)
        {
            var train = ProbeStatistics.Create(3, 1);
            var rowsOf = Enumerable.Range(0, 600).Where(r => ProbeValidation.FoldOf(r, 3, 1) != f).ToArray();
            foreach (int r in rowsOf) train.Add(x.Select(v => (double)(float)v).ToArray().AsSpan(r * 3, 3), y.AsSpan(r, 1));
            var model = LinearProbe.OrdinaryLeastSquares.Fit(train);
            foreach (int r in Enumerable.Range(0, 600).Where(r => ProbeValidation.FoldOf(r, 3, 1) == f))
            {
                double e = y[r] - model.Predict(new[] { (float)x[r * 3], (float)x[r * 3 + 1], (float)x[r * 3 + 2] })[0];
                sse += e * e;
            }
        }
        Assert.That(cv.Pooled.Mse, Is.EqualTo(sse / 600).Within(1e-10));
    }

    [Test]
    public void Held_out_split_keeps_groups_together()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(1000, 4, 1, 0.1, 23);
        var groups = Enumerable.Range(0, 1000).Select(r => (long)(r / 10)).ToArray(); // 100 sequences of 10 positions
        var batches = Batches(x, 4, y, 1, 64, groups);
        var split = LinearProbe.OrdinaryLeastSquares.HeldOut(batches, 0.8, seed: 3);
        int heldGroups = Enumerable.Range(0, 100).Count(g => ProbeValidation.IsHeldOut(g, 0.8, 3));
        Assert.That(split.Test.RowCount, Is.EqualTo(10 * heldGroups));
        Assert.That(split.Train.RowCount, Is.EqualTo(1000 - 10 * heldGroups));
        Assert.That(heldGroups, Is.InRange(65, 95));
        Assert.That(split.Test.Mse, Is.EqualTo(0.01).Within(0.003));
    }

    [Test]
    public void Shuffle_control_sits_near_the_constant_predictor()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(20_000, 8, 3, 0.05, 24);
        var batches = Batches(x, 8, y, 3, 1000);
        var all = ProbeStatistics.Accumulate(batches);
        double constantMse = Enumerable.Range(0, 3).Average(t => all.TargetComoment()[t, t] / all.WeightSum);
        var shuffled = LinearProbe.OrdinaryLeastSquares.ShuffleControl(batches, seed: 5);
        var real = LinearProbe.OrdinaryLeastSquares.Fit(all).Evaluate(all);
        // The shuffled probe's coefficients are O(1/√n) noise; against targets that X explains well that noise
        // moves the MSE by a few per cent of the constant predictor's MSE, either way.
        Assert.That(shuffled.Mse, Is.EqualTo(constantMse).Within(0.05 * constantMse));
        Assert.That(Math.Abs(shuffled.R2), Is.LessThan(0.05));
        Assert.That(real.Mse, Is.EqualTo(0.05 * 0.05).Within(2e-4)); // the noise variance, 1.3 % of chance
        Assert.That(LinearProbe.OrdinaryLeastSquares.ShuffleControl(batches, seed: 5).Mse, Is.EqualTo(shuffled.Mse));
    }

    [Test]
    public void Permutation_is_a_seeded_permutation()
    {
        var p = ProbeValidation.Permutation(1000, 9);
        Assert.That(p.OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 1000)));
        Assert.That(ProbeValidation.Permutation(1000, 9), Is.EqualTo(p));
        Assert.That(ProbeValidation.Permutation(1000, 10), Is.Not.EqualTo(p));
    }

    [Test]
    public void Bad_validation_arguments_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProbeValidation.FoldOf(1, 1, 0));
        Assert.That(ex!.Message, Does.Contain("folds is 1"));
        ex = Assert.Throws<ArgumentException>(() => ProbeValidation.IsHeldOut(1, 1.5, 0));
        Assert.That(ex!.Message, Does.Contain("testFraction is 1.5"));
    }
}
