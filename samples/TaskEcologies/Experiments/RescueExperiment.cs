using System.Diagnostics;
using LmOrganisms.Ecology;
using LmOrganisms.Evolution;
using LmOrganisms.InformationTheory;
using LmOrganisms.Probing;
using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The paper's Exp6, two-ecology rescue (task-ecology paper Sec. 5.3, App. D, Prop 47, Prop 75; spec §1.13, §3.8), on a
/// gap pair whose truth is known exactly (<see cref="RescuePair"/>; default w1 = i.i.d. uniform and w2 = the noisy echo of
/// <see cref="GapWorlds"/>), whose next-token laws agree on every context of length ≤ 1 and whose token marginals are
/// identical at every position, so the prefix token ecology leaves them merged (σ²_tok = 0), while bodies of B tokens
/// carry evidence of the world (for the noisy echo, strong evidence, as the paper's bracket bodies). The
/// evaluation ecology appends a summary token naming the world (y for w1, z for w2), as the paper's balance label does:
/// vocabulary = {A, B, C, y, z}. Both ecologies are exact <see cref="FiniteEcology"/> objects, ε is the calibrated
/// behavioural threshold and α* = (ε − σ²_tok)/(σ²_ν − σ²_tok) comes from <see cref="EcologyInjection"/>. A base organism
/// trained on tokens only is post-trained with labelled sequences in proportion α (static sweep), and a recipe-trait
/// population (trait α, fitness exp(−summary CE), Wright–Fisher parents, α mutation clamped to [0, 1]) shows the mean
/// trait rising with ᾱ_sel ≥ ᾱ (Prop 75).
/// </summary>
internal static class RescueExperiment
{
    /// <summary>Short name used in progress reports and output folders.</summary>
    public const string Name = "exp6-rescue";

    /// <summary>The organisms' vocabulary: the process alphabet A, B, C, then the summary labels y (world 1) and z (world 2).</summary>
    public static IReadOnlyList<string> Vocabulary { get; } = ["A", "B", "C", "y", "z"];

    /// <summary>The gap pair chosen by <paramref name="options"/>: (uniform, echo) for <see cref="RescuePair.NoisyEcho"/>,
    /// (uniform, sum3) for <see cref="RescuePair.SumThree"/>, (<see cref="World1"/>, <see cref="World2"/>) for <see cref="RescuePair.Mess3Twin"/>.</summary>
    public static (HiddenMarkovProcess World1, HiddenMarkovProcess World2) Worlds(RescueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Pair switch
        {
            RescuePair.NoisyEcho => (GapWorlds.Uniform(), GapWorlds.NoisyEcho(options.EchoNoise)),
            RescuePair.SumThree => (GapWorlds.Uniform(), GapWorlds.SumThree()),
            _ => (World1, World2(options.TwinX)),
        };
    }

    /// <summary>World 1 of the Mess3-twin pair: Mess3(0.05, 0.85), "mess3" of <see cref="OrganismWorlds"/>.</summary>
    public static HiddenMarkovProcess World1 { get; } = OrganismWorlds.ByName("mess3");

    /// <summary>World 2 of the Mess3-twin pair: the Mess3 twin of <see cref="World1"/> with jump probability <paramref name="twinX"/>, named "mess3-twin".</summary>
    public static HiddenMarkovProcess World2(double twinX) => TwinWorlds.Mess3Twin(0.05, 0.85, twinX, "mess3-twin");

    /// <summary>
    /// The token ecology as the organism's behaviour is measured (the paper's prefix ecology, spec §3.2): contexts = body
    /// positions k = 1..B (k tokens read), weighted equally, next-token law = the exact law of token k + 1 marginalised
    /// over bodies (labels have probability 0).
    /// </summary>
    public static FiniteEcology TokenEcology(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength)
    {
        CheckWorlds(world1, world2);
        if (bodyLength < 1) throw new ArgumentException($"bodyLength is {bodyLength}; expected at least 1.", nameof(bodyLength));
        var worlds = new[] { world1, world2 };
        var next = new double[2][][];
        for (int w = 0; w < 2; w++)
        {
            // Stationary: every position has the one-symbol law P(x) = π T[x] 1.
            var marginal = Pad(Enumerable.Range(0, 3).Select(x => worlds[w].WordProbability([x])).ToArray());
            next[w] = Enumerable.Range(0, bodyLength).Select(_ => (double[])marginal.Clone()).ToArray();
        }
        var contexts = Enumerable.Range(1, bodyLength).Select(k => $"position {k}").ToArray();
        return FiniteEcology.Create([world1.Name, world2.Name], [0.5, 0.5], contexts, Enumerable.Repeat(1.0 / bodyLength, bodyLength).ToArray(), Vocabulary, next);
    }

