using LmOrganisms.Transformers;

namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The small organisms of the task-ecology experiments on hidden-Markov worlds: microgpt (task-ecology spec §3.0)
/// shrunk so that a population or a sweep runs on a laptop core. The paper's own organism is
/// <see cref="TransformerPresets.MicroGptTaskEcology"/> (2 layers × 32, 27,328 parameters at vocabulary 27).
/// </summary>
internal static class OrganismPresets
{
    /// <summary>
    /// microgpt with 2 layers, d_model 16, 4 heads of 4, ReLU MLP of width 64, RMSNorm without gain, no biases, untied
    /// lm_head, init N(0, 0.08²): 6,496 parameters at vocabulary 3 and context 16. Measured on one core of the 2-core
    /// development box (load ≈ 2): 1,000 Adam steps of 16 sequences × 16 tokens take ≈ 5.6 s.
    /// </summary>
    /// <param name="vocabulary">Vocabulary size (3 for <see cref="OrganismWorlds"/>).</param>
    /// <param name="contextLength">block_size: the longest input (warm-up plus task context) the organism reads.</param>
    /// <param name="dModel">Width d_model (a multiple of 4; the simplicity-pressure experiment varies it).</param>
    public static TransformerConfig Tiny(int vocabulary, int contextLength = 16, int dModel = 16)
    {
        if (vocabulary < 2) throw new ArgumentException($"The vocabulary size {vocabulary} is too small; expected at least 2.", nameof(vocabulary));
        if (contextLength < 2) throw new ArgumentException($"The context length {contextLength} is too short; expected at least 2.", nameof(contextLength));
        int heads = dModel >= 4 && dModel % 4 == 0 ? 4 : dModel % 2 == 0 ? 2 : 1;
        return TransformerPresets.MicroGpt(vocabulary, layers: 2, dModel: dModel, heads: heads, contextLength: contextLength);
    }

    /// <summary>
    /// The paper's exp1 optimiser (spec §3.0) at a small batch: Adam β1 0.85, β2 0.99, ε 1e-8, linearly decaying learning
    /// rate <c>lr·(1 − step/steps)</c>, batches of <paramref name="batchSize"/> full-context sequences, no evaluation set,
    /// and decoupled weight decay <paramref name="weightDecay"/> (0 as in the paper).
    /// </summary>
    /// <param name="steps">Optimiser steps.</param>
    /// <param name="seed">Data seed (the batch of every step is a pure function of it).</param>
    /// <param name="learningRate">Peak learning rate (default 0.01, microgpt's).</param>
    /// <param name="batchSize">Sequences per step (default 16).</param>
    /// <param name="weightDecay">Decoupled weight decay λ (AdamW: p ← p(1 − lr·λ)).</param>
    public static TrainingOptions TinyTraining(int steps, int seed, double learningRate = 0.01, int batchSize = 16, double weightDecay = 0) => new()
    {
        Steps = steps,
        BatchSize = batchSize,
        Optimizer = OptimizerKind.AdamW,
        LearningRate = learningRate,
        Beta1 = 0.85,
        Beta2 = 0.99,
        Epsilon = 1e-8,
        WeightDecay = weightDecay,
        Schedule = LearningRateSchedule.LinearDecay,
        Seed = seed,
        EvalInterval = 0,
        EvalSequences = 16,
    };
}
