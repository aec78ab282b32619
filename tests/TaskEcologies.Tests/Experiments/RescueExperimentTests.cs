using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

[NonParallelizable]
public sealed class RescueExperimentTests
{
    private static readonly RescueOptions Tiny = RescueOptions.Quick with
    {
        BodyLength = 3, BaseSteps = 20, PostSteps = 10, Alphas = [0, 0.5, 1], PopulationSize = 3, Generations = 2, PopulationSteps = 5,
        CalibrationSequences = 16, BatchSize = 8,
    };

    private static readonly HiddenMarkovProcess W1 = RescueExperiment.World1;
    private static readonly HiddenMarkovProcess W2 = RescueExperiment.World2(0.15);

    [Test]
    public void AlphaStarIsTheClosedFormOfProp47()
    {
        foreach (double epsilon in new[] { 0.001, 0.01, 0.05 })
        {
            var t = RescueExperiment.Theory(W1, W2, 4, epsilon, false);
            Assert.That(t.TokenSeparation, Is.LessThan(1e-28));
            Assert.That(t.EvaluationSeparation, Is.EqualTo(1).Within(1e-15));
            Assert.That(t.AlphaStar, Is.EqualTo((epsilon - t.TokenSeparation) / (1 - t.TokenSeparation)).Within(1e-15));
            Assert.That(t.IsGapPair, Is.True);
            var context = RescueExperiment.ContextTokenEcology(W1, W2, 4);
            Assert.That(t.ContextTokenSeparation, Is.EqualTo(context.TaskDistance(0, 1)).Within(1e-15));
            if (t.ContextTokenSeparation <= epsilon)
                Assert.That(t.ContextAlphaStar!.Value, Is.EqualTo((epsilon - t.ContextTokenSeparation) / (1 - t.ContextTokenSeparation)).Within(1e-14));
            else Assert.That(t.ContextAlphaStar, Is.Null);
        }
        // The twins' full-context separation at B = 4 lies between the two small thresholds above.
        Assert.That(RescueExperiment.Theory(W1, W2, 4, 0.001, false).ContextAlphaStar, Is.Null);
        Assert.That(RescueExperiment.Theory(W1, W2, 4, 0.05, false).ContextAlphaStar, Is.Not.Null);
    }

    [Test]
    public void TheInjectedMixtureResolvesThePairExactlyAboveAlphaStar()
    {
        var token = RescueExperiment.ContextTokenEcology(W1, W2, 4);
        var evaluation = RescueExperiment.EvaluationEcology(W1, W2, 4);
        const double epsilon = 0.05;
        double star = EcologyInjection.AlphaStar(token, evaluation, 0, 1, epsilon);
        Assert.That(FiniteEcology.Mixture(token, evaluation, star + 1e-6).TaskDistance(0, 1), Is.GreaterThan(epsilon));
        Assert.That(FiniteEcology.Mixture(token, evaluation, star - 1e-6).TaskDistance(0, 1), Is.LessThan(epsilon));
        Assert.That(FiniteEcology.Mixture(token, evaluation, star).TaskDistance(0, 1), Is.EqualTo(epsilon).Within(1e-14));
    }

    [Test]
    public void BayesSummaryLossIsLnTwoWhileTheBodyCannotTellTheTwinsApart()
    {
        // Twins share every block of ≤ 2 tokens, so a body of ≤ 2 tokens carries no evidence: E[H(W | body)] = ln 2.
        Assert.That(RescueExperiment.BayesSummaryCrossEntropy(W1, W2, 1), Is.EqualTo(Math.Log(2)).Within(1e-12));
        Assert.That(RescueExperiment.BayesSummaryCrossEntropy(W1, W2, 2), Is.EqualTo(Math.Log(2)).Within(1e-12));
        double three = RescueExperiment.BayesSummaryCrossEntropy(W1, W2, 3), six = RescueExperiment.BayesSummaryCrossEntropy(W1, W2, 6);
        Assert.That(three, Is.LessThan(Math.Log(2) - 1e-6));
        Assert.That(six, Is.LessThan(three));
    }

