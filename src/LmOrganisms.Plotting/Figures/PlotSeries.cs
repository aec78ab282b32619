namespace LmOrganisms.Plotting;

/// <summary>One series of an <see cref="XyPlot"/>: points (x, y) drawn as markers, a line, or both.</summary>
/// <param name="Label">Legend text (empty: not in the legend).</param>
/// <param name="X">Horizontal coordinates.</param>
/// <param name="Y">Vertical coordinates, as many as <paramref name="X"/>.</param>
/// <param name="Line">Join the points with a line.</param>
/// <param name="Markers">Draw a marker at every point.</param>
/// <param name="Step">Draw the line as a staircase (the value holds until the next x), e.g. an optimum against β.</param>
public sealed record PlotSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Line = true, bool Markers = true, bool Step = false);