    /// <summary>
    /// The full-context token ecology: every body prefix of length 1..B is a context (<c>FiniteEcology.FromProcesses</c>,
    /// lengths weighted equally, words by probability), next-token law exact, labels with probability 0.
    /// </summary>
    public static FiniteEcology ContextTokenEcology(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength)
    {
        CheckWorlds(world1, world2);
        var pooled = FiniteEcology.FromProcesses([world1, world2], bodyLength).WithContextLengths(1, bodyLength);
        var next = new double[2][][];
        for (int w = 0; w < 2; w++)
            next[w] = Enumerable.Range(0, pooled.ContextCount).Select(c => Pad(pooled.Next(w, c).ToArray())).ToArray();
        return FiniteEcology.Create(pooled.Worlds, pooled.Priors, pooled.Contexts, pooled.ContextWeights, Vocabulary, next);
    }

    /// <summary>The evaluation ecology ν: one task, "summary after B tokens", whose target is the world's label
    /// (P_w1 = δ_y, P_w2 = δ_z), so σ²_ν(w1, w2) = 1.</summary>
    public static FiniteEcology EvaluationEcology(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength)
    {
        CheckWorlds(world1, world2);
        return FiniteEcology.Create([world1.Name, world2.Name], [0.5, 0.5], [$"summary after {bodyLength} tokens"], [1.0], Vocabulary,
            [[[0, 0, 0, 1, 0]], [[0, 0, 0, 0, 1]]]);
    }

    /// <summary>
    /// The exact theory for a threshold ε: the separations of both token ecologies and of ν, α* (Prop 47c) and the
    /// Bayes-optimal summary CE E[H(W | body)] (by enumerating every body of length B).
    /// </summary>
    public static RescueTheory Theory(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength, double epsilon, bool calibrated)
    {
        var token = TokenEcology(world1, world2, bodyLength);
        var context = ContextTokenEcology(world1, world2, bodyLength);
        var evaluation = EvaluationEcology(world1, world2, bodyLength);
        double sigmaTok = token.TaskDistance(0, 1), sigmaContext = context.TaskDistance(0, 1), sigmaEval = evaluation.TaskDistance(0, 1);
        bool gap = EcologyInjection.GapSet(token, evaluation, epsilon).Count == 1;
        double alphaStar = EcologyInjection.AlphaStar(token, evaluation, 0, 1, epsilon);
        double? contextAlphaStar = sigmaContext <= epsilon ? EcologyInjection.AlphaStar(context, evaluation, 0, 1, epsilon) : null;
        return new RescueTheory(world1.Name, world2.Name, epsilon, calibrated, sigmaTok, sigmaContext, sigmaEval, alphaStar, contextAlphaStar, gap,
            BayesSummaryCrossEntropy(world1, world2, bodyLength));
    }

    /// <summary>E[H(W | body)] in nats for bodies of <paramref name="bodyLength"/> tokens, uniform prior: the least summary CE
    /// (mean over worlds of −ln P(label_w | body)) any organism can reach.</summary>
    public static double BayesSummaryCrossEntropy(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength)
    {
        CheckWorlds(world1, world2);
        var worlds = new[] { world1, world2 };
        double total = 0;
        for (int w = 0; w < 2; w++)
        {
            var bodies = worlds[w].Words(bodyLength);
            for (int r = 0; r < bodies.Count; r++)
            {
                var body = bodies.Tokens.AsSpan(r * bodyLength, bodyLength);
                double own = bodies.Probabilities[r], other = worlds[1 - w].WordProbability(body);
                total += 0.5 * own * -Math.Log(own / (own + other));
            }
        }
        return total;
    }

