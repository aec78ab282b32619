namespace LmOrganisms.Probing;

/// <summary>
/// Errors of a probe on a set of rows (weighted by the row weights). MSE is the mean over rows and targets of the
/// squared error (the belief-geometry paper's reported number, spec §2.4). R² follows scikit-learn's
/// <c>r2_score</c>: per target <c>1 − SSE_t / SST_t</c> (1 if SST_t = SSE_t = 0, 0 if only SST_t = 0),
/// <see cref="R2"/> = <c>variance_weighted</c> = <c>1 − Σ SSE_t / Σ SST_t</c> (the pooled R² of the paper),
/// <see cref="R2UniformAverage"/> = <c>uniform_average</c> (mean of the per-target R²).
/// </summary>
/// <param name="RowCount">Rows evaluated.</param>
/// <param name="WeightSum">Total row weight.</param>
/// <param name="Mse">Mean squared error over rows and targets.</param>
/// <param name="MsePerTarget">Mean squared error per target.</param>
/// <param name="R2">Pooled (variance-weighted) coefficient of determination.</param>
/// <param name="R2UniformAverage">Mean of the per-target coefficients of determination.</param>
/// <param name="R2PerTarget">Coefficient of determination per target.</param>
public sealed record ProbeMetrics(long RowCount, double WeightSum, double Mse, IReadOnlyList<double> MsePerTarget,
    double R2, double R2UniformAverage, IReadOnlyList<double> R2PerTarget);
