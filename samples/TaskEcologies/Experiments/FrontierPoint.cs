namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>A point of the split–merge frontier: an optimum on the path (spec §3.5 "Frontier (k, excess, H)"), nats.</summary>
/// <param name="Classes">k.</param>
/// <param name="Excess">L* − floor.</param>
/// <param name="Complexity">H(p(W)).</param>
internal sealed record FrontierPoint(int Classes, double Excess, double Complexity);
