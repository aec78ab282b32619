namespace LmOrganisms.Ecology;

/// <summary>How <see cref="FiniteEcology.FromProcesses"/> weights the contexts (all words up to a maximum length).</summary>
public enum ContextLaw
{
    /// <summary>
    /// The law of the contexts a transformer sees when trained on sequences drawn from the mixture of worlds: each
    /// context length 0..L gets mass 1/(L+1) (one prediction per position), and within a length a word c gets
    /// Σ_w π(w) Pr_w(c), its probability under the world mixture. Words impossible in every world get weight 0.
    /// </summary>
    Pooled,

    /// <summary>Every context gets the same weight.</summary>
    Uniform,
}
