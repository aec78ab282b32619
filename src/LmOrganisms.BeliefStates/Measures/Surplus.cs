namespace LmOrganisms.BeliefStates;

/// <summary>
/// Exact information-surplus quantities of the ideal hidden state (the belief B after a context of
/// <see cref="ContextLength"/> tokens from the stationary start) about the next <see cref="Horizon"/> tokens, in nats.
/// Markov-categorical spec §1.4 (both candidate definitions) and §3 E1.
/// </summary>
/// <param name="ContextLength">Context length L.</param>
/// <param name="Horizon">Horizon k ≥ 1.</param>
/// <param name="PredictiveInformation">I(B; X_{t+1..t+j}) for j = 1..k (index j − 1); grows with j towards the excess entropy.</param>
/// <param name="Conditional">Chain-rule surplus S^cond_k = I(B; X_{t+2..t+k} | X_{t+1}) = I(B; X_{t+1..t+k}) − I(B; X_{t+1}).</param>
/// <param name="DpiGap">DPI gap S^DPI_k = I(B; X_{t+2..t+k}) − I(P; X_{t+2..t+k}), P the next-token law of B.</param>
/// <param name="NextTokenEntropy">H(X_{t+1} | B) (the ideal predictor's loss at this position).</param>
public sealed record Surplus(int ContextLength, int Horizon, double[] PredictiveInformation, double Conditional, double DpiGap, double NextTokenEntropy)
{
    /// <summary>State-prediction information I(B; X_{t+1}) in nats.</summary>
    public double StatePredictionInformation => PredictiveInformation[0];
}
