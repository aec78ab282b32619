using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Experiment 1 of samples/TaskEcologies: the task-ecology paper's Exp0 (spec §3.3) — the exact decomposition
/// L* = floor + JS excess (Thm 8) on every partition of random finite ecologies, the split identity (Thm 55), the
/// zero-excess and minimum-complexity characterisations (Thm 30, Thm 50), an illustrative split threshold and the
/// optimum against β — plus the exact global split–merge path (spec §3.5) of an ecology of hidden-Markov worlds.
/// Everything is exact (LmOrganisms.InformationTheory); nothing is trained.
/// </summary>
internal static class DecompositionExperiment
{
    /// <summary>The experiment's short name in progress reports and output folders.</summary>
    public const string Name = "exp1-decomposition";

    /// <summary>
    /// A random finite ecology as in Exp0 (spec §3.3): π and d_c normalised U(0,1) draws, each next-token law
    /// (U + 0.05)/Σ, drawn with <c>new Random(seed)</c>; worlds w0.., contexts c0.., tokens v0...
    /// </summary>
    public static FiniteEcology RandomEcology(int seed, int worlds, int contexts, int vocabulary)
    {
        var rng = new Random(seed);
        double[] Normalised(int n, double floor)
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.NextDouble() + floor;
            double s = x.Sum();
            for (int i = 0; i < n; i++) x[i] /= s;
            return x;
        }
        var priors = Normalised(worlds, 0);
        var weights = Normalised(contexts, 0);
        var next = new double[worlds][][];
        for (int w = 0; w < worlds; w++)
        {
            next[w] = new double[contexts][];
            for (int c = 0; c < contexts; c++) next[w][c] = Normalised(vocabulary, 0.05);
        }
        return FiniteEcology.Create(Names("w", worlds), priors, Names("c", contexts), weights, Names("v", vocabulary), next);
    }

    /// <summary>Runs the experiment.</summary>
    public static DecompositionResult Run(DecompositionOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var points = new List<DecompositionPoint>();
        double maxGap = 0, maxSplit = 0;
        int splitChecks = 0, zeroFailures = 0, minFailures = 0;
        var partitions = SetPartition.AllPartitions(options.Worlds).ToArray();
        for (int e = 0; e < options.EcologyCount; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eco = RandomEcology(options.Seed + e, options.Worlds, options.Contexts, options.Vocabulary);
            int[]? leastComplex = null;
            double leastH = double.PositiveInfinity;
            foreach (var p in partitions)
            {
                var d = eco.Decompose(p);
                points.Add(new DecompositionPoint(e, p, d.Excess, d.JsExcess));
                maxGap = Math.Max(maxGap, Math.Abs(d.Excess - d.JsExcess));
                bool zero = Math.Abs(d.Excess) <= 1e-12;
                if (zero != !eco.MergesSeparatedPair(p)) zeroFailures++;
                if (zero && d.Complexity < leastH - 1e-12) { leastH = d.Complexity; leastComplex = p; }
                foreach (var cell in SetPartition.Cells(p).Where(c => c.Length >= 2))
                    foreach (var (a, b) in SetPartition.AllBinarySplits(cell))
                    {
                        var split = SetPartition.SplitCell(p, b);
                        var gain = eco.SplitGain(a, b);
                        foreach (double beta in options.SplitBetas)
                        {
                            double lhs = eco.Objective(p, beta) - eco.Objective(split, beta);
                            maxSplit = Math.Max(maxSplit, Math.Abs(lhs - gain.ThresholdRhs(beta)));
                            splitChecks++;
                        }
                    }
            }
            if (leastComplex is null || !SetPartition.Same(leastComplex, eco.QuotientPartition())
                || Math.Abs(leastH - eco.MinimumComplexity()) > 1e-12) minFailures++;
            progress?.Report(new ExperimentProgress(Name, "random ecologies", e + 1, options.EcologyCount));
        }
        var illustrative = Illustrate(options, cancellationToken);
        progress?.Report(new ExperimentProgress(Name, "illustrative ecology", 1, 1));
        var path = ProcessPath(OrganismWorlds.First(options.ProcessWorlds), options.ProcessContextLength, cancellationToken);
        progress?.Report(new ExperimentProgress(Name, "split-merge path of processes", 1, 1));
        return new DecompositionResult(options, points, maxGap, splitChecks, maxSplit, zeroFailures, minFailures, illustrative, path,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The exact split–merge path of the ecology of <paramref name="worlds"/> (<c>FiniteEcology.FromProcesses</c>, contexts of
    /// length 0..<paramref name="contextLength"/>, uniform prior): singleton thresholds, the global path from
    /// <c>GlobalPathExact</c> checked against the enumerating <c>GlobalPath</c>, the local prediction of every step and the frontier.
    /// </summary>
    public static ProcessSplitMergePath ProcessPath(IReadOnlyList<HiddenMarkovProcess> worlds, int contextLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        if (worlds.Count > 12) throw new ArgumentException($"{worlds.Count} worlds; the enumerating check of the path is limited to 12.", nameof(worlds));
        var ecology = FiniteEcology.FromProcesses(worlds, contextLength);
        var names = ecology.Worlds;
        var sigma = ecology.TaskDistanceMatrix();
        var (singles, _) = SingletonThresholds(ecology, sigma);
        var exact = ecology.GlobalPathExact(null, cancellationToken);
        var enumerated = ecology.GlobalPath(null, cancellationToken);
        bool agree = exact.Steps.Count == enumerated.Steps.Count && exact.Steps.Zip(enumerated.Steps).All(z =>
            Math.Abs(z.First.Beta - z.Second.Beta) <= 1e-9 && SetPartition.Same(z.First.To, z.Second.To));
        var transitions = exact.Steps.Select(s => new PathTransition(s.Beta, CellNames(s.From, names), CellNames(s.To, names),
            SetPartition.NumClasses(s.To), s.Excess, s.Complexity, CellNames(s.LocalPrediction, names), s.LocalBetaStar,
            s.MatchesLocalPrediction)).ToArray();
        var frontier = new List<FrontierPoint> { new(SetPartition.NumClasses(exact.Start), ecology.Excess(exact.Start), ecology.Complexity(exact.Start)) };
        frontier.AddRange(exact.Steps.Select(s => new FrontierPoint(SetPartition.NumClasses(s.To), s.Excess, s.Complexity)));
        return new ProcessSplitMergePath(names, contextLength, ecology.ContextCount, ecology.Floor(), sigma, singles, transitions, exact.MatchingSteps, agree, frontier);
    }

    /// <summary>The merge threshold of every pair of single worlds of <paramref name="ecology"/> (its threshold table on the
    /// identity partition) with the pair's σ²_D from <paramref name="sigma"/> (its task-distance matrix), and the pair's world indices.</summary>
    internal static (PairThreshold[] Pairs, (int CellA, int CellB)[] Worlds) SingletonThresholds(FiniteEcology ecology, double[][] sigma)
    {
        var names = ecology.Worlds;
        var table = ecology.ThresholdTable(SetPartition.Identity(ecology.WorldCount));
        return (table.Select(t => new PairThreshold(names[t.CellA], names[t.CellB], sigma[t.CellA][t.CellB], t.Gain.PredictiveGain, t.Gain.BetaStar)).ToArray(),
            table.Select(t => (t.CellA, t.CellB)).ToArray());
    }

    /// <summary>A partition written by world names, e.g. "{mess3+near}{drift}".</summary>
    public static string CellNames(ReadOnlySpan<int> labels, IReadOnlyList<string> worlds)
    {
        ArgumentNullException.ThrowIfNull(worlds);
        return string.Concat(SetPartition.Cells(labels).Select(c => "{" + string.Join("+", c.Select(i => worlds[i])) + "}"));
    }

    private static IllustrativeEcology Illustrate(DecompositionOptions options, CancellationToken cancellationToken)
    {
        for (int seed = options.Seed; seed < options.Seed + 10_000; seed++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eco = RandomEcology(seed, options.Worlds, options.Contexts, options.Vocabulary);
            if (eco.EcologicalComplexity() != eco.WorldCount) continue;
            var sigma = eco.TaskDistanceMatrix();
            int w1 = 0, w2 = 1;
            for (int i = 0; i < eco.WorldCount; i++)
                for (int j = i + 1; j < eco.WorldCount; j++)
                    if (sigma[i][j] < sigma[w1][w2]) (w1, w2) = (i, j);
            var gain = eco.SplitGain([w1], [w2]);
            if (gain.BetaStar < 1e-3 || gain.BetaStar > 0.5) continue;
            var identity = SetPartition.Identity(eco.WorldCount);
            var merged = identity.ToArray();
            merged[w2] = w1;
            merged = SetPartition.Canonicalize(merged);
            ThresholdPoint At(double beta) => new(beta, eco.Objective(merged, beta) - eco.Objective(identity, beta), gain.ThresholdRhs(beta));
            var threshold = new[] { 0.5, 1.0, 1.5 }.Select(f => At(f * gain.BetaStar)).ToArray();
            var curve = Enumerable.Range(0, 41).Select(i => At(2 * gain.BetaStar * i / 40)).ToArray();
            var optima = eco.OptimaAt(options.OptimumBetas, cancellationToken)
                .Select(o => new OptimumPoint(o.Beta, SetPartition.Canonicalize(o.Partition), o.CellCount, o.BayesLoss - eco.Floor(), o.Complexity))
                .ToArray();
            return new IllustrativeEcology(seed, w1, w2, sigma[w1][w2], gain.PredictiveGain, gain.BetaStar, merged, threshold, curve, optima);
        }
        throw new InvalidOperationException($"No random ecology from seed {options.Seed} on (10,000 tried) is fully separated with its closest pair's β* in [1e-3, 0.5].");
    }

    private static string[] Names(string prefix, int n) => Enumerable.Range(0, n).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
