namespace LmOrganisms.Samples.TaskEcologies;

/// <summary>The gap pair of <see cref="RescueExperiment"/> (both worlds agree on every context of length ≤ 1).</summary>
internal enum RescuePair
{
    /// <summary>I.i.d. uniform vs the noisy echo (<see cref="GapWorlds.NoisyEcho"/>, noise <see cref="RescueOptions.EchoNoise"/>):
    /// bodies reveal the world strongly (Bayes summary CE 0.094 nats at B = 8, η = 0.1).</summary>
    NoisyEcho,

    /// <summary>I.i.d. uniform vs the sum-3 block process (<see cref="GapWorlds.SumThree"/>): Bayes summary CE 0.346 nats at B = 8.</summary>
    SumThree,

    /// <summary>Mess3(0.05, 0.85) vs its Mess3 twin (<see cref="TwinWorlds"/>, x' = <see cref="RescueOptions.TwinX"/>): barely
    /// separated (Bayes summary CE 0.623 nats at B = 8, x' = 0.15).</summary>
    Mess3Twin,
}
