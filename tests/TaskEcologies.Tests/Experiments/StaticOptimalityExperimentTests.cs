using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Evolution;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

public sealed class StaticOptimalityExperimentTests
{
    /// <summary>Tiny scale: T = 1 and 2, one seed, 60 steps, 24 warm-ups (a few seconds).</summary>
    private static readonly StaticOptimalityOptions Tiny = StaticOptimalityOptions.Quick with
    {
        WorldCounts = [1, 2],
        Seeds = 1,
        Steps = 60,
        BatchSize = 8,
        DModel = 8,
        ModelContext = 12,
        WarmupLength = 6,
        Warmups = 24,
    };

    private static readonly string[] Texts =
    [
        "the cat sat on the mat and the dog sat on the log while the sun was hot and the cat ran to the hat " +
        "then the dog ran to the cat and the rat sat on the mat with the hat on the log by the pond at noon",
        "zyx wvu zyx tsr qpo zyx wvu nml kji zyx hgf edc zyx wvu tsr qpo nml zyx kji hgf zyx wvu edc zyx tsr " +
        "qpo nml zyx wvu kji hgf zyx edc tsr zyx wvu qpo nml zyx kji hgf edc zyx wvu zyx tsr qpo nml kji zyx",
    ];

    [Test]
    public void RecordsAreCompleteAndConsistent()
    {
        var r = StaticOptimalityExperiment.Run(Tiny);
        Assert.That(r.Runs, Has.Count.EqualTo(2));
        Assert.That(r.Conditions.Select(c => c.WorldCount), Is.EqualTo(new[] { 1, 2 }));
        foreach (var run in r.Runs)
        {
            Assert.That(run.ExactClasses, Is.EqualTo(run.WorldCount));
            Assert.That(run.Classes, Is.InRange(1, run.WorldCount));
            Assert.That(run.Labels, Has.Length.EqualTo(run.WorldCount));
            Assert.That(run.SeparatedPairs, Is.InRange(0, run.WorldCount * (run.WorldCount - 1) / 2));
            Assert.That(run.Distances, Has.Length.EqualTo(run.WorldCount));
            Assert.That(run.BayesLoss, Is.GreaterThanOrEqualTo(run.Floor - 1e-12));
            Assert.That(run.BayesLoss - run.Floor, Is.EqualTo(run.JsExcess).Within(1e-12));
            if (run.ExcessRatio is { } ratio) Assert.That(ratio, Is.EqualTo(1).Within(1e-9));
            else Assert.That(run.JsExcess, Is.EqualTo(0).Within(1e-12));
            Assert.That(run.ApproximationGap, Is.EqualTo(run.ModelContextLoss - run.BayesLoss).Within(1e-12));
            Assert.That(run.ModelContextLoss, Is.GreaterThanOrEqualTo(run.Floor - 1e-12)); // Gibbs: CE(P, q) ≥ H(P) on every context
            Assert.That(run.TrainingLoss, Is.GreaterThan(0).And.LessThan(2));
            Assert.That(run.Threshold, Is.GreaterThanOrEqualTo(0));
        }
        Assert.That(r.Runs[0].Classes, Is.EqualTo(1));
        Assert.That(r.Runs[0].Floor, Is.EqualTo(r.Runs[0].BayesLoss).Within(1e-12));
        Assert.That(r.ExcessRatioIsOne(), Is.True);
        Assert.That(r.Ideal.Select(x => x.WorldCount), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(r.Ideal.All(x => x.TrainingLoss is null), Is.True);
        Assert.That(r.TextRuns, Is.Empty);
        Assert.That(ExperimentReport.ToJson(r), Does.Contain("\"ExactClasses\""));
    }

    [Test]
    public void DeterministicForASeed()
    {
        var options = Tiny with { WorldCounts = [2] };
        var a = StaticOptimalityExperiment.Run(options).Runs[0];
        var b = StaticOptimalityExperiment.Run(options).Runs[0];
        Assert.That(a.Distances, Is.EqualTo(b.Distances));
        Assert.That((a.Labels, a.Threshold, a.TrainingLoss, a.ModelContextLoss), Is.EqualTo((b.Labels, b.Threshold, b.TrainingLoss, b.ModelContextLoss)));
        var c = StaticOptimalityExperiment.Run(options with { Seed = 2 }).Runs[0];
        Assert.That(c.TrainingLoss, Is.Not.EqualTo(a.TrainingLoss));
    }

    [Test]
    public void TextWorldsAreMeasuredWithTheEmpiricalPrefixEcology()
    {
        var corpus = TextCorpus.FromTexts([new("english", Texts[0]), new("letters", Texts[1])],
            TextCorpusOptions.Default with { ChunkLength = 12, TrainFraction = 0.7 });
        var options = Tiny with { WorldCounts = [1, 2], Corpus = corpus, PrefixLengths = [2, 3] };
        var r = StaticOptimalityExperiment.Run(options with { WorldCounts = [2] });
        Assert.That(r.TextRuns, Has.Count.EqualTo(1));
        var run = r.TextRuns[0];
        Assert.That(run.Worlds, Is.EqualTo(new[] { "english", "letters" }));
        // the two texts share no letter at positions 2 and 3 of a chunk, so the empirical ecology separates them
        Assert.That(run.ExactClasses, Is.EqualTo(2));
        Assert.That(run.Classes, Is.InRange(1, 2));
        Assert.That(run.BayesLoss - run.Floor, Is.EqualTo(run.JsExcess).Within(1e-12));
        Assert.That(run.ApproximationGap, Is.EqualTo(run.ModelContextLoss - run.BayesLoss).Within(1e-12));
        Assert.That(r.TextConditions.Single().WorldCount, Is.EqualTo(2));
        Assert.That(ExperimentReport.ToJson(r), Does.Not.Contain("the cat sat"));
    }

    [Test]
    public void TooLittleTextIsRejectedByName()
    {
        var shortText = TextCorpus.FromTexts([new("short", "abcde fghij")], TextCorpusOptions.Default with { ChunkLength = 4, Overlap = 1 });
        var e = Assert.Throws<ArgumentException>(() => StaticOptimalityExperiment.Run(Tiny with { WorldCounts = [1], Corpus = shortText }));
        Assert.That(e!.Message, Does.Contain("'short'"));
        e = Assert.Throws<ArgumentException>(() => StaticOptimalityExperiment.Run(Tiny with { WarmupLength = 12 }));
        Assert.That(e!.Message, Does.Contain("ModelContext"));
    }
}
