namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>One (ecology, partition) point of the decomposition diagonal (spec §3.11 Fig 1), nats.</summary>
/// <param name="Ecology">Index of the random ecology.</param>
/// <param name="Partition">Canonical labels of the partition.</param>
/// <param name="Excess">L*_D(p) − H(Y|C,W) (Bayes loss minus floor).</param>
/// <param name="JsExcess">E_c Σ_x π_x JS_{α_x} (Thm 8's right-hand side).</param>
internal sealed record DecompositionPoint(int Ecology, int[] Partition, double Excess, double JsExcess);
