namespace LmOrganisms.Transformers;

/// <summary>How the learning rate evolves over the run.</summary>
public enum LearningRateSchedule
{
    /// <summary>lr at every step.</summary>
    Constant,

    /// <summary>microgpt's linear decay <c>lr·(1 − step/steps)</c>, step 0-based.</summary>
    LinearDecay,

    /// <summary>Linear warm-up over <see cref="TrainingOptions.WarmupSteps"/> steps to lr, then cosine decay to 0 at the last step.</summary>
    WarmupCosine,
}
