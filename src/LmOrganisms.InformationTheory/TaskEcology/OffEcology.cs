using LmOrganisms.Ecology;
using LmOrganisms.InformationTheory;

namespace LmOrganisms;

/// <summary>
/// Deployment (probe) ecologies, off-ecology failure and generalists versus specialists (task-ecology paper App. E,
/// Props 77–78, Thm 74; spec §4.7), in nats. A deployment ecology is the same worlds and contexts with another context
/// law D_C^(2).
/// </summary>
public static class OffEcology
{
    /// <summary>True when the deployment ecology refines the training one: every deployment class lies in a training class.</summary>
    public static bool Refines(FiniteEcology deployment, FiniteEcology training, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(training);
        return SetPartition.Refines(deployment.QuotientPartition(tolerance), training.QuotientPartition(tolerance));
    }

    /// <summary>True when the refinement is strict: some pair has σ²_train = 0 &lt; σ²_deploy.</summary>
    public static bool StrictlyRefines(FiniteEcology deployment, FiniteEcology training, double tolerance = 0) =>
        Refines(deployment, training, tolerance) &&
        !SetPartition.Same(deployment.QuotientPartition(tolerance), training.QuotientPartition(tolerance));

    /// <summary>The deployment excess Δ_{μ2}(p) of the training quotient (the min-complexity zero-excess encoding for μ1).</summary>
    public static double OffEcologyExcess(FiniteEcology training, FiniteEcology deployment)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Excess(training.QuotientPartition());
    }

    /// <summary>
    /// The lower bound of Prop 77 for a merged pair: (π(w1) + π(w2)) E_{c∼D_C^(2)}[JS_λ(P_w1(·|c), P_w2(·|c))],
    /// λ = π(w1)/(π(w1) + π(w2)).
    /// </summary>
    public static double ExcessLowerBound(FiniteEcology deployment, int world1, int world2)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.SplitGain([world1], [world2]).ThresholdRhs(0);
    }

    /// <summary>
    /// The non-identifiable decoder pair of Prop 78 for the training quotient, where w1 and w2 share a cell; throws when
    /// the ecologies do not share contexts, the worlds are in different cells, or no off-ecology context separates them.
    /// </summary>
    public static NonIdentifiableDecoders NonIdentifiable(FiniteEcology training, FiniteEcology deployment, int world1, int world2)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(deployment);
        if (!training.Contexts.SequenceEqual(deployment.Contexts, StringComparer.Ordinal) || !training.Worlds.SequenceEqual(deployment.Worlds, StringComparer.Ordinal))
            throw new ArgumentException("The training and deployment ecologies must share worlds and contexts (only the context law differs).", nameof(deployment));
        var labels = training.QuotientPartition();
        if (labels[world1] != labels[world2])
            throw new ArgumentException($"Worlds {world1} and {world2} lie in different training classes; there is nothing to mis-extend.", nameof(world2));
        var a = Enumerable.Range(0, training.ContextCount).Where(c => training.ContextWeights[c] == 0 && deployment.ContextWeights[c] > 0
            && !training.Next(world1, c).SequenceEqual(training.Next(world2, c))).ToArray();
        if (a.Length == 0)
            throw new ArgumentException($"No context has zero training weight, positive deployment weight and different laws for worlds {world1} and {world2}.", nameof(world2));
        var bayes = training.BayesDecoder(labels);
        var first = Copy(bayes);
        var second = Copy(bayes);
        foreach (int c in a)
        {
            first[labels[world1]][c] = training.Next(world1, c).ToArray();
            second[labels[world1]][c] = training.Next(world2, c).ToArray();
        }
        return new NonIdentifiableDecoders(first, second, a,
            training.DecoderLoss(labels, first), training.DecoderLoss(labels, second),
            deployment.DecoderLoss(labels, first), deployment.DecoderLoss(labels, second));
    }

    /// <summary>
    /// The uniform task mixture D = (1/T) Σ D^(t) of tasks over the same worlds, contexts and laws (Thm 74): the
    /// context weights are averaged.
    /// </summary>
    public static FiniteEcology UniformTaskMixture(IReadOnlyList<FiniteEcology> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("No tasks given.", nameof(tasks));
        var first = tasks[0];
        for (int t = 1; t < tasks.Count; t++)
        {
            var e = tasks[t];
            bool same = e.Worlds.SequenceEqual(first.Worlds) && e.Contexts.SequenceEqual(first.Contexts) && e.Vocabulary.SequenceEqual(first.Vocabulary);
            for (int w = 0; same && w < e.WorldCount; w++)
                for (int c = 0; same && c < e.ContextCount; c++)
                    same = e.Next(w, c).SequenceEqual(first.Next(w, c));
            if (!same) throw new ArgumentException($"Task {t} differs from task 0 in worlds, contexts, vocabulary or laws; only the context law may differ.", nameof(tasks));
        }
        var d = Enumerable.Range(0, first.ContextCount).Select(c => tasks.Average(t => t.ContextWeights[c])).ToArray();
        return first.WithContextWeights(d);
    }

    /// <summary>Per-task excess Δ_t of the generalist encoding (the quotient of the uniform task mixture); all 0 by Thm 74.</summary>
    public static double[] GeneralistExcess(IReadOnlyList<FiniteEcology> tasks)
    {
        var labels = UniformTaskMixture(tasks).QuotientPartition();
        return tasks.Select(t => t.Excess(labels)).ToArray();
    }

    /// <summary>The excess on an evaluation task of a specialist: the quotient encoding of its own task (Thm 74).</summary>
    public static double SpecialistExcess(FiniteEcology specialistTask, FiniteEcology evaluationTask)
    {
        ArgumentNullException.ThrowIfNull(specialistTask);
        ArgumentNullException.ThrowIfNull(evaluationTask);
        return evaluationTask.Excess(specialistTask.QuotientPartition());
    }

    private static double[][][] Copy(double[][][] d) => d.Select(x => x.Select(r => (double[])r.Clone()).ToArray()).ToArray();
}
