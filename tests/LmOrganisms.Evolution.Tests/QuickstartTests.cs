using LmOrganisms.Evolution;

namespace LmOrganisms.Evolution.Tests;

/// <summary>The snippet of docs/evolution.md, compiled and checked.</summary>
public class QuickstartTests
{
    [Test]
    public void DocsSnippet_RunsAndGivesTheStatedNumbers()
    {
        var q = MutationKernel.FromRows([[0.9, 0.1], [0.2, 0.8]]);
        double[] w = [1, 2];
        double[] next = ReplicatorMutator.Step([0.5, 0.5], w, q);
        var eq = ReplicatorMutator.Equilibrium(w, q);
        var run = ReplicatorMutator.Iterate([0.5, 0.5], w, q, tolerance: 1e-14);
        Assert.That(next[0], Is.EqualTo(0.4333333333).Within(1e-10));
        Assert.That(eq.Eigenvalue, Is.EqualTo(1.6531128874).Within(1e-10));
        Assert.That(run.Frequencies, Is.EqualTo(eq.Frequencies).Within(1e-12));

        var price = Price.Decompose([0.2, 0.3, 0.5], [1.0, 1.5, 0.5], [2.0, 1.0, 3.0], [2.1, 0.9, 3.0]);
        Assert.That(price.Change, Is.EqualTo(price.Selection + price.Transmission).Within(1e-14));

        double[] risks = [2.9, 3.0, 2.7, 3.1];
        double[] fitness = Fitness.Exponential(risks);
        var stats = SelectionStage.Statistics(risks, fitness, selectedCount: risks.Length);
        int[] parents = WrightFisher.SampleParents(fitness, risks.Length, seed: 42);
        double observed = SelectionStage.ObservedChange(risks, parents);
        Assert.That(stats.ExpectedChange, Is.LessThan(0)); // selection lowers mean risk in expectation
        Assert.That(double.IsFinite(stats.ZScore(observed)), Is.True);

        var pop = LineageReduction.Reduce([[0, 1, 2], [0, 0, 1], [1, 1, 0], [0, 1, 2]]);
        Assert.That(pop.Frequencies, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-15));
        double[] excess = [0.0, 0.12];
        var encodingFitness = Fitness.Linear(excess, ceiling: 1.0);
        var kernel = MutationKernel.Uniform(2, 0.05);
        var expected = LineageReduction.ExpectedOffspring(pop.LineageTypes, encodingFitness, kernel);
        Assert.That(expected, Is.EqualTo(ReplicatorMutator.Step(pop.Frequencies, encodingFitness, kernel)).Within(1e-15));

        var recipe = RecipeSelection.Select([0.6, 0.4], [0, 1], [Math.Exp(-1.2), Math.Exp(-0.4)]);
        Assert.That(recipe.SelectedMeanTrait, Is.EqualTo(0.5974).Within(1e-4));
    }
}
