namespace LmOrganisms.BeliefStates;

/// <summary>
/// Which context positions a per-position loss refers to (belief-geometry spec §2.3, §3.3 and checklist item 15).
/// Both describe a causal model with context length n; they differ in whether the first, unconditioned token is scored.
/// </summary>
public enum LossConvention
{
    /// <summary>
    /// Convention A (the paper's trainer): inputs x_1..x_n, targets x_2..x_{n+1}; position k = 1..n has read k tokens and
    /// its optimal loss is h(k+1) = H[X_{k+1} | X_1..X_k]. The paper's relative loss divides by these.
    /// </summary>
    A,

    /// <summary>
    /// Convention B (every token of an n-token window scored): position k = 0..n−1 has read k tokens and predicts
    /// x_{k+1}; its optimal loss is h(k+1), so position 0 is the unconditional entropy H(1).
    /// </summary>
    B,
}