    [Test]
    public void TheDefaultPairIsExactlyUnseparatedByTokensAndRevealedByBodies()
    {
        Assert.That(RescueOptions.Quick.Pair, Is.EqualTo(RescuePair.NoisyEcho));
        var (uniform, echo) = RescueExperiment.Worlds(RescueOptions.Quick);
        Assert.That((uniform.Name, echo.Name), Is.EqualTo(("uniform", "echo")));
        var t = RescueExperiment.Theory(uniform, echo, 6, 0.01, false);
        Assert.That(t.TokenSeparation, Is.LessThan(1e-28));
        Assert.That(t.IsGapPair, Is.True);
        Assert.That(t.BayesSummaryCrossEntropy, Is.EqualTo(GapWorlds.EchoSummaryCrossEntropy(0.1, 6)).Within(1e-12));
        Assert.That(RescueExperiment.BayesSummaryCrossEntropy(uniform, echo, RescueOptions.Quick.BodyLength), Is.LessThan(0.1));
        var (u2, sum) = RescueExperiment.Worlds(RescueOptions.Quick with { Pair = RescuePair.SumThree });
        Assert.That(RescueExperiment.TokenEcology(u2, sum, 6).TaskDistance(0, 1), Is.LessThan(1e-28));
        var (m1, m2) = RescueExperiment.Worlds(RescueOptions.Quick with { Pair = RescuePair.Mess3Twin });
        Assert.That((m1.Name, m2.Name), Is.EqualTo(("mess3", "mess3-twin")));
    }

    [Test]
    public void RecipeWorldLabelsAFractionAlphaOfTheSequences()
    {
        const int rows = 4000, length = 5;
        foreach (double alpha in new[] { 0.0, 0.3, 1.0 })
        {
            var buffer = new int[rows * length];
            RescueExperiment.RecipeWorld(W1, W2, 4, alpha).Sample(buffer, rows, length, 7);
            int labelled = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int k = 0; k < 4; k++) Assert.That(buffer[(r * length) + k], Is.LessThan(3));
                if (buffer[(r * length) + 4] >= 3) labelled++;
            }
            Assert.That(labelled / (double)rows, Is.EqualTo(alpha).Within(0.03), $"α = {alpha}");
        }
    }

    [Test]
    public void TinyRunRecordsSweepAndPopulationAndIsDeterministic()
    {
        var a = RescueExperiment.Run(Tiny);
        var b = RescueExperiment.Run(Tiny);
        Assert.That(a.Sweep.Select(p => p.Alpha), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }));
        Assert.That(a.Sweep[0].NormalisedSignal, Is.EqualTo(0));
        Assert.That(a.Sweep[2].NormalisedSignal, Is.EqualTo(1));
        Assert.That(a.CalibrationDistances, Has.Count.EqualTo(30));
        Assert.That(a.Theory.EpsilonCalibrated, Is.True);
        Assert.That(a.Theory.AlphaStar, Is.EqualTo(a.Theory.Epsilon).Within(1e-15));
        foreach (var p in a.Sweep) Assert.That(p.SummaryCrossEntropy, Is.GreaterThanOrEqualTo(a.Theory.BayesSummaryCrossEntropy - 1e-9));
        Assert.That(a.Generations, Has.Count.EqualTo(2));
        foreach (var g in a.Generations)
        {
            Assert.That(g.Traits, Has.Count.EqualTo(3));
            Assert.That(g.Traits, Has.All.InRange(0.0, 1.0));
            double selected = g.Traits.Select((t, i) => t * g.Fitness[i]).Sum() / g.Fitness.Sum();
            Assert.That(g.SelectedMeanTrait, Is.EqualTo(selected).Within(1e-14));
            for (int i = 0; i < 3; i++) Assert.That(g.Fitness[i], Is.EqualTo(Math.Exp(-g.SummaryCrossEntropy[i])).Within(1e-15));
        }
        Assert.That(a.Sweep.Select(p => p.SummaryCrossEntropy), Is.EqualTo(b.Sweep.Select(p => p.SummaryCrossEntropy)));
        Assert.That(a.Generations.Select(g => g.MeanTrait), Is.EqualTo(b.Generations.Select(g => g.MeanTrait)));
        Assert.That(a.Theory.Epsilon, Is.EqualTo(b.Theory.Epsilon));
    }

    [Test]
    public void BadOptionsAreRejectedWithTheirName()
    {
        var e = Assert.Throws<ArgumentException>(() => RescueExperiment.Run(Tiny with { Alphas = [0.5, 1] }));
        Assert.That(e!.Message, Does.Contain("Alphas"));
        e = Assert.Throws<ArgumentException>(() => RescueExperiment.Run(Tiny with { Epsilon = 1.5 }));
        Assert.That(e!.Message, Does.Contain("Epsilon"));
        e = Assert.Throws<ArgumentException>(() => RescueExperiment.Run(Tiny with { EchoNoise = 0 }));
        Assert.That(e!.Message, Does.Contain("EchoNoise"));
    }
}
