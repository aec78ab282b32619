using LmOrganisms.Samples.TaskEcologies;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies.Tests;

[NonParallelizable]
public sealed class OffEcologyExperimentTests
{
    private static readonly OffEcologyOptions Tiny = OffEcologyOptions.Quick with { Models = 2, Steps = 30, Context = 3, BatchSize = 8 };

    [Test]
    public void TrainingEcologyMergesExactlyTheTwinsAndDeploymentStrictlyRefinesIt()
    {
        var deployment = OffEcologyExperiment.DeploymentEcology(4);
        var training = OffEcologyExperiment.TrainingEcology(deployment, 1);
        var labels = training.QuotientPartition(OffEcologyExperiment.TwinTolerance);
        // mess3 ~ mess3-twin (0, 3) and soft ~ soft-twin (1, 4); the rest apart.
        Assert.That(labels, Is.EqualTo(new[] { 0, 1, 2, 0, 1, 3 }));
        Assert.That(deployment.QuotientPartition(OffEcologyExperiment.TwinTolerance), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(training.TaskDistance(0, 3), Is.LessThan(1e-28));
        Assert.That(deployment.TaskDistance(0, 3), Is.GreaterThan(1e-3));
        // Context weights: lengths 1..4 equally weighted in μ2, only length 1 in μ1.
        double lengthOne = Enumerable.Range(0, deployment.ContextCount).Where(c => deployment.Contexts[c].Length == 1 && deployment.Contexts[c] != "ε")
            .Sum(c => deployment.ContextWeights[c]);
        Assert.That(lengthOne, Is.EqualTo(0.25).Within(1e-12));
        Assert.That(training.ContextWeights.Sum(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void BoundEqualsADirectComputationAndIsTightForTwoWorldCells()
    {
        var deployment = OffEcologyExperiment.DeploymentEcology(4);
        var training = OffEcologyExperiment.TrainingEcology(deployment, 1);
        var labels = training.QuotientPartition(OffEcologyExperiment.TwinTolerance);
        double sum = 0;
        foreach (var (i, j) in new[] { (0, 3), (1, 4) })
        {
            double lambda = deployment.Priors[i] / (deployment.Priors[i] + deployment.Priors[j]);
            double direct = 0;
            for (int c = 0; c < deployment.ContextCount; c++)
            {
                var p = deployment.Next(i, c).ToArray();
                var q = deployment.Next(j, c).ToArray();
                var m = p.Select((v, k) => (lambda * v) + ((1 - lambda) * q[k])).ToArray();
                direct += deployment.ContextWeights[c] * (H(m) - (lambda * H(p)) - ((1 - lambda) * H(q)));
            }
            direct *= deployment.Priors[i] + deployment.Priors[j];
            double bound = OffEcology.ExcessLowerBound(deployment, i, j);
            Assert.That(bound, Is.EqualTo(direct).Within(1e-14));
            Assert.That(bound, Is.GreaterThan(0));
            sum += bound;
        }
        // The two merged cells are exactly the pairs, so the deployment excess of the training quotient is their sum.
        Assert.That(deployment.Excess(labels), Is.EqualTo(sum).Within(1e-12));
    }

    [Test]
    public void TinyRunRecordsEveryWorldExactlyAndIsDeterministic()
    {
        var a = OffEcologyExperiment.Run(Tiny);
        var b = OffEcologyExperiment.Run(Tiny);
        Assert.That(a.Worlds, Has.Count.EqualTo(6));
        Assert.That(a.Categories.Select(c => c.Category), Is.EqualTo(new[] { "on", "related", "alien" }));
        Assert.That(a.Categories.Select(c => c.Worlds), Is.EqualTo(new[] { 3, 2, 1 }));
        Assert.That(a.Bounds, Has.Count.EqualTo(2));
        Assert.That(a.StrictlyRefines, Is.True);
        Assert.That((a.TrainingClasses, a.DeploymentClasses), Is.EqualTo((4, 6)));
        Assert.That(a.Bounds.Sum(x => x.LowerBound), Is.EqualTo(a.QuotientDeploymentExcess).Within(1e-12));
        for (int w = 0; w < 6; w++)
        {
            var x = a.Worlds[w];
            Assert.That(x.CrossEntropy, Has.Count.EqualTo(2));
            // No predictor beats the world's own Bayes-optimal loss; the ideal organism is such a predictor too.
            foreach (var e in x.Excess) Assert.That(e, Is.GreaterThanOrEqualTo(-1e-9));
            Assert.That(x.IdealExcess, Is.GreaterThanOrEqualTo(-1e-12));
            Assert.That(x.CrossEntropy, Is.EqualTo(b.Worlds[w].CrossEntropy));
            Assert.That(x.MeanInterModelJs, Is.EqualTo(b.Worlds[w].MeanInterModelJs));
        }
        // The alien cycle is far from every Mess3 variant: even the ideal organism pays more than 0.3 nats per token there.
        Assert.That(a.Worlds[5].IdealExcess, Is.GreaterThan(0.3));
    }

    [Test]
    public void BadOptionsAreRejectedWithTheirName()
    {
        var e = Assert.Throws<ArgumentException>(() => OffEcologyExperiment.Run(Tiny with { Models = 1 }));
        Assert.That(e!.Message, Does.Contain("Models"));
        e = Assert.Throws<ArgumentException>(() => OffEcologyExperiment.Run(Tiny with { TrainingContextLength = 3 }));
        Assert.That(e!.Message, Does.Contain("TrainingContextLength"));
    }

    private static double H(double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
}
