using System.Collections.Concurrent;
using LmOrganisms.BeliefStates;

namespace LmOrganisms;

/// <summary>
/// What an ideal predictor of a stationary hidden-Markov process must know, for contexts of up to
/// <see cref="ContextLength"/> tokens: the exact theory of the belief-geometry paper (spec §2–§3) and the exact side of
/// the Markov-categorical framework (§1.4). Reached from the process: <c>process.Theory(contextLength)</c>. Every member
/// is computed on first use and cached (thread-safe); all values are in nats.
/// </summary>
/// <remarks>
/// Quantities that do not depend on a horizon (entropy rate, excess entropy, statistical complexity) are exact when the
/// generator is unifilar or its mixed-state presentation closes (RRXOR, Z1R, golden mean, even); otherwise (Mess3) they
/// are bracketed at word length <see cref="ContextLength"/> and say so (<see cref="Estimate.IsExact"/>, or null).
/// </remarks>
public sealed class ProcessTheory
{
    private readonly Lazy<MixedStatePresentation> msp;
    private readonly Lazy<EntropyCurves> curves;
    private readonly Lazy<Estimate> entropyRate;
    private readonly Lazy<Estimate> excessEntropy;
    private readonly Lazy<ClosedMspMeasures?> closed;
    private readonly ConcurrentDictionary<int, Surplus> surplus = new();

    internal ProcessTheory(HiddenMarkovProcess process, int contextLength, double tolerance)
    {
        Process = process;
        ContextLength = contextLength;
        Tolerance = tolerance;
        msp = new(() => MixedStatePresentation.Build(process, contextLength, tolerance));
        curves = new(() => BlockEntropy.Curves(process, contextLength + 1, tolerance));
        entropyRate = new(() => LmOrganisms.BeliefStates.EntropyRate.Compute(process, contextLength, tolerance));
        excessEntropy = new(() => LmOrganisms.BeliefStates.ExcessEntropy.Compute(process, contextLength, tolerance));
        closed = new(() => ClosedMspMeasures.TryCompute(process, tolerance));
    }

    /// <summary>The process.</summary>
    public HiddenMarkovProcess Process { get; }

    /// <summary>n: the longest context (tokens read) the theory covers.</summary>
    public int ContextLength { get; }

    /// <summary>Beliefs closer than this in max-norm are merged (default 1e-9).</summary>
    public double Tolerance { get; }

    /// <summary>The mixed-state presentation to depth <see cref="ContextLength"/> (spec §2.1, §3.2; Mess3 depth 10: 88,570
    /// distinct beliefs at tolerance 1e-9).</summary>
    public MixedStatePresentation MixedStatePresentation => msp.Value;

    /// <summary>Block, myopic and belief entropies H(L), h(L), E H(η) for L = 0..n + 1 (spec checklist items 11–12).</summary>
    public EntropyCurves BlockEntropies => curves.Value;

    /// <summary>The entropy rate h_μ (checklist item 13; RRXOR 2/3 bit): exact for a unifilar generator or a closing MSP,
    /// else the bracket h(n) ≥ h_μ ≥ H[X_n | X_&lt;n, S₀] at word length n.</summary>
    public Estimate EntropyRate => entropyRate.Value;

    /// <summary>The excess entropy E = I[past; future] (checklist item 14; Z1R ln 3): exact when the MSP closes, else the
    /// partial sum to n with its error bound.</summary>
    public Estimate ExcessEntropy => excessEntropy.Value;

    /// <summary>Statistical complexity C_μ, the entropy of the ε-machine's causal states; null when the MSP does not close
    /// (Mess3: infinitely many causal states).</summary>
    public double? StatisticalComplexity => closed.Value?.StatisticalComplexity;

    /// <summary>Transient information T (Crutchfield &amp; Feldman 2003 Eq. 40), nats × symbols; null when the MSP does not close.</summary>
    public double? TransientInformation => closed.Value?.TransientInformation;

    /// <summary>Synchronisation information S = Σ_L H[S_L | X_1..X_L]; null unless the MSP closes and the generator synchronises.</summary>
    public double? SynchronisationInformation => closed.Value?.SynchronisationInformation;

    /// <summary>The Bayes-optimal loss per context position k = 1..n of a causal predictor (convention A, the paper's
    /// trainer: position k has read k tokens, optimum h(k + 1); Mess3 n = 10: mean 0.802512 nats). The floor a trained
    /// transformer's loss per position is compared with.</summary>
    public OptimalLoss OptimalLoss => OptimalLoss.FromCurves(curves.Value, ContextLength, LossConvention.A);

    /// <summary>The optimal loss per position under <paramref name="convention"/> (see <see cref="LossConvention"/>).</summary>
    public OptimalLoss OptimalLossFor(LossConvention convention) => OptimalLoss.FromCurves(curves.Value, ContextLength, convention);

    /// <summary>
    /// The exact information surplus of the belief after n tokens about the next <paramref name="horizon"/> tokens
    /// (Markov-categorical spec §1.4, §3 E1): I(B; X_{t+1..t+j}) for j = 1..k, S^cond_k and S^DPI_k. Cost: distinct
    /// beliefs at depth n × |X|^k.
    /// </summary>
    public Surplus Surplus(int horizon) =>
        surplus.GetOrAdd(horizon, k => InformationSurplus.Compute(Process, ContextLength, k, Tolerance));

    /// <inheritdoc />
    public override string ToString() => $"Theory of {Process.Name} for contexts up to {ContextLength} tokens";
}
