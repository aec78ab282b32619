namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>One transition of the exact global split–merge path (spec §3.5), with cells written by world name.</summary>
/// <param name="Beta">β of the jump.</param>
/// <param name="From">The optimum below β, e.g. "{mess3}{near}{drift}".</param>
/// <param name="To">The optimum above β.</param>
/// <param name="Classes">k of <paramref name="To"/>.</param>
/// <param name="Excess">Excess of <paramref name="To"/> (nats).</param>
/// <param name="Complexity">H of <paramref name="To"/> (nats).</param>
/// <param name="LocalPrediction">The merge of the two cells of <paramref name="From"/> with the smallest β* (Thm 55).</param>
/// <param name="LocalBetaStar">That β*.</param>
/// <param name="MatchesLocalPrediction">Whether the global jump is the local prediction.</param>
internal sealed record PathTransition(double Beta, string From, string To, int Classes, double Excess, double Complexity,
    string LocalPrediction, double LocalBetaStar, bool MatchesLocalPrediction);
