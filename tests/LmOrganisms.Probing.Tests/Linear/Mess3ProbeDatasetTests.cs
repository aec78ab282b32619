using LmOrganisms.Ecology;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

/// <summary>
/// The belief-geometry probe data set of Mess3 (spec §2.4 and checklist items 23 and 26): every input word of length
/// 10, each counted once, rows = (word, position k = 1..10), target = the belief after x₁..x_k. The features here are
/// an ideal representation (the first two belief coordinates), so the probe is exact and the controls can be checked
/// against the spec's numbers: constant-predictor MSE 0.111151, shuffle control 0.111089 ± 0.00021.
/// </summary>
public class Mess3ProbeDatasetTests
{
    private static List<ProbeBatch> Dataset()
    {
        var mess3 = Processes.Mess3();
        const int length = 10, words = 59_049;
        var batches = new List<ProbeBatch>();
        var eta = new double[length + 1][];
        for (int k = 0; k <= length; k++) eta[k] = new double[3];
        const int wordsPerBatch = 6561;
        for (int first = 0; first < words; first += wordsPerBatch)
        {
            var features = new float[wordsPerBatch * length * 2];
            var targets = new double[wordsPerBatch * length * 3];
            var groups = new long[wordsPerBatch * length];
            for (int wi = 0; wi < wordsPerBatch; wi++)
            {
                int word = first + wi;
                for (int s = 0; s < 3; s++) eta[0][s] = mess3.StationaryDistribution[s];
                int code = word;
                for (int k = 1; k <= length; k++)
                {
                    int symbol = code % 3;
                    code /= 3;
                    mess3.StepUnnormalised(eta[k - 1], symbol, eta[k]);
                    double z = eta[k].Sum();
                    for (int s = 0; s < 3; s++) eta[k][s] /= z;
                    int row = wi * length + (k - 1);
                    for (int s = 0; s < 3; s++) targets[row * 3 + s] = eta[k][s];
                    features[row * 2] = (float)eta[k][0];
                    features[row * 2 + 1] = (float)eta[k][1];
                    groups[row] = word;
                }
            }
            batches.Add(ProbeBatch.FromSingle(features, 2, targets, 3, groups: groups));
        }
        return batches;
    }

    [Test]
    public void Constant_predictor_and_shuffle_control_match_the_spec()
    {
        var batches = Dataset();
        var stats = ProbeStatistics.Accumulate(batches);
        Assert.That(stats.RowCount, Is.EqualTo(590_490));
        double constant = Enumerable.Range(0, 3).Sum(t => stats.TargetComoment()[t, t]) / (3 * stats.WeightSum);
        Assert.That(constant, Is.EqualTo(0.111151).Within(5e-7));

        var probe = LinearProbe.OrdinaryLeastSquares.Fit(stats).Evaluate(stats);
        Assert.That(probe.Mse, Is.LessThan(1e-12)); // float32 features: an exact affine map up to rounding
        Assert.That(probe.R2, Is.EqualTo(1).Within(1e-10));

        var shuffle = LinearProbe.OrdinaryLeastSquares.ShuffleControl(batches, seed: 1);
        Assert.That(shuffle.Mse, Is.EqualTo(0.111089).Within(0.0007)); // spec: 0.111089 ± 0.00021 over 5 repeats
        Assert.That(shuffle.R2, Is.LessThan(0.003));

        var held = LinearProbe.OrdinaryLeastSquares.HeldOut(batches, testFraction: 0.8, seed: 2);
        Assert.That(held.Test.Mse, Is.LessThan(1e-12));
        Assert.That(held.Test.RowCount % 10, Is.EqualTo(0)); // whole words on each side
    }

    [Test]
    public void Duplicated_columns_need_the_pseudo_inverse_and_give_the_same_predictions()
    {
        // Concatenating hooks that are equal (blocks.l.hook_resid_post = blocks.l+1.hook_resid_pre) duplicates columns.
        var (x, y, _, _) = LinearProbeTests.Planted(300, 3, 2, 0.1, 31);
        var dup = new double[300 * 6];
        for (int r = 0; r < 300; r++)
            for (int j = 0; j < 3; j++) dup[r * 6 + j] = dup[r * 6 + 3 + j] = x[r * 3 + j];
        Assert.Throws<ArgumentException>(() => LinearProbe.OrdinaryLeastSquares.Fit(dup, 6, y, 2));
        var pinv = new LinearProbe { RankDeficiency = RankDeficiency.PseudoInverse }.Fit(dup, 6, y, 2);
        var plain = LinearProbe.OrdinaryLeastSquares.Fit(x, 3, y, 2);
        Assert.That(pinv.Rank, Is.EqualTo(3));
        var a = pinv.Predict(dup);
        var b = plain.Predict(x);
        for (int i = 0; i < a.Length; i++) Assert.That(a[i], Is.EqualTo(b[i]).Within(1e-9));
        // Minimum norm: each duplicated pair shares its coefficient equally.
        Assert.That(pinv.Coefficients[0, 1], Is.EqualTo(plain.Coefficients[0, 1] / 2).Within(1e-9));
    }
}
