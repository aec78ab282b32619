using LmOrganisms.InformationTheory;
using MathNet.Numerics.LinearAlgebra;

namespace LmOrganisms.InformationTheory.Tests;

public class FisherRaoPullbackTests
{
    private static (Matrix<double> W, Vector<double> B, Vector<double> H) Head(int v, int d, int seed)
    {
        var rng = new Random(seed);
        return (Matrix<double>.Build.Dense(v, d, (_, _) => rng.NextDouble() - 0.5),
            Vector<double>.Build.Dense(v, _ => rng.NextDouble() - 0.5),
            Vector<double>.Build.Dense(d, _ => rng.NextDouble() - 0.5));
    }

    private static double Kl(Vector<double> p, Vector<double> q) => p.Zip(q).Sum(t => t.First * Math.Log(t.First / t.Second));

    [Test]
    public void Half_the_quadratic_form_is_the_kl_to_second_order()
    {
        var (w, b, h) = Head(5, 3, 1);
        var g = FisherRao.Pullback(w, b, h);
        var direction = Vector<double>.Build.DenseOfArray([0.3, -0.5, 0.8]);
        foreach (double eps in new[] { 1e-2, 1e-3 })
        {
            var delta = eps * direction;
            double kl = Kl(new LinearHead(w, b).Probabilities(h), new LinearHead(w, b).Probabilities(h + delta));
            double quad = 0.5 * delta.DotProduct(g * delta);
            Assert.That(Math.Abs(kl - quad), Is.LessThan(10 * Math.Pow(eps, 3)));
        }
    }

    [Test]
    public void Rank_is_at_most_v_minus_one_and_the_bohning_bound_holds()
    {
        var (w, b, h) = Head(3, 6, 2); // V = 3 tokens, d = 6: rank ≤ 2
        var g = FisherRao.Pullback(w, b, h);
        Assert.That(g.Rank(), Is.EqualTo(2));
        Assert.That((g - g.Transpose()).FrobeniusNorm(), Is.LessThan(1e-15));
        var pv = Matrix<double>.Build.DenseIdentity(3) - Matrix<double>.Build.Dense(3, 3, 1.0 / 3);
        var gap = 0.5 * w.TransposeThisAndMultiply(pv * w) - g; // ½ WᵀP_V W − g* ⪰ 0
        Assert.That(gap.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real), Is.GreaterThan(-1e-12));
        var ex = Assert.Throws<ArgumentException>(() => FisherRao.Pullback(w, b, Vector<double>.Build.Dense(2)));
        Assert.That(ex!.Message, Does.Contain("h has 2 entries; the head reads 6"));
    }
}
