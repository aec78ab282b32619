namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>Means over the worlds of one category of <see cref="OffEcologyExperiment"/> (nats; spec §3.7 expects
/// on &lt; related &lt; alien for CE, excess and inter-model JS).</summary>
/// <param name="Category">"on", "related" or "alien".</param>
/// <param name="Worlds">Number of worlds in the category.</param>
/// <param name="MeanCrossEntropy">Mean over worlds and organisms of the exact CE.</param>
/// <param name="MeanExcess">Mean exact excess (CE − the world's own optimum).</param>
/// <param name="MeanIdealExcess">Mean exact excess of the ideal on-ecology organism.</param>
/// <param name="MeanInterModelJs">Mean inter-model JS of averaged outputs.</param>
internal sealed record OffEcologyCategory(string Category, int Worlds, double MeanCrossEntropy, double MeanExcess, double MeanIdealExcess, double MeanInterModelJs);
