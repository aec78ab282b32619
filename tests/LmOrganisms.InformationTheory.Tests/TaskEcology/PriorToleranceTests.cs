namespace LmOrganisms.InformationTheory.Tests;

/// <summary>
/// Issue 14 §4: `lmo ecology analyse` failed with "Index was out of range" on a valid ecology whose priors sum to
/// 1 − 1.6e-14 (inside the 1e-9 tolerance). Cause: the split–merge paths stopped when the complexity of the current
/// partition fell to 1e-15, but the one-cell partition's complexity −π ln π is 1.6e-14 there, so both walked past the
/// end (the enumeration indexed parts[-1]; the subset programme asked the empty threshold table for its first row).
/// They now stop at the one-cell partition.
/// </summary>
public sealed class PriorToleranceTests
{
    /// <summary>The case of the report ("random1" with the w3 prior 0.1337413047522046), rebuilt: priors summing to
    /// 1 − 1.6e-14.</summary>
    internal static FiniteEcology Random1()
    {
        double[] priors = [0.2, 0.3, 0, 0.1337413047522046];
        priors[2] = 1 - 1.6e-14 - priors[0] - priors[1] - priors[3];
        var rng = new Random(1);
        var next = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3).Select(_ => Eco.Normalised(rng, 3)).ToArray()).ToArray();
        return Eco.Make(priors, [0.5, 0.25, 0.25], next);
    }

    [Test]
    public void Paths_end_at_one_cell_when_the_priors_sum_to_one_within_the_tolerance()
    {
        var e = Random1();
        Assert.That(1 - e.Priors.Sum(), Is.EqualTo(1.6e-14).Within(1e-15));
        var exact = e.GlobalPathExact();
        var enumerated = e.GlobalPath();
        Assert.That(exact.Steps[^1].To, Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(exact.Steps.Select(s => s.To), Is.EqualTo(enumerated.Steps.Select(s => s.To)));
        Assert.That(exact.Steps.Select(s => s.Beta), Is.EqualTo(enumerated.Steps.Select(s => s.Beta)).Within(1e-10));
        Assert.That(e.Curve().Steps, Is.Not.Empty);
        Assert.That(e.BetaMin(), Is.GreaterThan(0));
    }

    [TestCase(1 + 5e-10)]
    [TestCase(1 - 5e-10)]
    public void Paths_end_at_one_cell_at_the_edges_of_the_tolerance(double total)
    {
        var rng = new Random(3);
        var priors = Eco.Normalised(rng, 5).Select(p => p * total).ToArray();
        var e = Eco.Make(priors, [1.0], Enumerable.Range(0, 5).Select(_ => new[] { Eco.Normalised(rng, 3) }).ToArray());
        Assert.That(e.GlobalPathExact().Steps[^1].To, Is.EqualTo(new int[5]));
        Assert.That(e.GlobalPath().Steps[^1].To, Is.EqualTo(new int[5]));
    }

    [Test]
    public void A_world_of_negligible_prior_ends_the_path_in_one_step()
    {
        var rng = new Random(4);
        double[] priors = [0.5, 0.5 - 1e-300, 1e-300];
        var e = Eco.Make(priors, [1.0], Enumerable.Range(0, 3).Select(_ => new[] { Eco.Normalised(rng, 2) }).ToArray());
        foreach (var path in new[] { e.GlobalPathExact(), e.GlobalPath() })
        {
            Assert.That(path.Steps[^1].To, Is.EqualTo(new int[3]));
            Assert.That(path.Steps.All(s => double.IsFinite(s.Beta) && s.Beta >= 0), Is.True);
        }
    }

    [Test]
    public void BetaMin_streams_the_pairs_and_equals_the_threshold_table()
    {
        foreach (var e in Eco.Suite().Where((_, i) => i % 5 == 0).Append(Random1()))
        {
            var table = e.ThresholdTable(e.QuotientPartition());
            Assert.That(e.BetaMin(), Is.EqualTo(table.Count == 0 ? double.PositiveInfinity : table[0].Gain.BetaStar));
        }
    }
}
