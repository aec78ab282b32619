using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class InducedPartitionTests
{
    private static double[][] Sym(int n, params (int I, int J, double D)[] entries)
    {
        var d = new double[n][];
        for (int i = 0; i < n; i++) d[i] = Enumerable.Repeat(1.0, n).ToArray();
        for (int i = 0; i < n; i++) d[i][i] = 0;
        foreach (var (i, j, v) in entries) d[i][j] = d[j][i] = v;
        return d;
    }

    [Test]
    public void A_chain_below_the_threshold_merges_transitively()
    {
        // 0–1 and 1–2 are close, 0–2 far: single linkage still merges all three. 3 stays alone.
        var d = Sym(4, (0, 1, 0.01), (1, 2, 0.01), (0, 2, 0.5));
        Assert.That(InducedPartition.FromDistances(d, 0.02), Is.EqualTo(new[] { 0, 0, 0, 1 }));
        Assert.That(InducedPartition.FromDistances(d, 0.005), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Separation_summary_of_a_3x3_matrix_with_one_small_entry_is_s2_k2()
    {
        var d = Sym(3, (0, 2, 0.001));
        Assert.That(InducedPartition.Summary(d, 0.01), Is.EqualTo(new SeparationSummary(2, 2)));
        Assert.That(InducedPartition.FromDistances(d, 0.01), Is.EqualTo(new[] { 0, 1, 0 }));
    }

    [Test]
    public void Labels_are_a_restricted_growth_string()
    {
        var d = Sym(5, (1, 3, 0.0), (2, 4, 0.0));
        Assert.That(InducedPartition.FromDistances(d, 0.0), Is.EqualTo(new[] { 0, 1, 2, 1, 2 }));
    }

    [Test]
    public void Jensen_Shannon_half_matches_closed_forms()
    {
        Assert.That(Divergence.JensenShannon([1.0, 0.0], [0.0, 1.0]), Is.EqualTo(Math.Log(2)).Within(1e-15));
        Assert.That(Divergence.JensenShannon([0.3, 0.7], [0.3, 0.7]), Is.EqualTo(0.0));
        // H(M) − (H(P) + H(Q))/2 with P = (0.9, 0.1), Q = (0.5, 0.5), M = (0.7, 0.3).
        static double H(params double[] p) => -p.Where(x => x > 0).Sum(x => x * Math.Log(x));
        Assert.That(Divergence.JensenShannon([0.9, 0.1], [0.5, 0.5]),
            Is.EqualTo(H(0.7, 0.3) - 0.5 * (H(0.9, 0.1) + H(0.5, 0.5))).Within(1e-15));
        Assert.That(BehaviouralDistance.Between([[0.9, 0.1], [1.0, 0.0]], [[0.9, 0.1], [0.0, 1.0]]),
            Is.EqualTo(Math.Log(2) / 2).Within(1e-15));
    }

    [Test]
    public void Mean_output_law_averages_rows_and_rejects_non_laws()
    {
        Assert.That(BehaviouralDistance.MeanOutputLaw([0.2, 0.8, 0.6, 0.4], 2), Is.EqualTo(new[] { 0.4, 0.6 }).Within(1e-15));
        var ex = Assert.Throws<ArgumentException>(() => BehaviouralDistance.MeanOutputLaw([0.2, 0.7], 2));
        Assert.That(ex!.Message, Does.Contain("output row 0 sums to 0.9"));
        ex = Assert.Throws<ArgumentException>(() =>
            BehaviouralDistance.MeanOutputLaws([[new[] { 0.5, 0.5 }], [new[] { 1.5, -0.5 }]], 2));
        Assert.That(ex!.Message, Does.Contain("World 1").And.Contain("entry 1, is -0.5"));
        ex = Assert.Throws<ArgumentException>(() => InducedPartition.FromDistances([[0.0, 1.0], [2.0, 0.0]], 0.1));
        Assert.That(ex!.Message, Does.Contain("not symmetric"));
    }

    /// <summary>Synthetic organism: worlds in planted classes; each world's per-prefix outputs are its class's law
    /// plus independent noise (a random convex mixture with a random law), so the worlds of one class differ only
    /// by sampling noise while classes differ by their laws.</summary>
    private static double[][][] Outputs(int world, int cls, int prefixes, int lengths, int vocab, double[][][] classLaws,
        Random rng)
    {
        var byLength = new double[lengths][][];
        for (int r = 0; r < lengths; r++)
        {
            byLength[r] = new double[prefixes][];
            for (int k = 0; k < prefixes; k++)
            {
                var noise = Enumerable.Range(0, vocab).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
                double s = noise.Sum();
                byLength[r][k] = Enumerable.Range(0, vocab).Select(v => 0.8 * classLaws[cls][r][v] + 0.2 * noise[v] / s).ToArray();
            }
        }
        _ = world;
        return byLength;
    }

    [Test]
    public void The_pipeline_recovers_a_planted_partition_from_synthetic_output_laws()
    {
        int[] planted = [0, 0, 1, 1, 1, 2, 0];
        const int lengths = 3, vocab = 6, prefixes = 160;
        var rng = new Random(42);
        var classLaws = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, lengths).Select(_ =>
        {
            var l = Enumerable.Range(0, vocab).Select(_ => Math.Pow(rng.NextDouble(), 3) + 0.01).ToArray();
            double s = l.Sum();
            return l.Select(x => x / s).ToArray();
        }).ToArray()).ToArray();
        var outputs = planted.Select((c, w) => Outputs(w, c, prefixes, lengths, vocab, classLaws, rng)).ToArray();

        // Mean output law per world and prefix length (rows row-major).
        var rowMajor = outputs.Select(perLength =>
            (IReadOnlyList<double[]>)perLength.Select(rows => rows.SelectMany(x => x).ToArray()).ToArray()).ToArray();
        var mean = BehaviouralDistance.MeanOutputLaws(rowMajor, vocab);
        var d = BehaviouralDistance.Matrix(mean);

        // τ from split halves of one world's prefixes (each prefix index k is a "chunk" with one prefix per length).
        var chunks = Enumerable.Range(0, prefixes)
            .Select(k => (IReadOnlyList<double[]>)Enumerable.Range(0, lengths).Select(r => outputs[0][r][k]).ToArray())
            .ToArray();
        var tau = ThresholdCalibration.SplitHalves(chunks, vocab, splits: 30, quantile: 0.95, seed: 7);
        Assert.That(tau.Distances, Has.Count.EqualTo(30));
        Assert.That(tau.Threshold, Is.EqualTo(tau.Distances.Order().ElementAt(28)));

        // Within-class distances of two means of 160 prefixes are sampling noise; split halves (80 vs 80) are
        // noisier, so τ sits above every within-class distance and far below every between-class one.
        for (int i = 0; i < planted.Length; i++)
            for (int j = i + 1; j < planted.Length; j++)
                if (planted[i] == planted[j]) Assert.That(d[i][j], Is.LessThan(tau.Threshold));
                else Assert.That(d[i][j], Is.GreaterThan(10 * tau.Threshold));
        var labels = InducedPartition.FromDistances(d, tau.Threshold);
        Assert.That(labels, Is.EqualTo(planted));
        // 21 pairs, of which 3 + 3 + 0 lie within classes.
        Assert.That(InducedPartition.Summary(d, tau.Threshold), Is.EqualTo(new SeparationSummary(15, 3)));
    }

    [Test]
    public void Calibration_is_deterministic_for_a_seed()
    {
        var rng = new Random(1);
        var chunks = Enumerable.Range(0, 20).Select(_ =>
        {
            double p = 0.5 + 0.1 * (rng.NextDouble() - 0.5);
            return (IReadOnlyList<double[]>)[new[] { p, 1 - p }, new[] { 0.25, 0.75 }];
        }).ToArray();
        var a = ThresholdCalibration.SplitHalves(chunks, 2, seed: 3);
        var b = ThresholdCalibration.SplitHalves(chunks, 2, seed: 3);
        Assert.That(a.Distances, Is.EqualTo(b.Distances));
        Assert.That(a.Threshold, Is.EqualTo(b.Threshold));
        var ex = Assert.Throws<ArgumentException>(() => ThresholdCalibration.SplitHalves(chunks.Take(1).ToArray(), 2));
        Assert.That(ex!.Message, Does.Contain("1 chunks"));
    }
}
