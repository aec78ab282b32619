using System.Diagnostics;
using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The paper's Exp4, off-ecology failure (task-ecology paper App. E, Props 77–78; spec §1.11, §3.7), on worlds whose truth
/// is known exactly. Organisms are trained on three Mess3 variants (on-ecology) and evaluated on them, on two related
/// off-ecology worlds (Mess3 twins of two training worlds, <see cref="TwinWorlds"/>: the same laws on every context of
/// length ≤ 1, different on longer ones) and on an alien world (a noisy three-cycle Markov chain on the same alphabet).
/// Every score is exact: each world's 3^(n+1) words are enumerated, so CE is an expectation, not a held-out estimate,
/// and the excess is CE minus the world's own Bayes-optimal loss (better than the paper's specialist proxy). The exact
/// theory: the training ecology μ1 (contexts of length 1..L1) merges each twin pair, the deployment ecology μ2 (lengths
/// 1..n, what the organisms are scored on) separates them and strictly refines μ1, and Prop 77's lower bound is computed
/// for each twin pair next to the measured excess on the twin.
/// </summary>
internal static class OffEcologyExperiment
{
    /// <summary>Short name used in progress reports and output folders.</summary>
    public const string Name = "exp5-off-ecology";

    /// <summary>Tolerance on next-token laws under which two worlds count as unseparated: the twins' laws on short
    /// contexts agree exactly in real arithmetic and to rounding (≈ 1e-16) in double.</summary>
    public const double TwinTolerance = 1e-12;

    /// <summary>The on-ecology (training) worlds: Mess3(0.05, 0.85) "mess3", Mess3(0.05, 0.6) "soft" and Mess3(0.45, 0.9)
    /// "alternating" (<see cref="OrganismWorlds"/>).</summary>
    public static IReadOnlyList<HiddenMarkovProcess> OnWorlds { get; } =
        [OrganismWorlds.ByName("mess3"), OrganismWorlds.ByName("soft"), OrganismWorlds.ByName("alternating")];

    /// <summary>The related off-ecology worlds: the Mess3 twins with jump probability 0.15 of "mess3" and "soft".</summary>
    public static IReadOnlyList<HiddenMarkovProcess> RelatedWorlds { get; } =
    [
        TwinWorlds.Mess3Twin(0.05, 0.85, 0.15, "mess3-twin"),
        TwinWorlds.Mess3Twin(0.05, 0.6, 0.15, "soft-twin"),
    ];

    /// <summary>The alien world: a first-order Markov chain that steps A → B → C → A with probability 0.9 (0.05 to each
    /// other symbol), a directed cycle no Mess3 variant has.</summary>
    public static HiddenMarkovProcess AlienWorld { get; } = Processes.MarkovChain("cycle", ["A", "B", "C"], 1,
        [[0.05, 0.9, 0.05], [0.05, 0.05, 0.9], [0.9, 0.05, 0.05]]);

    /// <summary>All evaluation worlds in the order on, related, alien.</summary>
    public static IReadOnlyList<HiddenMarkovProcess> AllWorlds { get; } = [.. OnWorlds, .. RelatedWorlds, AlienWorld];

    /// <summary>
    /// The exact deployment ecology μ2 over <see cref="AllWorlds"/> (uniform prior): every word of length 1..n as a context
    /// (n = <paramref name="maxContextLength"/>, the organisms' context),
    /// the lengths equally weighted and words within a length by their pooled probability
    /// (<c>FiniteEcology.FromProcesses</c> with the empty context given weight 0). It scores what the organisms are scored
    /// on: the mean over positions 1..n of the next-token loss.
    /// </summary>
    public static FiniteEcology DeploymentEcology(int maxContextLength)
    {
        if (maxContextLength < 1) throw new ArgumentException($"maxContextLength is {maxContextLength}; expected at least 1.", nameof(maxContextLength));
        var pooled = FiniteEcology.FromProcesses(AllWorlds, maxContextLength);
        return pooled.WithContextLengths(1, maxContextLength);
    }

