namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>
/// The exact two-ecology theory of <see cref="RescueExperiment"/> for the gap pair (w1, w2) (task-ecology paper Prop 47,
/// Cor 48; spec §1.13, §4.6). Separations are σ² = E_c H² (Hellinger, nats-free, in [0, 1]).
/// </summary>
/// <param name="World1">w1 (label y).</param>
/// <param name="World2">w2 (label z).</param>
/// <param name="Epsilon">The effective separation threshold ε.</param>
/// <param name="EpsilonCalibrated">True when ε is the calibrated behavioural threshold τ of the base organism.</param>
/// <param name="TokenSeparation">σ²_tok of the token ecology the organism's behaviour is measured on (contexts = body
/// positions, next-token law = the position's marginal, the paper's prefix ecology §3.2): 0 for every
/// <see cref="RescuePair"/>, whose token marginals are all uniform.</param>
/// <param name="ContextTokenSeparation">σ²_tok of the full-context token ecology (every body prefix a context,
/// <c>FiniteEcology.FromProcesses</c>, pooled): positive (0.202 for the noisy echo at B = 8, small for Mess3 twins).</param>
/// <param name="EvaluationSeparation">σ²_ν of the evaluation ecology (the summary token names the world): 1.</param>
/// <param name="AlphaStar">α* = (ε − σ²_tok)/(σ²_ν − σ²_tok) for the prefix token ecology (Prop 47c).</param>
/// <param name="ContextAlphaStar">α* for the full-context token ecology; null when σ²_tok &gt; ε there (the pair is then
/// not a gap pair: the token ecology already resolves it).</param>
/// <param name="IsGapPair">True when (w1, w2) is in G_ε for the prefix token ecology (σ²_tok ≤ ε &lt; σ²_ν).</param>
/// <param name="BayesSummaryCrossEntropy">The exact Bayes-optimal summary CE E[H(W | body)]: the floor of every organism's
/// summary CE (ln 2 when the body says nothing about the world).</param>
internal sealed record RescueTheory(string World1, string World2, double Epsilon, bool EpsilonCalibrated, double TokenSeparation,
    double ContextTokenSeparation, double EvaluationSeparation, double AlphaStar, double? ContextAlphaStar, bool IsGapPair,
    double BayesSummaryCrossEntropy);
