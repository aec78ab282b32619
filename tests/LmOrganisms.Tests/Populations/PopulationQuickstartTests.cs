using LmOrganisms.Populations;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.Transformers;

namespace LmOrganisms.Tests;

/// <summary>The "Populations of organisms" snippet of docs/evolution.md, compiled and checked.</summary>
public sealed class PopulationQuickstartTests
{
    [Test]
    public void DocsSnippet_RunsRecordsTelescopingStagesAndResumes()
    {
        var dir = TinyPopulation.TempDirectory();
        try
        {
            HiddenMarkovProcess[] worlds = [Processes.Mess3(), Processes.FromName("mess3:0.15,0.6")];
            var risk = HeldOutCrossEntropy.FromProcesses(worlds, sequences: 32, length: 17, seed: 1);
            TrainingWorld Recipe(double alpha) => TrainingWorld.FromProcesses(worlds, [1 - alpha, alpha]);

            var options = new PopulationOptions
            {
                Size = 4, Generations = 3, Seed = 42,
                Config = TransformerPresets.MicroGpt(vocabulary: 3, layers: 1, dModel: 16, heads: 4, contextLength: 16),
                InitialTraining = PopulationOptions.PaperInitialTraining with { Steps = 40 },
                Development = PopulationOptions.PaperDevelopment with { Steps = 5 },
                WeightNoise = 0.001, TraitNoise = 0.05, InitialTraits = [0.5, 0.5, 0.5, 0.5],
                StateDirectory = dir,
            };
            var run = Population.Run(options, Recipe, risk);
            Assert.That(run.Generations, Has.Count.EqualTo(3));
            foreach (var g in run.Generations)
                Assert.That(g.SelectionChange + g.DevelopmentChange + g.MutationChange, Is.EqualTo(g.MeanRisk - g.PreviousMeanRisk).Within(1e-12));
            var diagnostics = run.SelectionDiagnostics();
            Assert.That(diagnostics.Count, Is.EqualTo(3));
            // Initial training lowers the world-balanced CE below the untrained organisms' (≈ ln 3 = 1.0986).
            Assert.That(run.InitialMembers.Average(m => m.Risk), Is.LessThan(run.InitialMembers.Average(m => m.RiskBeforeDevelopment)));
            var resumed = Population.Resume(dir, Recipe, risk);
            TinyPopulation.AssertSameRun(resumed, run);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
