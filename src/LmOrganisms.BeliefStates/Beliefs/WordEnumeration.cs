using LmOrganisms.BeliefStates;
using LmOrganisms.Ecology;

namespace LmOrganisms.BeliefStates;

/// <summary>
/// Enumeration of all positive-probability words of a fixed length from the stationary start, in lexicographic order of
/// token indices, by depth-first search over beliefs (one belief vector per depth, no tree kept). Belief-geometry spec
/// checklist item 8: 59,049 / 436 / 32 words of length 10 for Mess3 / RRXOR / Z1R.
/// </summary>
public static class WordEnumeration
{
    /// <summary>Calls <paramref name="visitor"/> for every word of length <paramref name="length"/> with positive probability, in lexicographic order.</summary>
    public static void ForEach(HiddenMarkovProcess process, int length, WordVisitor visitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(visitor);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int s = process.StateCount, nx = process.AlphabetSize;
        var flat = Check.Flatten(process);
        var beliefs = new double[(length + 1) * s];
        var probs = new double[length + 1];
        var word = new int[length];
        process.StationaryDistribution.ToArray().CopyTo(beliefs, 0);
        probs[0] = 1;
        if (length == 0) { visitor(word, 1, beliefs.AsSpan(0, s)); return; }
        int d = 0;
        word[0] = -1;
        long visited = 0;
        while (d >= 0)
        {
            int x = ++word[d];
            if (x >= nx) { d--; continue; }
            var v = beliefs.AsSpan((d + 1) * s, s);
            double z = BeliefStep.Unnormalised(flat, s, x, beliefs.AsSpan(d * s, s), v);
            if (!(z > 0)) continue;
            for (int b = 0; b < s; b++) v[b] /= z;
            probs[d + 1] = probs[d] * z;
            if (d + 1 == length)
            {
                if ((++visited & 65535) == 0) cancellationToken.ThrowIfCancellationRequested();
                visitor(word, probs[length], v);
            }
            else
            {
                d++;
                word[d] = -1;
            }
        }
    }

    /// <summary>Number of positive-probability words of length <paramref name="length"/>.</summary>
    public static long Count(HiddenMarkovProcess process, int length)
    {
        long n = 0;
        ForEach(process, length, (_, _, _) => n++);
        return n;
    }
}
