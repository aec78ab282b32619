using LmOrganisms.Probing;

namespace LmOrganisms.Probing.Tests;

public class PairwiseDistancesTests
{
    [Test]
    public void Equal_up_to_similarity_gives_one()
    {
        var rng = new Random(1);
        var a = Enumerable.Range(0, 60).Select(_ => rng.NextDouble()).ToArray(); // 20 rows × 3
        // b = 2.5 · rotation(a) + shift, in 3-d (rotate the first two coordinates by 30°): distances scale by 2.5.
        var b = new double[60];
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        for (int r = 0; r < 20; r++)
        {
            b[3 * r] = 2.5 * (c * a[3 * r] - s * a[3 * r + 1]) + 1;
            b[3 * r + 1] = 2.5 * (s * a[3 * r] + c * a[3 * r + 1]) - 4;
            b[3 * r + 2] = 2.5 * a[3 * r + 2];
        }
        Assert.That(PairwiseDistances.RSquared(a, 3, b, 3), Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Matches_a_direct_pearson_computation_over_pairs()
    {
        var rng = new Random(2);
        var a = Enumerable.Range(0, 40).Select(_ => rng.NextDouble()).ToArray(); // 10 rows × 4
        var b = Enumerable.Range(0, 20).Select(_ => rng.NextDouble()).ToArray(); // 10 rows × 2
        var da = new List<double>();
        var db = new List<double>();
        for (int i = 0; i < 10; i++)
            for (int j = i + 1; j < 10; j++)
            {
                da.Add(Math.Sqrt(Enumerable.Range(0, 4).Sum(k => Math.Pow(a[4 * i + k] - a[4 * j + k], 2))));
                db.Add(Math.Sqrt(Enumerable.Range(0, 2).Sum(k => Math.Pow(b[2 * i + k] - b[2 * j + k], 2))));
            }
        double ma = da.Average(), mb = db.Average();
        double sab = da.Zip(db).Sum(p => (p.First - ma) * (p.Second - mb));
        double saa = da.Sum(x => (x - ma) * (x - ma)), sbb = db.Sum(x => (x - mb) * (x - mb));
        Assert.That(da, Has.Count.EqualTo(45));
        Assert.That(PairwiseDistances.RSquared(a, 4, b, 2), Is.EqualTo(sab * sab / (saa * sbb)).Within(1e-12));
    }

    [Test]
    public void Bad_shapes_are_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => PairwiseDistances.RSquared(new double[6], 2, new double[4], 2));
        Assert.That(ex!.Message, Does.Contain("a has 3 rows but b has 2"));
        ex = Assert.Throws<ArgumentException>(() => PairwiseDistances.RSquared(new double[6], 2, new double[6], 2));
        Assert.That(ex!.Message, Does.Contain("distances of a are equal"));
    }
}
