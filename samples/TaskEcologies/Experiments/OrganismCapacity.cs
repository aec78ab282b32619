namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>A capacity setting of <see cref="SimplicityPressureExperiment"/>: organism width and weight penalty.</summary>
/// <param name="DModel">d_model of <see cref="OrganismPresets.Tiny"/>.</param>
/// <param name="WeightDecay">Decoupled weight decay λ (AdamW), the explicit weight penalty.</param>
internal sealed record OrganismCapacity(int DModel, double WeightDecay);