    /// <summary>The training ecology μ1: the deployment ecology's contexts of length 1..<paramref name="longest"/> only
    /// (lengths equally weighted), so the Mess3 twins are unseparated for <paramref name="longest"/> = 1.</summary>
    public static FiniteEcology TrainingEcology(FiniteEcology deployment, int longest)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.WithContextLengths(1, longest);
    }

    /// <summary>Runs the experiment.</summary>
    public static OffEcologyResult Run(OffEcologyOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int n = options.Context, models = options.Models;
        var worlds = AllWorlds;
        string[] categories = [.. OnWorlds.Select(_ => "on"), .. RelatedWorlds.Select(_ => "related"), "alien"];

        // Exact references: words, the world's own optimum, the ideal on-ecology organism.
        var words = worlds.Select(w => w.Words(n)).ToArray();
        var optimal = worlds.Select(w => w.Theory(n).OptimalLoss.Mean).ToArray();
        var idealOrganism = new MixturePredictor(OnWorlds);
        var ideal = worlds.Select((w, i) =>
            words[i].CrossEntropy(idealOrganism.NextTokenLaws(words[i].Tokens, words[i].Count, n)).Average()).ToArray();

        // Organisms.
        var ce = new double[worlds.Count][];
        var meanLaws = new double[worlds.Count][][][];
        for (int w = 0; w < worlds.Count; w++)
        {
            ce[w] = new double[models];
            meanLaws[w] = new double[models][][];
        }
        double trainingSeconds = 0;
        var world = TrainingWorld.FromProcesses(OnWorlds);
        for (int m = 0; m < models; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ExperimentProgress(Name, $"organism {m + 1}/{models}: training {options.Steps} steps", m, models));
            using var model = Transformer.Create(OrganismPresets.Tiny(3, contextLength: n), 100 * (options.Seed + m));
            var training = OrganismPresets.TinyTraining(options.Steps, (options.Seed * 1000) + m, options.LearningRate, options.BatchSize) with { SequenceLength = n };
            var trainClock = Stopwatch.StartNew();
            model.Train(world, training, cancellationToken: cancellationToken);
            trainingSeconds += trainClock.Elapsed.TotalSeconds;
            for (int w = 0; w < worlds.Count; w++)
            {
                var laws = model.AsSequenceModel(OrganismTraining.EvaluationBatch).NextTokenLaws(words[w].Tokens, words[w].Count, n);
                ce[w][m] = words[w].CrossEntropy(laws).Average();
                meanLaws[w][m] = words[w].MeanLaws(laws);
            }
        }
        progress?.Report(new ExperimentProgress(Name, "exact theory", models, models));

        var results = new OffEcologyWorld[worlds.Count];
        for (int w = 0; w < worlds.Count; w++)
        {
            double js = 0;
            int pairs = 0;
            for (int a = 0; a < models; a++)
                for (int b = a + 1; b < models; b++, pairs++)
                    js += BehaviouralDistance.Between(meanLaws[w][a], meanLaws[w][b]);
            results[w] = new OffEcologyWorld(worlds[w].Name, categories[w], Describe(worlds[w]), optimal[w], ideal[w], ideal[w] - optimal[w],
                ce[w], ce[w].Select(c => c - optimal[w]).ToArray(), js / pairs);
        }
        var categorySummaries = new[] { "on", "related", "alien" }.Select(c =>
        {
            var members = results.Where(r => r.Category == c).ToArray();
            return new OffEcologyCategory(c, members.Length, members.Average(r => r.CrossEntropy.Average()), members.Average(r => r.Excess.Average()),
                members.Average(r => r.IdealExcess), members.Average(r => r.MeanInterModelJs));
        }).ToArray();
        bool ordered = Increasing(categorySummaries.Select(c => c.MeanCrossEntropy)) && Increasing(categorySummaries.Select(c => c.MeanExcess))
            && Increasing(categorySummaries.Select(c => c.MeanInterModelJs));

        // Exact off-ecology theory.
        var deployment = DeploymentEcology(n);
        var trainingEcology = TrainingEcology(deployment, options.TrainingContextLength);
        var trainingLabels = trainingEcology.QuotientPartition(TwinTolerance);
        var bounds = new List<OffEcologyBound>();
        for (int i = 0; i < worlds.Count; i++)
            for (int j = i + 1; j < worlds.Count; j++)
                if (trainingLabels[i] == trainingLabels[j])
                {
                    double lower = OffEcology.ExcessLowerBound(deployment, i, j);
                    double mass = deployment.Priors[i] + deployment.Priors[j];
                    bounds.Add(new OffEcologyBound(worlds[i].Name, worlds[j].Name, trainingEcology.TaskDistance(i, j), deployment.TaskDistance(i, j),
                        lower, lower / mass, results[j].Excess.Average(), results[j].IdealExcess));
                }
        var deploymentLabels = deployment.QuotientPartition(TwinTolerance);
        bool strict = SetPartition.Refines(deploymentLabels, trainingLabels) && deploymentLabels.Max() > trainingLabels.Max();
        progress?.Report(new ExperimentProgress(Name, "done", models, models));
        return new OffEcologyResult(options, results, categorySummaries, ordered, trainingLabels.Max() + 1, deploymentLabels.Max() + 1, strict,
            deployment.Excess(trainingLabels), bounds, trainingSeconds, clock.Elapsed.TotalSeconds);
    }

    private static bool Increasing(IEnumerable<double> values)
    {
        var v = values.ToArray();
        for (int i = 1; i < v.Length; i++)
            if (!(v[i] > v[i - 1])) return false;
        return true;
    }

    private static string Describe(HiddenMarkovProcess process)
    {
        if (process == AlienWorld) return "Markov chain A→B→C→A w.p. 0.9";
        var (x, alpha) = process.Name switch
        {
            "mess3-twin" => (0.15, TwinWorlds.TwinAlpha(0.05, 0.85, 0.15)),
            "soft-twin" => (0.15, TwinWorlds.TwinAlpha(0.05, 0.6, 0.15)),
            _ => OrganismWorlds.Parameters(process.Name),
        };
        return FormattableString.Invariant($"Mess3(x = {x:G4}, α = {alpha:G4})");
    }
}
