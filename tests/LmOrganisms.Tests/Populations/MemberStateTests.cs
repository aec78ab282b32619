using LmOrganisms.Populations;
using static LmOrganisms.Tests.TinyPopulation;

namespace LmOrganisms.Tests;

/// <summary>A member's state is the byte encoding of a <see cref="TrainerState"/>.</summary>
[NonParallelizable]
public sealed class MemberStateTests
{
    [Test]
    public void MemberStatesAreTrainerStatesWithMomentsExactlyWhenTheOptimiserIsInherited([Values] bool reset)
    {
        var run = Population.Run(Options(size: 2, generations: 1) with { ResetOptimizer = reset }, Recipe, Risk);
        foreach (var member in run.Members)
        {
            var state = TrainerState.FromBytes(member.State, $"member {member.Id}");
            Assert.That(state.Config, Is.EqualTo(Config));
            Assert.That(state.FirstMoments is null, Is.EqualTo(reset));
            Assert.That(state.SecondMoments is null, Is.EqualTo(reset));
            // Inherited optimiser state carries the step counter of the whole lineage: initial training, then development.
            int steps = reset ? Options().Development.Steps : Options().InitialTraining.Steps + Options().Development.Steps;
            Assert.That(state.Step, Is.EqualTo(steps));
            Assert.That(state.Losses, Has.Count.EqualTo(steps));
            using var model = member.ToTransformer();
            using var fromState = Transformer.FromState(state);
            Assert.That(Weights(model), Is.EqualTo(Weights(fromState)));
        }
    }

    [Test]
    public void AStateOfAnotherConfigurationIsRefusedNamingTheMember()
    {
        var run = Population.Run(Options(size: 2, generations: 0), Recipe, Risk);
        var task = new MemberTask(9, run.Members[0].Id, 1, 0.5, Config with { DMlp = 16 }, 0, run.Members[0].State,
            Options().Development, true, 0, 1, 0, 2, TraitRange.Unit);
        var e = Assert.Throws<ArgumentException>(() => MemberStep.Run(task, Recipe, Risk));
        Assert.That(e!.Message, Does.Contain("member 9").And.Contain("\"DMlp\": 16"));
    }
}
