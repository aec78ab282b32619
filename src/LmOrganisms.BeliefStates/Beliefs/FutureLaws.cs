using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Exact laws of the next k tokens given a belief (spec markov-categories §1.4, "exact computation for a known HMM"):
/// P(x_{t+1..t+k} | η) = η T^{(x₁)} ⋯ T^{(x_k)} 𝟙, futures indexed as base-|X| numbers, first symbol most significant.
/// The one future-law recursion of the library: the exact surplus (<see cref="ProcessTheory.Surplus"/>) and the
/// usable-information targets both use it.
/// </summary>
public static class FutureLaws
{
    /// <summary>The law of the next <paramref name="horizon"/> tokens after belief <paramref name="belief"/> (|X|^k entries).</summary>
    public static double[] Of(HiddenMarkovProcess process, ReadOnlySpan<double> belief, int horizon)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (belief.Length != process.StateCount)
            throw new ArgumentException($"belief has {belief.Length} entries; process '{process.Name}' has {process.StateCount} states.", nameof(belief));
        var law = new double[Count(process, horizon)];
        Into(process, belief, horizon, law, new double[(horizon + 1) * process.StateCount]);
        return law;
    }

    /// <summary>The future laws of every belief row (rows × |X|^k, row-major) of <paramref name="beliefs"/> (rows × states).</summary>
    public static double[] OfAll(HiddenMarkovProcess process, ReadOnlySpan<double> beliefs, int horizon)
    {
        ArgumentNullException.ThrowIfNull(process);
        int s = process.StateCount;
        if (beliefs.Length % s != 0) throw new ArgumentException($"beliefs has {beliefs.Length} values, not a multiple of {s} states.", nameof(beliefs));
        int rows = beliefs.Length / s, f = Count(process, horizon);
        var all = new double[(long)rows * f];
        for (int r = 0; r < rows; r++) Of(process, beliefs.Slice(r * s, s), horizon).CopyTo(all, (long)r * f);
        return all;
    }

    /// <summary>|X|^k, the number of futures, refusing more than 2^20.</summary>
    internal static int Count(HiddenMarkovProcess process, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        double count = Math.Pow(process.AlphabetSize, horizon);
        if (count > 1 << 20) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"{process.AlphabetSize}^{horizon} futures is more than 2^20.");
        return (int)count;
    }

    /// <summary>The future law into <paramref name="law"/> (|X|^k entries) with a caller's scratch of (k + 1) × S entries.</summary>
    internal static void Into(HiddenMarkovProcess process, ReadOnlySpan<double> belief, int horizon, double[] law, double[] scratch)
    {
        belief.CopyTo(scratch);
        Fill(process, horizon, scratch, 0, 0, law);
    }

    private static void Fill(HiddenMarkovProcess process, int k, double[] scratch, int depth, int prefix, double[] law)
    {
        int s = process.StateCount;
        var eta = scratch.AsSpan(depth * s, s);
        if (depth == k)
        {
            double p = 0;
            foreach (var v in eta) p += v;
            law[prefix] = p;
            return;
        }
        for (int x = 0; x < process.AlphabetSize; x++)
        {
            process.StepUnnormalised(scratch.AsSpan(depth * s, s), x, scratch.AsSpan((depth + 1) * s, s));
            Fill(process, k, scratch, depth + 1, prefix * process.AlphabetSize + x, law);
        }
    }
}
