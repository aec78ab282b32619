using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class DecompositionExperimentTests
{
    private static readonly DecompositionResult Quick = DecompositionExperiment.Run(DecompositionOptions.Quick);

    [Test]
    public void Exp0IdentitiesHoldToMachinePrecisionWithNoFailures()
    {
        Assert.That(Quick.Points, Has.Count.EqualTo(24 * 15));
        Assert.That(Quick.MaxDecompositionGap, Is.LessThan(1e-12));
        Assert.That(Quick.MaxSplitIdentityGap, Is.LessThan(1e-12));
        Assert.That(Quick.SplitChecks, Is.GreaterThan(1000));
        Assert.That(Quick.ZeroExcessFailures, Is.Zero);
        Assert.That(Quick.MinimumComplexityFailures, Is.Zero);
    }

    [Test]
    public void IllustrativeThresholdChangesSignAtBetaStar()
    {
        var il = Quick.Illustrative;
        Assert.That(il.BetaStar, Is.InRange(1e-3, 0.5));
        Assert.That(il.Threshold[0].MergeMinusSplit, Is.GreaterThan(0));
        Assert.That(il.Threshold[1].MergeMinusSplit, Is.EqualTo(0).Within(1e-14));
        Assert.That(il.Threshold[2].MergeMinusSplit, Is.LessThan(0));
        // symmetric about β*: the difference is linear in β (Thm 55)
        Assert.That(il.Threshold[0].MergeMinusSplit, Is.EqualTo(-il.Threshold[2].MergeMinusSplit).Within(1e-14));
        foreach (var t in il.Curve) Assert.That(t.MergeMinusSplit, Is.EqualTo(t.TheoremRhs).Within(1e-14));
        var eco = DecompositionExperiment.RandomEcology(il.Seed, 4, 3, 3);
        Assert.That(il.BetaStar, Is.EqualTo(eco.BetaStar([il.World1], [il.World2])).Within(1e-15));
        // the optimum only coarsens as β grows, from the identity at β = 0 to one cell
        Assert.That(il.Optima[0].Classes, Is.EqualTo(4));
        for (int i = 1; i < il.Optima.Count; i++) Assert.That(il.Optima[i].Classes, Is.LessThanOrEqualTo(il.Optima[i - 1].Classes));
    }

    [Test]
    public void RandomEcologyFollowsTheExp0Recipe()
    {
        var e = DecompositionExperiment.RandomEcology(7, 4, 3, 3);
        Assert.That(e.WorldCount, Is.EqualTo(4));
        Assert.That(e.Priors.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(e.ContextWeights.Sum(), Is.EqualTo(1).Within(1e-15));
        for (int w = 0; w < 4; w++)
            for (int c = 0; c < 3; c++)
                for (int v = 0; v < 3; v++)
                    Assert.That(e[w, c, v], Is.GreaterThan(0.05 / 3.05 - 1e-15)); // (U + 0.05)/Σ with Σ ≤ 3.15
        Assert.That(DecompositionExperiment.RandomEcology(7, 4, 3, 3).ToArray(), Is.EqualTo(e.ToArray()));
    }

    [Test]
    public void SplitMergePathOfAPlantedEcologyOfProcesses()
    {
        // Two pairs of near-identical worlds far apart: the path merges within the pairs first (smallest β*), then the pairs.
        HiddenMarkovProcess[] worlds =
        [
            Processes.Mess3(0.05, 0.85).WithName("a1"), Processes.Mess3(0.06, 0.85).WithName("a2"),
            Processes.Mess3(0.45, 0.9).WithName("b1"), Processes.Mess3(0.44, 0.9).WithName("b2"),
        ];
        var path = DecompositionExperiment.ProcessPath(worlds, 2);
        Assert.That(path.ContextCount, Is.EqualTo(13));
        Assert.That(path.EnumerationAgrees, Is.True);
        Assert.That(path.Transitions, Has.Count.EqualTo(3));
        Assert.That(path.MatchingTransitions, Is.EqualTo(3));
        Assert.That(path.Transitions[^1].To, Is.EqualTo("{a1+a2+b1+b2}"));
        Assert.That(path.Transitions[1].To, Is.EqualTo("{a1+a2}{b1+b2}"));
        Assert.That(new[] { path.Transitions[0].To }, Is.SubsetOf(new[] { "{a1+a2}{b1}{b2}", "{a1}{a2}{b1+b2}" }));
        var eco = FiniteEcology.FromProcesses(worlds, 2);
        Assert.That(path.Transitions[0].Beta, Is.EqualTo(path.Singles[0].BetaStar).Within(1e-12));
        Assert.That(path.Frontier[0].Classes, Is.EqualTo(4));
        Assert.That(path.Frontier[0].Complexity, Is.EqualTo(Math.Log(4)).Within(1e-12));
        Assert.That(path.Frontier[^1].Excess, Is.EqualTo(eco.Excess(new int[4])).Within(1e-12));
        for (int i = 1; i < path.Transitions.Count; i++) Assert.That(path.Transitions[i].Beta, Is.GreaterThanOrEqualTo(path.Transitions[i - 1].Beta));
    }

    [Test]
    public void ProcessPathOfTheOrganismWorldsIsLocalAndChecked()
    {
        var p = Quick.Processes;
        Assert.That(p.Worlds, Is.EqualTo(OrganismWorlds.Names.Take(6)));
        Assert.That(p.EnumerationAgrees, Is.True);
        Assert.That(p.Transitions[^1].Classes, Is.EqualTo(1));
        Assert.That(p.Frontier, Has.Count.EqualTo(p.Transitions.Count + 1));
        Assert.That(p.Singles, Has.Count.EqualTo(15));
        Assert.That(p.Singles[0].A + "-" + p.Singles[0].B, Is.EqualTo("mess3-near"));
    }

    [Test]
    public void BadOptionsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => DecompositionExperiment.Run(DecompositionOptions.Quick with { Worlds = 1 }));
        Assert.That(e!.Message, Does.Contain("DecompositionOptions.Worlds").And.Contain("got 1"));
        e = Assert.Throws<ArgumentException>(() => DecompositionExperiment.Run(DecompositionOptions.Quick with { ProcessWorlds = 9 }));
        Assert.That(e!.Message, Does.Contain("ProcessWorlds"));
    }

    [Test]
    public void FullScaleRunsTheEightWorldPathWithContextsUpToThree()
    {
        var r = DecompositionExperiment.Run(DecompositionOptions.Full with { EcologyCount = 2 });
        Assert.That(r.Processes.Worlds, Has.Count.EqualTo(8));
        Assert.That(r.Processes.ContextCount, Is.EqualTo(1 + 3 + 9 + 27));
        Assert.That(r.Processes.EnumerationAgrees, Is.True);
        Assert.That(r.Processes.Transitions[^1].Classes, Is.EqualTo(1));
        Assert.That(r.MaxDecompositionGap, Is.LessThan(1e-12));
    }

    [Test]
    public void PresetsOfEveryExperimentAreValid()
    {
        Assert.DoesNotThrow(() => StaticOptimalityExperiment.MeasureIdeal(StaticOptimalityOptions.Full with { Warmups = 8 }, OrganismWorlds.First(2)));
        Assert.That(SimplicityPressureOptions.Full.Capacities, Has.Count.EqualTo(20));
        Assert.That(SimplicityPressureOptions.Quick.Capacities.Select(c => c.DModel).Distinct(), Is.EquivalentTo(new[] { 2, 4, 16 }));
        var e = Assert.Throws<ArgumentException>(() => StaticOptimalityExperiment.MeasureIdeal(StaticOptimalityOptions.Full with { Seeds = 0 }, OrganismWorlds.First(2)));
        Assert.That(e!.Message, Does.Contain("StaticOptimalityOptions.Seeds"));
    }
}
