using LmOrganisms.Probing;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.Probing.Tests;

public class ProbeStatisticsTests
{
    [Test]
    public void Streaming_in_many_batches_equals_one_in_memory_fit()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(3001, 19, 3, 0.2, 11, featureOffset: 50);
        var all = LinearProbe.OrdinaryLeastSquares.Fit(x, 19, y, 3);
        var batches = new List<ProbeBatch>();
        var rng = new Random(12);
        for (int start = 0; start < 3001;)
        {
            int len = Math.Min(3001 - start, 1 + rng.Next(300));
            batches.Add(ProbeBatch.FromDouble(x[(start * 19)..((start + len) * 19)], 19,
                y[(start * 3)..((start + len) * 3)], 3));
            start += len;
        }
        Assert.That(batches, Has.Count.GreaterThan(10));
        var streamed = LinearProbe.OrdinaryLeastSquares.Fit(batches);
        Assert.That((all.Coefficients - streamed.Coefficients).Enumerate().Max(Math.Abs), Is.LessThan(1e-9));
        for (int k = 0; k < 3; k++) Assert.That(streamed.Intercept[k], Is.EqualTo(all.Intercept[k]).Within(1e-9));
        var sAll = ProbeStatistics.Create(19, 3);
        sAll.Add(x, y);
        var sStream = ProbeStatistics.Accumulate(batches);
        Assert.That((sAll.FeatureComoment() - sStream.FeatureComoment()).Enumerate().Max(Math.Abs)
            / sAll.FeatureComoment().Enumerate().Max(Math.Abs), Is.LessThan(1e-12));
        Assert.That(sStream.RowCount, Is.EqualTo(3001));
    }

    [Test]
    public void Comoments_equal_the_direct_centred_sums_even_with_large_means()
    {
        var rng = new Random(13);
        int n = 1000, p = 9;
        var x = new double[n * p];
        for (int i = 0; i < x.Length; i++) x[i] = 1e6 + rng.NextDouble();
        var y = x.Where((_, i) => i % p == 0).Select(v => v - 1e6).ToArray();
        var s = ProbeStatistics.Create(p, 1);
        s.Add(x, y);
        var m = Matrix<double>.Build.Dense(n, p, (r, j) => x[r * p + j]);
        var mean = m.ColumnSums() / n;
        var c = m - Matrix<double>.Build.Dense(n, p, (_, j) => mean[j]);
        var direct = c.TransposeThisAndMultiply(c);
        var ours = s.FeatureComoment();
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) Assert.That(ours[i, j], Is.EqualTo(direct[i, j]).Within(1e-7 * Math.Abs(direct[i, i])));
        Assert.That(s.FeatureMeans()[3], Is.EqualTo(mean[3]).Within(1e-8));
        Assert.That(s.TargetComoment()[0, 0], Is.EqualTo(direct[0, 0]).Within(1e-7 * direct[0, 0]));
    }

    [Test]
    public void Appending_rows_one_by_one_gives_the_bits_of_one_add_and_a_column_block_those_of_its_columns_alone()
    {
        // 1,000 rows: seven full blocks of 128 and a partial one, flushed at the end.
        var (x, y, _, _) = LinearProbeTests.Planted(1000, 10, 4, 0.3, 15, featureOffset: 20);
        var added = ProbeStatistics.Create(10, 4);
        added.Add(x, y);
        var appended = ProbeStatistics.Create(10, 4);
        for (int r = 0; r < 1000; r++)
        {
            var row = appended.AppendRow();
            x.AsSpan(r * 10, 10).CopyTo(row);
            y.AsSpan(r * 4, 4).CopyTo(row[10..]);
        }
        appended.FlushRows();
        Assert.That(appended.RowCount, Is.EqualTo(1000));
        Assert.That(appended.FeatureComoment().ToArray(), Is.EqualTo(added.FeatureComoment().ToArray()));
        Assert.That(appended.CrossComoment().ToArray(), Is.EqualTo(added.CrossComoment().ToArray()));
        Assert.That(appended.TargetComoment().ToArray(), Is.EqualTo(added.TargetComoment().ToArray()));
        Assert.That(appended.FeatureMeans(), Is.EqualTo(added.FeatureMeans()));
        Assert.That(appended.WeightSum, Is.EqualTo(added.WeightSum));

        // Features 3..6 and targets 2, 0 of the joined statistics are, bit for bit, the statistics of those columns alone.
        int[] features = [3, 4, 5, 6], targets = [2, 0];
        var alone = ProbeStatistics.Create(4, 2);
        alone.Add(Enumerable.Range(0, 1000).SelectMany(r => features.Select(f => x[r * 10 + f])).ToArray(),
            Enumerable.Range(0, 1000).SelectMany(r => targets.Select(t => y[r * 4 + t])).ToArray());
        var block = added.Select(features, targets);
        Assert.That(block.FeatureComoment().ToArray(), Is.EqualTo(alone.FeatureComoment().ToArray()));
        Assert.That(block.CrossComoment().ToArray(), Is.EqualTo(alone.CrossComoment().ToArray()));
        Assert.That(block.TargetComoment().ToArray(), Is.EqualTo(alone.TargetComoment().ToArray()));
        Assert.That(block.FeatureMeans(), Is.EqualTo(alone.FeatureMeans()));
        Assert.That(block.TargetMeans(), Is.EqualTo(alone.TargetMeans()));
    }

    [Test]
    public void Merge_equals_adding_all_rows_and_select_targets_keeps_columns()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(700, 10, 4, 0.3, 14);
        var a = ProbeStatistics.Create(10, 4);
        a.Add(x.AsSpan(0, 200 * 10), y.AsSpan(0, 200 * 4));
        var b = ProbeStatistics.Create(10, 4);
        b.Add(x.AsSpan(200 * 10), y.AsSpan(200 * 4));
        var merged = a.Clone();
        merged.Merge(b);
        var all = ProbeStatistics.Create(10, 4);
        all.Add(x, y);
        Assert.That((merged.CrossComoment() - all.CrossComoment()).Enumerate().Max(Math.Abs), Is.LessThan(1e-9));
        Assert.That((merged.FeatureComoment() - all.FeatureComoment()).Enumerate().Max(Math.Abs), Is.LessThan(1e-9));
        var sel = all.SelectTargets(3, 1);
        Assert.That(sel.TargetCount, Is.EqualTo(2));
        Assert.That(sel.CrossComoment()[5, 0], Is.EqualTo(all.CrossComoment()[5, 3]));
        Assert.That(sel.TargetComoment()[0, 1], Is.EqualTo(all.TargetComoment()[3, 1]));
        Assert.That(sel.TargetMeans()[1], Is.EqualTo(all.TargetMeans()[1]));
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(8)]
    [TestCase(13)]
    [TestCase(30)]
    [TestCase(393)]
    public void Vector_kernel_equals_scalar_kernel(int q)
    {
        int rows = 37;
        int mp = GramKernel.PaddedDimension(q);
        var packed = new double[mp * rows];
        var rng = new Random(q);
        int stride = rows * GramKernel.PanelWidth;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < q; c++)
                packed[(c / 8) * stride + r * 8 + c % 8] = rng.NextDouble() - 0.5;
        var v = new double[mp * mp];
        var s = new double[mp * mp];
        GramKernel.AddUpper(packed, rows, rows, q, v, mp);
        GramKernel.AddUpperScalar(packed, rows, rows, q, s, mp);
        for (int i = 0; i < q; i++)
            for (int j = i; j < q; j++) Assert.That(v[i * mp + j], Is.EqualTo(s[i * mp + j]).Within(1e-12));
        // The 256- and 512-bit kernels run the same fused multiply-adds in the same order: the same bits.
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            var v256 = new double[mp * mp];
            var v512 = new double[mp * mp];
            GramKernel.AddUpperVector(packed, rows, rows, q, v256, mp);
            GramKernel.AddUpperVector512(packed, rows, rows, q, v512, mp);
            for (int i = 0; i < q; i++)
                for (int j = i; j < q; j++) Assert.That(v512[i * mp + j], Is.EqualTo(v256[i * mp + j]), $"({i}, {j})");
        }
    }

    [Test]
    public void Parallel_accumulation_equals_sequential_and_is_deterministic()
    {
        var (x, y, _, _) = LinearProbeTests.Planted(2000, 11, 2, 0.1, 15, featureOffset: 5);
        var batches = Enumerable.Range(0, 20)
            .Select(b => ProbeBatch.FromDouble(x[(b * 100 * 11)..((b + 1) * 100 * 11)], 11, y[(b * 200)..((b + 1) * 200)], 2))
            .ToList();
        var sequential = LinearProbe.OrdinaryLeastSquares.Fit(batches);
        var parallel = LinearProbe.OrdinaryLeastSquares.Fit(batches, degreeOfParallelism: 3);
        var again = LinearProbe.OrdinaryLeastSquares.Fit(batches, degreeOfParallelism: 3);
        Assert.That((sequential.Coefficients - parallel.Coefficients).Enumerate().Max(Math.Abs), Is.LessThan(1e-9));
        Assert.That(parallel.Coefficients.Enumerate(), Is.EqualTo(again.Coefficients.Enumerate()));
        Assert.That(ProbeStatistics.Accumulate(batches, degreeOfParallelism: 3).RowCount, Is.EqualTo(2000));
    }

    [Test]
    public void A_bad_batch_in_a_parallel_accumulation_surfaces_its_own_error()
    {
        var good = ProbeBatch.FromDouble([1, 2, 3, 4], 1, [1, 2, 3, 4], 1);
        var bad = ProbeBatch.FromDouble([1, double.PositiveInfinity], 1, [1, 2], 1);
        var batches = Enumerable.Repeat(good, 10).Append(bad).Concat(Enumerable.Repeat(good, 10));
        var ex = Assert.Throws<ArgumentException>(() => ProbeStatistics.Accumulate(batches, degreeOfParallelism: 2));
        Assert.That(ex!.Message, Does.Contain("feature 0 of row 1 of the batch is"));
    }
}
