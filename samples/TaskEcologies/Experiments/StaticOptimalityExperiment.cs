using System.Diagnostics;
using System.Globalization;
using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// Experiment 2 of samples/TaskEcologies: the task-ecology paper's Exp1, static optimality (spec §3.4), on worlds whose
/// truth is known exactly. For each T ∈ {1, 2, 3, 5} and seed, a tiny microgpt organism is trained on the uniform
/// mixture of the first T <see cref="OrganismWorlds"/>; its induced partition is measured with a world-revealing warm-up
/// (<see cref="InducedPartitionAnalysis"/>, spec §1.6, §3.2) and evaluated with the exact ecology
/// <c>FiniteEcology.FromProcesses</c>: k_exact, k, s, floor, Bayes loss and exact JS excess of the induced partition,
/// excess ratio (1 by Thm 8 whenever the gap is positive), the organism's loss on the ecology's contexts and the
/// approximation gap. Optionally the same on the user's own text (one text per world) with the empirical prefix
/// ecology of held-out chunks (spec §3.2).
/// </summary>
internal static class StaticOptimalityExperiment
{
    /// <summary>The experiment's short name in progress reports and output folders.</summary>
    public const string Name = "exp2-static-optimality";

    /// <summary>Runs the experiment.</summary>
    public static StaticOptimalityResult Run(StaticOptimalityOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var runs = new List<StaticOptimalityRun>();
        foreach (int t in options.WorldCounts)
            for (int i = 0; i < options.Seeds; i++)
                runs.Add(RunProcesses(options, OrganismWorlds.First(t), i, progress, cancellationToken));
        var ideal = options.WorldCounts.Distinct().Select(t => MeasureIdeal(options, OrganismWorlds.First(t), cancellationToken)).ToArray();
        var textRuns = new List<StaticOptimalityRun>();
        if (options.Corpus is { } texts)
        {
            var corpus = PreparedText.Create(texts, options);
            foreach (int t in options.WorldCounts.Where(t => t <= texts.Languages.Count))
                for (int i = 0; i < options.Seeds; i++)
                    textRuns.Add(RunText(options, corpus, t, i, progress, cancellationToken));
        }
        return new StaticOptimalityResult(options, runs, Conditions(runs), ideal, textRuns, Conditions(textRuns), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Trains one organism on the uniform mixture of <paramref name="worlds"/> and measures it (seed index <paramref name="seedIndex"/>).</summary>
    public static StaticOptimalityRun RunProcesses(StaticOptimalityOptions options, IReadOnlyList<HiddenMarkovProcess> worlds, int seedIndex,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(worlds);
        options.Validate();
        int t = worlds.Count, seed = options.Seed * 100 + 10 * seedIndex + t;
        string stage = $"T={t} seed {seedIndex + 1}/{options.Seeds}";
        var config = OrganismPresets.Tiny(worlds[0].AlphabetSize, options.ModelContext, options.DModel);
        var training = OrganismPresets.TinyTraining(options.Steps, seed + 50_000, options.LearningRate, options.BatchSize);
        var (model, loss) = OrganismTraining.Train(config, seed, TrainingWorld.FromProcesses(worlds), training, Name, stage + ": training", progress, cancellationToken);
        using (model)
        {
            var run = Measure(model.AsSequenceModel(), options, worlds, seedIndex, seed, loss, cancellationToken);
            progress?.Report(new ExperimentProgress(Name, stage + ": measured", 1, 1));
            return run;
        }
    }

    /// <summary>The ideal organism on <paramref name="worlds"/>: the exact Bayes predictor of their uniform mixture
    /// (<see cref="MixturePredictor"/>), measured with the same warm-ups and τ rule as the trained organisms of T = worlds.Count.</summary>
    public static StaticOptimalityRun MeasureIdeal(StaticOptimalityOptions options, IReadOnlyList<HiddenMarkovProcess> worlds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(worlds);
        options.Validate();
        return Measure(new MixturePredictor(worlds), options, worlds, 0, options.Seed * 100 + worlds.Count, null, cancellationToken);
    }

    private static StaticOptimalityRun Measure(ISequenceModel model, StaticOptimalityOptions options, IReadOnlyList<HiddenMarkovProcess> worlds,
        int seedIndex, int seed, double? loss, CancellationToken cancellationToken)
    {
        var ecology = FiniteEcology.FromProcesses(worlds, options.ContextLength);
        var analysis = OrganismMeasurement.Analyse(model, worlds, ecology, options, seed, cancellationToken);
        return StaticOptimalityRun.Of(seedIndex, worlds.Select(w => w.Name).ToArray(), analysis, loss);
    }

    private static StaticOptimalityRun RunText(StaticOptimalityOptions options, PreparedText corpus, int t, int seedIndex,
        IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        int seed = options.Seed * 100 + 10 * seedIndex + t + 5_000;
        string stage = $"text T={t} seed {seedIndex + 1}/{options.Seeds}";
        int v = corpus.Vocabulary.Count;
        var config = OrganismPresets.Tiny(v, options.ModelContext, options.DModel);
        var world = TrainingWorld.FromCorpus(corpus.Corpus, corpus.Names.Take(t).ToArray());
        var training = OrganismPresets.TinyTraining(options.Steps, seed + 50_000, options.LearningRate, options.BatchSize);
        var (model, loss) = OrganismTraining.Train(config, seed, world, training, Name, stage + ": training", progress, cancellationToken);
        using (model)
        {
            var names = corpus.Names.Take(t).ToArray();
            var heldOut = corpus.HeldOut.Take(t).ToArray();
            var ecology = FiniteEcology.FromCorpus(corpus.Corpus, options.PrefixLengths, names);
            var sequenceModel = model.AsSequenceModel();
            // outputs[w][chunk][r]: the organism's law after [BOS, t1..tr] of every held-out chunk
            var outputs = heldOut.Select(chunks => LastPositionLaws(sequenceModel, chunks, options.PrefixLengths)).ToArray();
            var meanLaws = outputs.Select(byChunk => (IReadOnlyList<double[]>)Enumerable.Range(0, options.PrefixLengths.Count)
                .Select(k => Mean(byChunk.Select(c => c[k]).ToArray(), v)).ToArray()).ToArray();
            double tau = options.Threshold ?? ThresholdCalibration.SplitHalves(outputs[0], v, 30, 0.95, seed + 90_000).Threshold;
            var a = InducedPartitionAnalysis.Fit(meanLaws, ecology, tau);
            progress?.Report(new ExperimentProgress(Name, stage + ": measured", 1, 1));
            return StaticOptimalityRun.Of(seedIndex, names, a, loss);
        }
    }

    /// <summary>[chunk][r] = the model's law for the token after [BOS, t₁ … t_r] (the first r + 1 tokens of the chunk's sequence).</summary>
    private static double[][][] LastPositionLaws(ISequenceModel model, IReadOnlyList<int[]> chunks, IReadOnlyList<int> prefixLengths)
    {
        int v = model.Vocabulary;
        var laws = chunks.Select(_ => new double[prefixLengths.Count][]).ToArray();
        for (int k = 0; k < prefixLengths.Count; k++)
        {
            int r = prefixLengths[k], length = r + 1;
            var tokens = new int[chunks.Count * length];
            for (int c = 0; c < chunks.Count; c++) chunks[c].AsSpan(0, length).CopyTo(tokens.AsSpan(c * length, length));
            var all = model.NextTokenLaws(tokens, chunks.Count, length);
            for (int c = 0; c < chunks.Count; c++)
                laws[c][k] = all.AsSpan(((c * length) + r) * v, v).ToArray();
        }
        return laws;
    }

    private static double[] Mean(IReadOnlyList<double[]> rows, int v)
    {
        var m = new double[v];
        foreach (var row in rows)
            for (int i = 0; i < v; i++) m[i] += row[i];
        for (int i = 0; i < v; i++) m[i] /= rows.Count;
        return m;
    }

    private static IReadOnlyList<StaticOptimalityCondition> Conditions(IReadOnlyList<StaticOptimalityRun> runs) =>
        runs.GroupBy(r => r.WorldCount).OrderBy(g => g.Key).Select(g => StaticOptimalityCondition.Of(g.ToArray())).ToArray();

    /// <summary>The corpus with, per language, the held-out sequences long enough for every prefix length (the chunks whose
    /// laws the organism's mean output law averages, and the τ calibration splits).</summary>
    private sealed record PreparedText(TextCorpus Corpus, string[] Names, IReadOnlyList<string> Vocabulary, IReadOnlyList<int[]>[] HeldOut)
    {
        public static PreparedText Create(TextCorpus corpus, StaticOptimalityOptions options)
        {
            int maxR = options.PrefixLengths.Max();
            var heldOut = corpus.Languages.Select(language =>
            {
                // [BOS, t1 … tn, BOS] with n > maxR letters: every prefix [BOS, t1 … tr] exists
                var kept = language.TestSequences.Where(s => s.Length - 2 > maxR).ToArray();
                if (kept.Length < 2)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{language.Source} has {kept.Length} held-out chunks longer than the longest prefix {maxR}; at least 2 are needed (give more text)."), nameof(options));
                return (IReadOnlyList<int[]>)kept;
            }).ToArray();
            return new PreparedText(corpus, corpus.Languages.Select(l => l.Name).ToArray(), corpus.Tokenizer.Vocabulary, heldOut);
        }
    }
}
