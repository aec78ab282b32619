namespace LmOrganisms.BeliefStates;

/// <summary>
/// A measured information quantity in nats with an error bound: exact (to machine precision) when <see cref="IsExact"/>,
/// otherwise a converged numerical limit whose true value lies within <see cref="ErrorBound"/> of <see cref="Value"/>. In bits: <see cref="Units.ToBits(double)"/>.
/// </summary>
/// <param name="Value">The value, in nats.</param>
/// <param name="ErrorBound">Half-width of the interval known to contain the true value, in nats (0 when exact).</param>
/// <param name="IsExact">True for closed-form or finite-MSP computations.</param>
/// <param name="Method">How it was computed (for reports).</param>
public sealed record Estimate(double Value, double ErrorBound, bool IsExact, string Method);
