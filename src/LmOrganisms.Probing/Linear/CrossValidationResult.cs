namespace LmOrganisms.Probing;

/// <summary>
/// k-fold cross-validation of a probe: the metrics of each fold's held-out rows under the probe fitted on the other
/// folds, and the pooled out-of-fold metrics (squared errors summed over folds; R² against the variance of all rows
/// around their overall mean, as sklearn's <c>r2_score</c> on <c>cross_val_predict</c> output).
/// </summary>
/// <param name="Folds">Per-fold held-out metrics, fold 0 first.</param>
/// <param name="Pooled">Out-of-fold metrics over all rows.</param>
public sealed record CrossValidationResult(IReadOnlyList<ProbeMetrics> Folds, ProbeMetrics Pooled);
