using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>A corner of the rate–distortion staircase, in nats.</summary>
/// <param name="Complexity">I = H(p(W)) of the encoding attaining the corner.</param>
/// <param name="Excess">Its excess Δ_D(p), the least among encodings with complexity ≤ I.</param>
/// <param name="Partition">The encoding (canonical labels).</param>
public sealed record RateDistortionPoint(double Complexity, double Excess, int[] Partition);
