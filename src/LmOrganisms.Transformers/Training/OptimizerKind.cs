namespace LmOrganisms.Transformers;

/// <summary>The optimiser (PyTorch semantics).</summary>
public enum OptimizerKind
{
    /// <summary>AdamW: decoupled weight decay <c>p ← p(1 − lr·λ)</c>, then Adam with bias correction.</summary>
    AdamW,

    /// <summary>Adam with bias correction; weight decay, if any, added to the gradient (L2).</summary>
    Adam,

    /// <summary>Plain SGD without momentum, <c>p ← p − lr(g + λp)</c> (the belief-geometry paper's optimiser).</summary>
    Sgd,
}
