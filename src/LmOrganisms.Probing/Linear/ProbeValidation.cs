using System.Globalization;

namespace LmOrganisms.Probing;

/// <summary>
/// Controls for linear probes (belief-geometry spec §2.4): k-fold cross-validation, a held-out split, and the
/// shuffled-target control. Rows are assigned to folds/splits by group: the batch's group id (e.g. the sequence a
/// row came from, so that all positions of a sequence fall on the same side) or, without ids, the row's index in
/// the stream. Assignment is a deterministic hash of (seed, group), so it needs no second pass and is identical for
/// every run with the same seed.
/// </summary>
public static class ProbeValidation
{
    /// <summary>The fold (0 … <paramref name="folds"/>−1) of <paramref name="group"/> for <paramref name="seed"/>.</summary>
    public static int FoldOf(long group, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentException($"folds is {folds}; expected at least 2.", nameof(folds));
        return (int)(Mix(group, seed) % (ulong)folds);
    }

    /// <summary>Whether <paramref name="group"/> is held out when a fraction <paramref name="testFraction"/> of groups
    /// is held out with <paramref name="seed"/>: a uniform number in [0, 1) from the hash is below the fraction.</summary>
    public static bool IsHeldOut(long group, double testFraction, int seed)
    {
        CheckFraction(testFraction);
        return (Mix(group, seed) >> 11) * (1.0 / (1UL << 53)) < testFraction;
    }

    /// <summary>The seeded Fisher–Yates permutation of 0 … n−1 used by <see cref="LinearProbe.ShuffleControl"/>.</summary>
    public static int[] Permutation(int n, int seed)
    {
        var perm = Enumerable.Range(0, n).ToArray();
        ulong state = (ulong)seed ^ 0x5851F42D4C957F2DUL;
        for (int i = n - 1; i > 0; i--)
        {
            ulong z = SplitMix(ref state);
            int j = (int)((z >> 11) % (ulong)(i + 1));
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        return perm;
    }

    internal static long GroupOf(ProbeBatch batch, int row, long offset) =>
        batch.Groups is { } g ? g[row] : offset + row;

    internal static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentException(
                $"testFraction is {testFraction.ToString("R", CultureInfo.InvariantCulture)}; expected a value in (0, 1).",
                nameof(testFraction));
    }

    private static ulong Mix(long group, int seed)
    {
        ulong s = (ulong)group * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)seed << 32 | 0x2545F491UL);
        return SplitMix(ref s);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
