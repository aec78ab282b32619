using LmOrganisms.InformationTheory;
namespace LmOrganisms;

/// <summary>One transition of the global split–merge path (task-ecology spec §3.5 Exp2), values in nats.</summary>
/// <param name="Beta">The β at which the global optimum jumps from <paramref name="From"/> to <paramref name="To"/>.</param>
/// <param name="From">The optimum just below β.</param>
/// <param name="To">The optimum just above β.</param>
/// <param name="Excess">Excess Δ_D of <paramref name="To"/>.</param>
/// <param name="Complexity">H(p(W)) of <paramref name="To"/>.</param>
/// <param name="LocalPrediction">The merge of the two cells of <paramref name="From"/> with the smallest β* (Thm 55).</param>
/// <param name="LocalBetaStar">That smallest β*.</param>
/// <param name="MatchesLocalPrediction">True when the global transition is exactly the local prediction.</param>
public sealed record SplitMergeStep(double Beta, int[] From, int[] To, double Excess, double Complexity,
    int[] LocalPrediction, double LocalBetaStar, bool MatchesLocalPrediction);