    /// <summary>
    /// The training world of recipe α: each sequence is, with probability 1 − α, B + 1 body tokens of w1 or w2 (equally
    /// likely) and, with probability α, B body tokens followed by the world's summary label — sampled exactly through
    /// <see cref="TrainingWorld.FromEcology"/> from an ecology whose contexts are all body prefixes of length 0..B.
    /// </summary>
    public static TrainingWorld RecipeWorld(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength, double alpha)
    {
        CheckWorlds(world1, world2);
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"alpha is {alpha}; expected a value in [0, 1].", nameof(alpha));
        var bodies = FiniteEcology.FromProcesses([world1, world2], bodyLength);
        var names = new List<string>();
        var priors = new List<double>();
        var next = new List<double[][]>();
        for (int labelled = 0; labelled < 2; labelled++)
        {
            double mass = labelled == 1 ? alpha : 1 - alpha;
            if (mass <= 0) continue;
            for (int w = 0; w < 2; w++)
            {
                names.Add($"{bodies.Worlds[w]}{(labelled == 1 ? " labelled" : " tokens")}");
                priors.Add(mass / 2);
                int label = 3 + w;
                next.Add(Enumerable.Range(0, bodies.ContextCount).Select(c =>
                {
                    int length = bodies.ContextWords![c].Count;
                    if (labelled == 1 && length == bodyLength)
                    {
                        var delta = new double[Vocabulary.Count];
                        delta[label] = 1;
                        return delta;
                    }
                    return Pad(bodies.Next(w, c).ToArray());
                }).ToArray());
            }
        }
        var ecology = FiniteEcology.Create(names, priors, bodies.Contexts, bodies.ContextWeights, Vocabulary, next.ToArray(), bodies.ContextWords);
        return TrainingWorld.FromEcology(ecology);
    }

    /// <summary>Runs the experiment.</summary>
    public static RescueResult Run(RescueOptions options, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        int b = options.BodyLength;
        var (w1, w2) = Worlds(options);
        var config = OrganismPresets.Tiny(Vocabulary.Count, contextLength: b);
        var evaluator = new SummaryEvaluator(w1, w2, b);

        progress?.Report(new ExperimentProgress(Name, $"base organism: {options.BaseSteps} steps on tokens", 0, 1));
        using var baseModel = Transformer.Create(config, options.Seed);
        baseModel.Train(RecipeWorld(w1, w2, b, 0), OrganismPresets.TinyTraining(options.BaseSteps, options.Seed, options.BaseLearningRate, options.BatchSize)
            with { SequenceLength = b }, cancellationToken: cancellationToken);

        // ε: the behavioural threshold of the base organism (split halves of held-out w1 bodies, prefixes 3, 5, B).
        double epsilon;
        IReadOnlyList<double> calibration = [];
        if (options.Epsilon is { } given) epsilon = given;
        else
        {
            var held = w1.Sample(options.CalibrationSequences, b, options.Seed + 777);
            var laws = baseModel.AsSequenceModel(OrganismTraining.EvaluationBatch).NextTokenLaws(held.Tokens, held.Count, b);
            int[] positions = [Math.Min(3, b), Math.Min(5, b), b];
            var outputs = Enumerable.Range(0, held.Count).Select(r => (IReadOnlyList<double[]>)positions
                .Select(k => laws.AsSpan(((r * b) + k - 1) * Vocabulary.Count, Vocabulary.Count).ToArray()).ToArray()).ToArray();
            var tau = ThresholdCalibration.SplitHalves(outputs, Vocabulary.Count, 30, 0.95, options.Seed);
            epsilon = tau.Threshold;
            calibration = tau.Distances;
        }
        var theory = Theory(w1, w2, b, epsilon, options.Epsilon is null);

        // Static sweep.
        var raw = new List<(double Alpha, double Body, double Summary, double Separation)>();
        for (int i = 0; i < options.Alphas.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double alpha = options.Alphas[i];
            progress?.Report(new ExperimentProgress(Name, $"sweep α = {alpha:G3}: {options.PostSteps} steps", i, options.Alphas.Count));
            using var model = Clone(baseModel);
            model.Train(RecipeWorld(w1, w2, b, alpha), PostTraining(options, options.PostSteps, options.Seed + 100 + i), cancellationToken: cancellationToken);
            var (body, summary, separation) = evaluator.Full(model);
            raw.Add((alpha, body, summary, separation));
        }
        double s0 = raw.First(r => r.Alpha == 0).Summary, s1 = raw.First(r => r.Alpha == 1).Summary;
        var sweep = raw.Select(r => new RescueSweepPoint(r.Alpha, r.Body, r.Summary, r.Separation,
            s0 != s1 ? (s0 - r.Summary) / (s0 - s1) : double.NaN, r.Separation > epsilon, r.Alpha > theory.AlphaStar)).ToArray();

        // Recipe-trait population (Prop 75): every individual is the base organism post-trained at its own α.
        var rng = new Random(options.Seed + 5);
        var traits = Enumerable.Range(0, options.PopulationSize).Select(_ => rng.NextDouble()).ToArray();
        var generations = new List<RescueGeneration>();
        int total = options.Generations * options.PopulationSize;
        for (int g = 1; g <= options.Generations; g++)
        {
            var risks = new double[traits.Length];
            for (int i = 0; i < traits.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ExperimentProgress(Name, $"population generation {g}/{options.Generations}, individual {i + 1}", ((g - 1) * traits.Length) + i, total));
                using var model = Clone(baseModel);
                model.Train(RecipeWorld(w1, w2, b, traits[i]), PostTraining(options, options.PopulationSteps, options.Seed + (1000 * g) + i), cancellationToken: cancellationToken);
                risks[i] = evaluator.Summary(model);
            }
            var fitness = risks.Select(r => Math.Exp(-r)).ToArray();
            var selection = RecipeSelection.Select(traits, fitness);
            generations.Add(new RescueGeneration(g, traits, risks, fitness, selection.MeanTrait, selection.SelectedMeanTrait, risks.Average()));
            traits = RecipeSelection.NextGeneration(traits, fitness, options.TraitNoise, (options.Seed * 7919) + g);
        }
        progress?.Report(new ExperimentProgress(Name, "done", total, total));
        double atLeast = generations.Count(g => g.SelectedMeanTrait >= g.MeanTrait - 1e-12) / (double)generations.Count;
        return new RescueResult(options, theory, calibration, sweep, generations, atLeast, clock.Elapsed.TotalSeconds);
    }

    private static TrainingOptions PostTraining(RescueOptions options, int steps, int seed) =>
        OrganismPresets.TinyTraining(steps, seed, options.PostLearningRate, options.BatchSize) with { SequenceLength = options.BodyLength, Schedule = LearningRateSchedule.Constant };

    private static Transformer Clone(Transformer model)
    {
        var copy = Transformer.Create(model.Config);
        copy.LoadStateDict(model.StateDict());
        return copy;
    }

    private static double[] Pad(double[] law)
    {
        var padded = new double[Vocabulary.Count];
        law.CopyTo(padded, 0);
        return padded;
    }

    private static void CheckWorlds(HiddenMarkovProcess world1, HiddenMarkovProcess world2)
    {
        ArgumentNullException.ThrowIfNull(world1);
        ArgumentNullException.ThrowIfNull(world2);
        foreach (var w in new[] { world1, world2 })
            if (!w.Alphabet.SequenceEqual(["A", "B", "C"]))
                throw new ArgumentException($"World '{w.Name}' has alphabet ({string.Join(", ", w.Alphabet)}); the rescue experiment needs (A, B, C).", nameof(world1));
    }

    /// <summary>Exact scores of an organism on both worlds: body CE (positions 1..B on words of B + 1 tokens), summary CE and
    /// the behavioural separation at the summary position.</summary>
    private sealed class SummaryEvaluator
    {
        private readonly int bodyLength;
        private readonly ProcessWords[] bodies;

        public SummaryEvaluator(HiddenMarkovProcess world1, HiddenMarkovProcess world2, int bodyLength)
        {
            this.bodyLength = bodyLength;
            bodies = [world1.Words(bodyLength), world2.Words(bodyLength)];
        }

        public (double Body, double Summary, double Separation) Full(Transformer model)
        {
            int nv = Vocabulary.Count, b = bodyLength;
            double body = 0, summary = 0;
            var summaryLaws = new double[2][];
            for (int w = 0; w < 2; w++)
            {
                var laws = Laws(model, w);
                // Every position's CE is against the next body token (exact law); the summary law at the last position is the label's.
                body += 0.5 * bodies[w].CrossEntropy(laws, nv).Average();
                summaryLaws[w] = bodies[w].MeanLaws(laws, nv)[b - 1];
                summary += 0.5 * LabelLoss(bodies[w], laws, w, b);
            }
            return (body, summary, Divergence.JensenShannon(summaryLaws[0], summaryLaws[1]));
        }

        public double Summary(Transformer model)
        {
            double summary = 0;
            for (int w = 0; w < 2; w++)
                summary += 0.5 * LabelLoss(bodies[w], Laws(model, w), w, bodyLength);
            return summary;
        }

        private double[] Laws(Transformer model, int world) =>
            model.AsSequenceModel(OrganismTraining.EvaluationBatch).NextTokenLaws(bodies[world].Tokens, bodies[world].Count, bodyLength);

        /// <summary>Σ_word P(word) (−ln q(label_w | first B tokens)), from laws over inputs of B tokens.</summary>
        private static double LabelLoss(ProcessWords set, double[] laws, int world, int b)
        {
            int nv = Vocabulary.Count, label = 3 + world;
            double loss = 0, total = 0;
            for (int r = 0; r < set.Count; r++)
            {
                total += set.Probabilities[r];
                loss -= set.Probabilities[r] * Math.Log(laws[(((r * b) + b - 1) * nv) + label]);
            }
            return loss / total;
        }
    }
}
