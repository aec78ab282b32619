using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;
using MathNet.Numerics.Statistics;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Experiment 3 of samples/TaskEcologies: simplicity pressure on trained organisms (task-ecology paper Defs 53–56,
/// Thm 55, spec §1.10). Organisms of several widths and weight penalties are trained on the same mixture of
/// <see cref="OrganismWorlds"/>; the distinctions each one sheds (world pairs its induced partition merges) are compared
/// with the exact theory: the merge thresholds β* of the pairs, and the exact global split–merge path of
/// J_{D,β} = L* + β H(p(W)). The theory's J is an explicit model of simplicity bias, not of SGD; the experiment asks
/// whether capacity limits and weight decay shed distinctions in the same order.
/// </summary>
internal static class SimplicityPressureExperiment
{
    /// <summary>The experiment's short name in progress reports and output folders.</summary>
    public const string Name = "exp3-simplicity-pressure";

    /// <summary>Runs the experiment.</summary>
    public static SimplicityPressureResult Run(SimplicityPressureOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var worlds = OrganismWorlds.First(options.WorldCount);
        var names = worlds.Select(w => w.Name).ToArray();
        var ecology = FiniteEcology.FromProcesses(worlds, options.ContextLength);
        var (pairs, pairIndex) = DecompositionExperiment.SingletonThresholds(ecology, ecology.TaskDistanceMatrix());
        var path = DecompositionExperiment.ProcessPath(worlds, options.ContextLength, cancellationToken);
        var exactPath = ecology.GlobalPathExact(null, cancellationToken);
        var optimaByK = new Dictionary<int, int[]> { [SetPartition.NumClasses(exactPath.Start)] = exactPath.Start };
        foreach (var s in exactPath.Steps) optimaByK.TryAdd(SetPartition.NumClasses(s.To), s.To);

        var cheapest = SetPartition.AllPartitions(worlds.Count).Select(p => (Labels: p, Excess: ecology.Excess(p)))
            .GroupBy(p => SetPartition.NumClasses(p.Labels)).ToDictionary(g => g.Key, g => g.MinBy(p => p.Excess));

        SimplicityPressureRun Measure(ISequenceModel model, OrganismCapacity? capacity, int seedIndex, long parameters, double? loss, int seed)
        {
            var a = OrganismMeasurement.Analyse(model, worlds, ecology, options, seed, cancellationToken);
            var merged = pairIndex.Select(p => a.Labels[p.CellA] == a.Labels[p.CellB]).ToArray();
            optimaByK.TryGetValue(a.Classes, out var pathPartition);
            return new SimplicityPressureRun(capacity, seedIndex, parameters, a.Labels, DecompositionExperiment.CellNames(a.Labels, names), a.Classes,
                pairs.Where((_, k) => merged[k]).Select(p => $"{p.A}–{p.B}").ToArray(), MergedAreSmallest(pairs, merged),
                pathPartition is null ? null : DecompositionExperiment.CellNames(pathPartition, names),
                pathPartition is null ? null : SetPartition.Same(pathPartition, a.Labels),
                DecompositionExperiment.CellNames(cheapest[a.Classes].Labels, names), cheapest[a.Classes].Excess,
                Defined(Correlation.Spearman(pairIndex.Select(p => a.Distances[p.CellA][p.CellB]), pairs.Select(p => p.BetaStar))),
                a.Threshold, a.Distances, a.BayesLoss, a.JsExcess, a.ModelContextLoss, loss);
        }

        var ideal = Measure(new MixturePredictor(worlds), null, 0, 0, null, options.Seed * 1000);
        var runs = new List<SimplicityPressureRun>();
        var world = TrainingWorld.FromProcesses(worlds);
        for (int c = 0; c < options.Capacities.Count; c++)
            for (int i = 0; i < options.Seeds; i++)
            {
                var capacity = options.Capacities[c];
                int seed = options.Seed * 1000 + 10 * c + i;
                string stage = $"d_model {capacity.DModel}, weight decay {capacity.WeightDecay:G3}, seed {i + 1}/{options.Seeds}";
                var config = OrganismPresets.Tiny(worlds[0].AlphabetSize, options.ModelContext, capacity.DModel);
                var training = OrganismPresets.TinyTraining(options.Steps, seed + 50_000, options.LearningRate, options.BatchSize, capacity.WeightDecay);
                var (model, loss) = OrganismTraining.Train(config, seed, world, training, Name, stage + ": training", progress, cancellationToken);
                using (model)
                {
                    runs.Add(Measure(model.AsSequenceModel(), capacity, i, config.ParameterCount, loss, seed));
                    progress?.Report(new ExperimentProgress(Name, stage + ": measured", 1, 1));
                }
            }
        var frequency = pairIndex.Select(p => runs.Average(r => r.Labels[p.CellA] == r.Labels[p.CellB] ? 1.0 : 0.0)).ToArray();
        double? rho = frequency.Distinct().Count() > 1 ? Defined(Correlation.Spearman(frequency, pairs.Select(p => p.BetaStar))) : null;
        return new SimplicityPressureResult(options, names, ecology.Floor(), pairs, path, ideal, runs, frequency, rho, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Whether max β* over merged pairs ≤ min β* over separated pairs (<paramref name="pairs"/> sorted by β*).</summary>
    internal static bool MergedAreSmallest(IReadOnlyList<PairThreshold> pairs, IReadOnlyList<bool> merged)
    {
        double maxMerged = double.NegativeInfinity, minSeparated = double.PositiveInfinity;
        for (int k = 0; k < pairs.Count; k++)
            if (merged[k]) maxMerged = Math.Max(maxMerged, pairs[k].BetaStar);
            else minSeparated = Math.Min(minSeparated, pairs[k].BetaStar);
        return maxMerged <= minSeparated;
    }

    private static double? Defined(double x) => double.IsFinite(x) ? x : null;
}
