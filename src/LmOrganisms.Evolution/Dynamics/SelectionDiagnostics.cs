namespace LmOrganisms.Evolution;

/// <summary>
/// Calibration of observed selection-stage changes against their exact conditional law, over many stages (the paper's
/// Exp3 diagnostics; spec <c>task-ecologies.md</c> §3.6: coverage 0.96, fraction |z| ≤ 2 0.96, rms z 1.031).
/// </summary>
/// <param name="Count">Number of stages.</param>
/// <param name="Coverage95">Fraction of stages whose observed Δ_sel lies in the 95% band (≈ 0.95 when calibrated).</param>
/// <param name="FractionWithinTwo">Fraction of stages (with positive sd) with |z| ≤ 2.</param>
/// <param name="RmsZ">Root mean square of z over stages with positive sd (≈ 1 when calibrated).</param>
/// <param name="MeanAbsZ">Mean |z| over stages with positive sd (≈ √(2/π) ≈ 0.798 for standard normal z).</param>
/// <param name="MeanObservedChange">Mean observed Δ_sel.</param>
/// <param name="Slope">OLS slope of observed on expected change (NaN when all expected changes are equal).</param>
/// <param name="Intercept">OLS intercept (NaN when all expected changes are equal).</param>
/// <param name="RSquared">R² of that regression (NaN when undefined).</param>
/// <param name="Rmse">Root mean square of the regression residuals, sqrt(RSS/n) (NaN when undefined).</param>
/// <param name="SignMatch">Fraction of stages where sign(observed) = sign(expected).</param>
/// <param name="ZeroSpreadCount">Stages with sd = 0, left out of the z statistics.</param>
public sealed record SelectionDiagnostics(
    int Count, double Coverage95, double FractionWithinTwo, double RmsZ, double MeanAbsZ, double MeanObservedChange,
    double Slope, double Intercept, double RSquared, double Rmse, double SignMatch, int ZeroSpreadCount);
