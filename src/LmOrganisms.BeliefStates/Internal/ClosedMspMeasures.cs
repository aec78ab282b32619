using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Measures of a process whose MSP closes (finite ε-machine), all in nats, computed by running the mixed-state law
/// μ_L forward until the mass on transient states falls below 1e-16 (Crutchfield &amp; Feldman 2003 definitions).
/// </summary>
internal sealed record ClosedMspMeasures(double EntropyRate, double ExcessEntropy, double TransientInformation,
    double? SynchronisationInformation, double StatisticalComplexity, int CausalStates, int Steps)
{
    private const int MaxSteps = 1_000_000;
    private const double TransientMass = 1e-16;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HiddenMarkovProcess, ClosedMspMeasures?> Cache = new();

    public static ClosedMspMeasures? TryCompute(HiddenMarkovProcess process, double tolerance = 1e-9)
    {
        if (tolerance == 1e-9 && Cache.TryGetValue(process, out var cached)) return cached;
        var msp = MixedStatePresentation.TryClose(process, maxDepth: 64, maxStates: 20_000, tolerance);
        var result = msp.IsClosed && msp.RecurrentClassCount == 1 ? From(msp) : null;
        if (tolerance == 1e-9) Cache.AddOrUpdate(process, result);
        return result;
    }

    public static ClosedMspMeasures From(MixedStatePresentation msp)
    {
        var eps = msp.EpsilonMachine();
        double hmu = LmOrganisms.BeliefStates.EntropyRate.OfUnifilar(eps);
        double cmu = Shannon.Nats(eps.StationaryDistribution.ToArray());
        var recurrent = new bool[msp.Count];
        foreach (var r in msp.RecurrentStates) recurrent[r] = true;
        var nextH = BlockEntropy.NextSymbolEntropies(msp);
        var beliefH = BlockEntropy.BeliefEntropies(msp);
        bool synchronising = msp.RecurrentStates.All(r => beliefH[r] < 1e-12);
        var block = new List<double> { 0 };
        double sync = 0, e = 0;
        var mu = new double[msp.Count];
        mu[0] = 1;
        int l = 0;
        while (true)
        {
            double transient = 0, h = 0, hb = 0;
            for (int s = 0; s < mu.Length; s++)
            {
                if (mu[s] == 0) continue;
                if (!recurrent[s]) transient += mu[s];
                h += mu[s] * nextH[s];
                hb += mu[s] * beliefH[s];
            }
            sync += hb;
            if (transient <= TransientMass || l >= MaxSteps) break;
            e += h - hmu;                   // h(l + 1) − h_μ
            block.Add(block[^1] + h);       // H(l + 1)
            mu = msp.Step(mu);
            l++;
        }
        double t = 0;
        for (int k = 0; k < block.Count; k++) t += e + hmu * k - block[k];
        return new ClosedMspMeasures(hmu, e, t, synchronising ? sync : null, cmu, eps.StateCount, l);
    }
}
