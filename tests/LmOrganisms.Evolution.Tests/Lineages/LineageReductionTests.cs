using LmOrganisms.Ecology;
using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

public class LineageReductionTests
{
    // Spec §4.10 "Lineage expectation == reduced step (1e-12)", with the repository check's setup (§3.10): 3 encodings,
    // 6 lineages [0,1,2,0,?,?], fitness U(0,1)+0.2, random row-stochastic Q; 20 seeds.
    [Test]
    public void SpecVector_LineageExpectationEqualsReducedStep()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var rng = new Random(20260312 + seed);
            int[] lineages = [0, 1, 2, 0, rng.Next(3), rng.Next(3)];
            var f = RandomPopulations.Uniform(rng, 3, 0.2, 1.2);
            var q = MutationKernel.FromRows(RandomPopulations.StochasticRows(rng, 3));
            var direct = LineageReduction.ExpectedOffspring(lineages, f, q);
            var reduced = ReplicatorMutator.Step(LineageReduction.TypeFrequencies(lineages, 3), f, q);
            Assert.That(direct, Is.EqualTo(reduced).Within(1e-12));
            Assert.That(direct.Sum(), Is.EqualTo(1).Within(1e-12));
        }
    }

    [Test]
    public void Reduce_CanonicalisesPartitions()
    {
        int[][] lineages = [[1, 1, 0], [0, 1, 2], [0, 0, 2], [5, 5, 5], [2, 2, 7]];
        var pop = LineageReduction.Reduce(lineages);
        Assert.That(pop.TypeCount, Is.EqualTo(3));
        Assert.That(pop.Encodings[0], Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(pop.Encodings[1], Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(pop.Encodings[2], Is.EqualTo(new[] { 0, 0, 0 }));
        Assert.That(pop.LineageTypes, Is.EqualTo(new[] { 0, 1, 0, 2, 0 }));
        Assert.That(pop.Frequencies, Is.EqualTo(new[] { 0.6, 0.2, 0.2 }).Within(1e-15));
        Assert.That(pop.LineageCount, Is.EqualTo(5));
    }

    // Prop 44 end to end on the spec's T2 ecology (§4.3: P = (.9,.1) vs (.1,.9), π uniform; merged excess
    // 0.3680642072): fitness F = C − Δ_D(p) on the lineages' induced partitions; the lineage-level expectation equals the
    // replicator–mutator step on encoding frequencies.
    [Test]
    public void Prop44_ExcessFitnessOnT2Ecology()
    {
        var eco = FiniteEcology.Create(["w1", "w2"], [0.5, 0.5], ["c"], [1.0], ["a", "b"],
            [[[0.9, 0.1]], [[0.1, 0.9]]]);
        int[][] lineages = [[0, 1], [0, 0], [3, 4], [1, 0], [2, 2]];
        var pop = LineageReduction.Reduce(lineages);
        var excess = pop.Encodings.Select(e => JsExcess(eco, e)).ToArray();
        Assert.That(excess[0], Is.EqualTo(0).Within(1e-15));              // identity partition: zero excess
        Assert.That(excess[1], Is.EqualTo(0.3680642072).Within(1e-10));   // merged: ln 2 − H(.9,.1)
        var f = Fitness.Linear(excess, 1.0);
        var q = MutationKernel.FromRows([[0.95, 0.05], [0.1, 0.9]]);
        var direct = LineageReduction.ExpectedOffspring(pop.LineageTypes, f, q);
        var reduced = ReplicatorMutator.Step(pop.Frequencies, f, q);
        Assert.That(direct, Is.EqualTo(reduced).Within(1e-12));
        // Selection favours the veridical (identity) encoding: its expected frequency rises above 0.6·0.95 + 0.4·0.1.
        Assert.That(direct[0], Is.GreaterThan((0.6 * 0.95) + (0.4 * 0.1)));
    }

    // Sampled lineage generations average to the lineage-level expectation: per type, sd ≤ √(1/(4 n R)); allow 5 sd.
    [Test]
    public void SampleNextGeneration_MeanMatchesExpectation()
    {
        int[] lineages = [0, 0, 1, 2, 2, 2, 1, 0];
        double[] f = [1.0, 0.4, 2.0];
        var q = MutationKernel.FromRows([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.05, 0.05, 0.9]]);
        var expected = LineageReduction.ExpectedOffspring(lineages, f, q);
        const int reps = 5000;
        var mean = new double[3];
        for (int r = 0; r < reps; r++)
        {
            var next = LineageReduction.SampleNextGeneration(lineages, f, q, seed: r);
            foreach (int z in next) mean[z] += 1.0 / lineages.Length / reps;
        }
        Assert.That(mean, Is.EqualTo(expected).Within(5 * Math.Sqrt(1.0 / (4.0 * lineages.Length * reps))));
        var first = LineageReduction.SampleNextGeneration(lineages, f, q, 3);
        var second = LineageReduction.SampleNextGeneration(lineages, f, q, 3);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void BadInputs_NameTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => LineageReduction.Reduce([[0, 1], [0, 1, 2]]));
        Assert.That(ex!.Message, Does.Contain("lineage 1 has 3 labels, expected 2"));
        var ex2 = Assert.Throws<ArgumentException>(() => LineageReduction.Reduce([[0, -1]]));
        Assert.That(ex2!.Message, Does.Contain("World 1 of lineage 0's encoding has label -1"));
        var ex3 = Assert.Throws<ArgumentException>(() => LineageReduction.ExpectedOffspring([0, 3], [1, 1], MutationKernel.Identity(2)));
        Assert.That(ex3!.Message, Does.Contain("Lineage 1 has encoding type 3"));
    }

    /// <summary>Independent JS excess of a partition (spec §1.4, Thm 8): E_c Σ_x π_x [H(P̄_x) − Σ α_x(w) H(P_w)].</summary>
    private static double JsExcess(FiniteEcology e, int[] labels)
    {
        double total = 0;
        int cells = labels.Max() + 1;
        for (int c = 0; c < e.ContextCount; c++)
            for (int x = 0; x < cells; x++)
            {
                double pix = 0;
                var mix = new double[e.VocabularySize];
                double within = 0;
                for (int w = 0; w < e.WorldCount; w++)
                {
                    if (labels[w] != x) continue;
                    pix += e.Priors[w];
                    for (int v = 0; v < e.VocabularySize; v++) mix[v] += e.Priors[w] * e[w, c, v];
                    within += e.Priors[w] * H(e.Next(w, c).ToArray());
                }
                if (pix == 0) continue;
                for (int v = 0; v < mix.Length; v++) mix[v] /= pix;
                total += e.ContextWeights[c] * ((pix * H(mix)) - within);
            }
        return total;
    }

    private static double H(double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
}
