namespace LmOrganisms.Probing;

/// <summary>Options of <see cref="FutureInformationProbe"/> (spec markov-categories §1.4).</summary>
/// <param name="Horizon">k ≥ 2: the future block X_{t+1..t+k} and the surplus S^cond_k = I(·; X_{t+2..t+k} | X_{t+1}).</param>
/// <param name="CellResolution">m of the belief-cell target (<see cref="BeliefCells"/>).</param>
/// <param name="Probe">Fit options of the linear-softmax probes (null: <see cref="SoftmaxProbeOptions.Default"/>).</param>
public sealed record UsableInformationOptions(int Horizon = 2, int CellResolution = 4, SoftmaxProbeOptions? Probe = null)
{
    /// <summary>k = 2, m = 4, default probe fit.</summary>
    public static UsableInformationOptions Default { get; } = new();
}
