namespace LmOrganisms.Probing;

/// <summary>A probe fitted on a training split and its metrics on the training rows and on the held-out rows.</summary>
/// <param name="Model">The probe fitted on the training rows.</param>
/// <param name="Train">In-sample metrics on the training rows.</param>
/// <param name="Test">Metrics on the held-out rows.</param>
public sealed record HeldOutResult(LinearProbeModel Model, ProbeMetrics Train, ProbeMetrics Test);
