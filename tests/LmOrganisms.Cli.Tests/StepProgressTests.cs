using LmOrganisms.Cli.Infrastructure;
using LmOrganisms.Transformers;

namespace LmOrganisms.Cli.Tests;

public sealed class StepProgressTests
{
    [Test]
    public void ForwardsEveryNthStepEvaluationsAndTheLastStepOnTheCallingThread()
    {
        var seen = new List<int>();
        int thread = Environment.CurrentManagedThreadId;
        var progress = new StepProgress(4, p =>
        {
            Assert.That(Environment.CurrentManagedThreadId, Is.EqualTo(thread));
            seen.Add(p.Step);
        });
        var evaluation = new LossEvaluation(6, [0.5], null);
        for (int step = 1; step <= 10; step++)
            progress.Report(new TrainingProgress(step, 10, 1.0, 1e-3, 0, step == 6 ? evaluation : null));
        Assert.That(seen, Is.EqualTo(new[] { 4, 6, 8, 10 }));
    }

    [Test]
    public void RefusesANonPositiveInterval() =>
        Assert.That(() => new StepProgress(0, _ => { }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("every"));
}
