namespace LmOrganisms.InformationTheory;

/// <summary>A divergence D(p‖q) between two finite distributions over the same support, used by <see cref="CategoricalEntropy"/>.</summary>
/// <param name="p">First distribution.</param>
/// <param name="q">Second distribution.</param>
public delegate double DivergenceFunction(ReadOnlySpan<double> p, ReadOnlySpan<double> q);
